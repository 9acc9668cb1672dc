/**
 * Writes the six benchmarks' golds that are math expressions (not bare numbers or text), each with its
 * plain-text reading by the checker's parser, as input to `sympy_rewrites.py`:
 *
 *     node --import tsx tests/reference/checker/export-golds.ts > /tmp/golds.jsonl
 */
import { join } from "node:path";
import { goldAlternatives } from "../../../shared/checker/check.ts";
import { normalizeLatex } from "../../../shared/checker/math/normalize.ts";
import { parseNormalized } from "../../../shared/checker/math/parse.ts";
import { render } from "../../../shared/checker/math/render.ts";
import { readAllBenchmarks } from "../../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";

/** Kinds of parsed gold that a CAS can rewrite; numbers are left to the synthetic suites. */
const REWRITABLE = new Set(["neg", "add", "mul", "div", "pow", "call", "sym", "list", "group", "rel"]);

for (const problem of await readAllBenchmarks(join(defaultDataDir(), "benchmarks"))) {
  const gold = goldAlternatives(problem.gold)[0]!;
  const parsed = parseNormalized(normalizeLatex(gold));
  if (!parsed.ok || !REWRITABLE.has(parsed.node.t)) continue;
  const line = { benchmark: problem.benchmark, index: problem.index, gold, reading: render(parsed.node) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
