import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AVERAGE,
  comparePass1,
  comparisonTable,
  describeProblemCounts,
} from "../../../learner/demo/comparison.ts";
import type { EvaluationResult } from "../../../shared/contracts/evaluation.ts";

/** An evaluation holding only what the comparison reads: Pass@1 per set and the average. */
function evaluation(
  pass1BySet: Record<string, number>,
  problems: Record<string, number> = {},
): EvaluationResult {
  const values = Object.values(pass1BySet);
  return {
    benchmarks: Object.entries(pass1BySet).map(([benchmark, pass1]) => ({
      benchmark,
      problems: problems[benchmark] ?? 10,
      k: 16,
      pass1,
      passAtK: { "pass@1": pass1 },
      majAtK: pass1,
      meanResponseChars: 12,
      gradingFailures: 0,
      coverage: {
        problems: { covered: problems[benchmark] ?? 10, total: problems[benchmark] ?? 10 },
        samplesPerProblem: { min: 16, max: 16 },
        k: 16,
        partial: false,
      },
    })),
    average: { pass1: values.reduce((a, b) => a + b, 0) / values.length, majAtK: 0, passAtK: {} },
    coverage: { partial: false, missing: [] },
    samples: 160 * values.length,
    problems: [],
  };
}

describe("demo: Pass@1 before and after", () => {
  it("pairs every family by name, in the order before lists them, then the average", () => {
    const rows = comparePass1(
      evaluation({ arithmetic: 0.5, fraction: 0.25 }),
      evaluation({ fraction: 0.25, arithmetic: 0.75 }),
    );
    assert.deepEqual(
      rows.map((r) => [r.family, r.before, r.after]),
      [
        ["arithmetic", 0.5, 0.75],
        ["fraction", 0.25, 0.25],
        [AVERAGE, 0.375, 0.5],
      ],
    );
  });

  it("refuses evaluations of different sets", () => {
    assert.throws(
      () => comparePass1(evaluation({ arithmetic: 0.5 }), evaluation({ fraction: 0.5 })),
      /no evaluation of arithmetic after training/,
    );
    assert.throws(
      () => comparePass1(evaluation({ arithmetic: 0.5 }), evaluation({ arithmetic: 0.5, fraction: 0.1 })),
      /different problem sets/,
    );
  });

  it("prints percentages and the change in points, columns aligned", () => {
    const table = comparisonTable([
      { family: "linear", before: 0.25, after: 0.5 },
      { family: AVERAGE, before: 0.125, after: 0.0625 },
    ]);
    const lines = table.split("\n");
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^\| task family \| before \| after \| change \(points\) \|$/);
    assert.match(lines[2]!, /^\| linear +\| +25\.0% \| +50\.0% \| +\+25\.0 \|$/);
    assert.match(lines[3]!, /^\| average +\| +12\.5% \| +6\.3% \| +−6\.3 \|$/);
    assert.equal(new Set(lines.map((l) => l.length)).size, 1, "every line as wide as the header");
  });

  it("says how many problems each family had, naming those with fewer", () => {
    assert.equal(
      describeProblemCounts(evaluation({ a: 0, b: 0 }, { a: 40, b: 40 })),
      "40 held-out problems per task family",
    );
    assert.equal(
      describeProblemCounts(evaluation({ a: 0, b: 0, c: 0 }, { a: 40, b: 16, c: 40 })),
      "40 held-out problems per task family (all there are for b 16)",
    );
  });
});
