import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { checkAnswer } from "../../shared/checker/check.ts";
import { VerdictSchema } from "../../shared/contracts/grading.ts";

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
