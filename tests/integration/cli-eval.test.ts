import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EvaluationResultSchema } from "../../shared/contracts/evaluation.ts";

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;

import { rlvr } from "../support/rlvr.ts";

describe("rlvr eval (in-process)", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-eval-"));
    await writeFile(
      join(dir, "toy.jsonl"),
      jsonl([
        { id: "p1", problem: "1/2 + 1/2 = ?", answer: "1" },
        { id: "p2", problem: "Half of one?", answer: "\\frac{1}{2}" },
      ]),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("scores a samples file and writes JSON, Markdown and HTML reports", async () => {
    const samples = jsonl([
      { problem_id: "p1", sample: 0, response: "\\boxed{1}" },
      { problem_id: "p1", sample: 1, response: "\\boxed{2}" },
      { problem_id: "p2", sample: 0, response: "It is \\boxed{0.5}" },
      { problem_id: "p2", sample: 1, response: "\\boxed{\\dfrac12}" },
    ]);
    await writeFile(join(dir, "samples.jsonl"), samples);
    const out = join(dir, "out");
    const result = await rlvr(
      "eval",
      join(dir, "samples.jsonl"),
      "--data",
      join(dir, "toy.jsonl"),
      "--k",
      "2",
      "--out",
      out,
    );
    assert.equal(result.code, 0, result.stderr);
    const parsed = EvaluationResultSchema.parse(JSON.parse(await readFile(join(out, "result.json"), "utf8")));
    assert.equal(parsed.benchmarks.length, 1);
    assert.equal(parsed.benchmarks[0]!.pass1, (1 / 2 + 2 / 2) / 2);
    assert.equal(parsed.benchmarks[0]!.passAtK["pass@2"], 1);
    const markdown = await readFile(join(out, "report.md"), "utf8");
    assert.match(markdown, /\| Pass@1 \| 75\.0 \| 75\.0 \|/);
    const html = await readFile(join(out, "report.html"), "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<svg/);
    assert.doesNotMatch(html, /<script src=|https?:\/\//, "self-contained: no external resources");
    assert.match(result.stdout, /Pass@1/);
  });

  it("refuses samples that do not cover every problem k times, unless --allow-partial", async () => {
    await writeFile(join(dir, "partial.jsonl"), jsonl([{ problem_id: "p1", response: "\\boxed{1}" }]));
    const refused = await rlvr(
      "eval",
      join(dir, "partial.jsonl"),
      "--data",
      join(dir, "toy.jsonl"),
      "--k",
      "2",
    );
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /without samples: toy\/p2/);
    assert.match(refused.stderr, /fewer than k = 2 samples: toy\/p1 \(1\)/);
    const out = join(dir, "partial-out");
    const allowed = await rlvr(
      "eval",
      join(dir, "partial.jsonl"),
      "--data",
      join(dir, "toy.jsonl"),
      "--k",
      "2",
      "--allow-partial",
      "--out",
      out,
    );
    assert.equal(allowed.code, 0, allowed.stderr);
  });

  it("names invalid sample lines", async () => {
    await writeFile(join(dir, "invalid.jsonl"), jsonl([{ response: "x" }]));
    const result = await rlvr("eval", join(dir, "invalid.jsonl"), "--data", join(dir, "toy.jsonl"));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /invalid\.jsonl:1: problem_id/);
  });
});
