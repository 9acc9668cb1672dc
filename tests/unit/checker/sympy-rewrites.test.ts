/**
 * The six benchmarks' golds rewritten by SymPy (tests/reference/checker/sympy_rewrites.py: its LaTeX
 * and plain-text printers, expanded, factored, simplified, over a common denominator; and wrong
 * variants), with SymPy's word on which are equal. The checker must agree on every one.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkAnswer } from "../../../shared/checker/check.ts";

interface Rewrite {
  benchmark: string;
  index: number;
  gold: string;
  response: string;
  kind: string;
  correct: boolean;
}

const FIXTURE = new URL("../../reference/fixtures/checker-sympy-rewrites.jsonl", import.meta.url);
const rewrites: Rewrite[] = readFileSync(FIXTURE, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));

describe("checker against SymPy's rewrites of the benchmark golds", () => {
  it("has rewrites of both kinds for hundreds of golds", () => {
    const golds = new Set(rewrites.map((r) => `${r.benchmark}#${r.index}`));
    assert.ok(golds.size >= 400, `${golds.size} golds`);
    assert.ok(rewrites.filter((r) => r.correct).length >= 700);
    assert.ok(rewrites.filter((r) => !r.correct).length >= 700);
  });

  it("accepts every equal rewrite and rejects every wrong one, boxed", () => {
    const disagreements = rewrites
      .filter((r) => checkAnswer({ response: `\\boxed{${r.response}}`, gold: r.gold }).correct !== r.correct)
      .map((r) => `${r.benchmark}#${r.index} ${r.kind} (${r.correct ? "equal" : "wrong"}): ${r.response}`);
    assert.deepEqual(disagreements, []);
  });
});
