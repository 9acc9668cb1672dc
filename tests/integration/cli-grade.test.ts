import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { freePort } from "../../infra/stack/managed-process.ts";
import { checkAnswer } from "../../shared/checker/check.ts";
import { BATCH_BODY_LIMIT_BYTES, VerdictSchema } from "../../shared/contracts/grading.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";
import { rlvr } from "../support/rlvr.ts";

describe("rlvr grade (in-process)", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-cli-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("grades every line, in order, like the checker does", async () => {
    const lines = [
      { response: "\\boxed{42}", gold: "42" },
      { candidate: "so \\boxed{7}", gold: 8 },
      { response: "The answer is 3.", gold: ["3", "three"], id: "keeps extra fields out" },
    ];
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    await writeFile(input, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n\n`);
    const result = await rlvr("grade", input, "-o", output);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /graded 3/);
    const verdicts = (await readFile(output, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      verdicts.map((v) => v.line),
      [1, 2, 3],
    );
    for (const [i, verdict] of verdicts.entries()) {
      VerdictSchema.parse(verdict);
      const line = lines[i]!;
      const expected = checkAnswer({ response: line.response ?? line.candidate!, gold: line.gold });
      assert.equal(verdict.correct, expected.correct, `line ${i + 1}`);
      assert.equal(verdict.extracted, expected.extracted, `line ${i + 1}`);
    }
    assert.equal(verdicts[0].correct, true);
    assert.equal(verdicts[1].correct, false);
  });

  it("refuses a file with invalid lines, naming each line, and grades nothing", async () => {
    const input = join(dir, "bad.jsonl");
    const output = join(dir, "bad-out.jsonl");
    await writeFile(
      input,
      `${JSON.stringify({ response: "1", gold: "1" })}\n${JSON.stringify({ gold: 1 })}\n`,
    );
    const result = await rlvr("grade", input, "-o", output);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /bad\.jsonl:2: response/);
    const notJson = join(dir, "not-json.jsonl");
    await writeFile(notJson, "{oops\n");
    const second = await rlvr("grade", notJson);
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /not-json\.jsonl:1: not valid JSON/);
  });

  it("rejects bad flag values with a clear message", async () => {
    const result = await rlvr("grade", "x.jsonl", "--percent", "sometimes");
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /percent/);
  });

  it("has --help on every command", async () => {
    for (const args of [
      ["--help"],
      ["grade", "--help"],
      ["stack", "up", "--help"],
      ["stack", "check", "--help"],
      ["demo", "--help"],
    ]) {
      const result = await rlvr(...args);
      assert.equal(result.code, 0, args.join(" "));
      assert.match(result.stdout, /Usage: rlvr/);
    }
  });
});

describe("rlvr grade --via http", () => {
  let dir: string;
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-cli-http-"));
    grader = await startTestGrader();
  });
  after(async () => {
    await grader?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("grades a file far larger than one request body with the default flags", async () => {
    // 300 responses of ~100 KB: the default 256 items per batch would be ~25 MB, over the 16 MB limit.
    const thinking = "Let me think about it once more, step by step. ".repeat(2_100);
    const lines = Array.from({ length: 300 }, (_, i) => ({
      response: `${thinking}\\boxed{${i}}`,
      gold: i % 3 ? i : i + 1,
    }));
    const input = join(dir, "large.jsonl");
    const output = join(dir, "large-out.jsonl");
    const text = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
    await writeFile(input, text);
    assert.ok(text.length > 1.5 * BATCH_BODY_LIMIT_BYTES, `the file is ${text.length} bytes`);
    const result = await rlvr("grade", input, "--via", "http", "--grader-url", grader.url, "-o", output);
    assert.equal(result.code, 0, result.stderr);
    const verdicts = (await readFile(output, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      verdicts.map((v) => v.line),
      lines.map((_, i) => i + 1),
    );
    assert.deepEqual(
      verdicts.map((v) => v.correct),
      lines.map((_, i) => i % 3 !== 0),
    );
  });

  it("takes several replicas and skips one that is down", async () => {
    const input = join(dir, "small.jsonl");
    await writeFile(input, `${JSON.stringify({ response: "\\boxed{42}", gold: "42" })}\n`);
    const dead = `http://127.0.0.1:${await freePort()}`;
    const result = await rlvr("grade", input, "--via", "http", "--grader-url", `${dead},${grader.url}`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout.trim()).correct, true);
  });

  it("says which URLs it tried and how to start a grader when none is reachable", async () => {
    const input = join(dir, "small.jsonl");
    const dead = `http://127.0.0.1:${await freePort()}`;
    const result = await rlvr("grade", input, "--via", "http", "--grader-url", dead);
    assert.notEqual(result.code, 0);
    assert.ok(result.stderr.includes(dead), result.stderr);
    assert.match(result.stderr, /could not connect/);
    assert.match(result.stderr, /rlvr stack up/);
  });
});
