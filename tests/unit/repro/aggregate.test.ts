import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AVERAGE, meanStd, table1, table4 } from "../../../learner/repro/aggregate.ts";
import { pairedDifferences } from "../../../learner/repro/comparisons.ts";
import { type RunSpec, RunSpecSchema } from "../../../learner/repro/config.ts";
import { outcome } from "../../../learner/repro/outcome.ts";
import type { RunResult } from "../../../learner/repro/run-record.ts";
import { formatMeanStd, gridMarkdown, table1Grid, table4Grid } from "../../../learner/repro/tables.ts";

const FAMILIES = ["arithmetic", "fraction"];

const spec = (name: string, table: "main" | "ablation", label = name.toUpperCase()): RunSpec =>
  RunSpecSchema.parse({ name, label, table, loss: "real", seeds: [1, 2] });

const SPECS = [
  spec("real", "main", "REAL"),
  spec("grpo", "main", "GRPO"),
  spec("real-bce", "ablation", "w/ BCE loss"),
];

function result(name: string, seed: number, arithmetic: number, fraction: number): RunResult {
  return {
    name,
    seed,
    steps: 10,
    pass1: { byFamily: { arithmetic, fraction }, average: (arithmetic + fraction) / 2, seconds: 1 },
    trainSeconds: 5,
  };
}

const START = { byFamily: { arithmetic: 0.2, fraction: 0.1 }, average: 0.15, seconds: 1 };

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

describe("meanStd", () => {
  it("takes the sample standard deviation (n - 1)", () => {
    const m = meanStd([0.2, 0.4, 0.6]);
    close(m.mean, 0.4);
    close(m.std, 0.2);
    assert.equal(m.n, 3);
  });

  it("gives 0 spread for one value and NaN for none", () => {
    assert.deepEqual(meanStd([0.5]), { mean: 0.5, std: 0, n: 1 });
    const none = meanStd([]);
    assert.ok(Number.isNaN(none.mean));
    assert.equal(none.n, 0);
  });
});

describe("Table 1", () => {
  const results = [
    result("real", 1, 0.6, 0.4),
    result("real", 2, 0.8, 0.2),
    result("grpo", 1, 0.5, 0.3),
    result("real-bce", 1, 0.1, 0.1),
  ];
  const t1 = table1(FAMILIES, SPECS, results, START);

  it("has a column per family and the average, the start above the main methods", () => {
    assert.deepEqual(t1.columns, [...FAMILIES, AVERAGE]);
    assert.deepEqual(
      t1.models.map((r) => r.name),
      ["start"],
    );
    assert.deepEqual(
      t1.methods.map((r) => r.label),
      ["REAL", "GRPO"],
    );
    for (const row of [...t1.models, ...t1.methods]) assert.equal(row.cells.length, FAMILIES.length + 1);
  });

  it("averages each family and the per-seed averages over seeds", () => {
    const real = t1.methods[0]!;
    close(real.cells[0]!.mean, 0.7);
    close(real.cells[0]!.std, Math.SQRT2 * 0.1);
    close(real.cells[2]!.mean, 0.5);
    close(real.cells[2]!.std, 0);
    assert.equal(real.cells[2]!.n, 2);
    close(t1.models[0]!.cells[2]!.mean, 0.15);
  });

  it("prints in the paper's layout, best method per column in bold, unfinished runs as a dash", () => {
    const withMissing = table1(FAMILIES, [...SPECS, spec("gspo", "main", "GSPO")], results, START);
    const lines = gridMarkdown(table1Grid(withMissing)).split("\n");
    assert.equal(lines[0], "|  | Arithmetic | Fraction | Avg. |");
    assert.equal(lines[1], "| --- | ---: | ---: | ---: |");
    assert.equal(lines[2], "| **Models** |  |  |  |");
    assert.equal(lines[3], "| Starting checkpoint | 0.200 | 0.100 | 0.150 |");
    assert.equal(lines[4], "| **Methods** |  |  |  |");
    assert.equal(lines[5], "| REAL | **0.700 ± 0.141** | **0.300 ± 0.141** | **0.500 ± 0.000** |");
    assert.equal(lines[6], "| GRPO | 0.500 | **0.300** | 0.400 |", "ties are both bold");
    assert.equal(lines[7], "| GSPO | — | — | — |");
  });
});

describe("Table 4", () => {
  it("lists the ablations, then REAL, as average Pass@1 in percent", () => {
    const t4 = table4(FAMILIES, SPECS, [result("real", 1, 0.6, 0.4), result("real-bce", 1, 0.2, 0.1)]);
    assert.deepEqual(
      t4.rows.map((r) => r.label),
      ["w/ BCE loss", "REAL"],
    );
    const lines = gridMarkdown(table4Grid(t4)).split("\n");
    assert.deepEqual(lines, [
      "| Settings | Pass@1 (%) |",
      "| --- | ---: |",
      "| w/ BCE loss | 15.0 |",
      "| REAL | **50.0** |",
    ]);
  });

  it("formats mean ± std", () => {
    assert.equal(formatMeanStd({ mean: 0.52631, std: 0.0123, n: 3 }, true), "52.6 ± 1.2");
    assert.equal(formatMeanStd({ mean: 0.52631, std: 0.0123, n: 3 }), "0.526 ± 0.012");
  });
});

/** The outcome of finished results, every planned run finished, no sweeps and no curves. */
const outcomeOf = (results: RunResult[]) =>
  outcome(
    {
      table1: table1(FAMILIES, SPECS, results, START),
      table4: table4(FAMILIES, SPECS, results),
      pairs: pairedDifferences(FAMILIES, SPECS, results),
      learningRates: [],
      stability: [],
    },
    { finished: results.length, planned: results.length },
  );

describe("outcome", () => {
  it("says so when a baseline beats REAL", () => {
    const results = [result("real", 1, 0.3, 0.3), result("real", 2, 0.3, 0.3), result("grpo", 1, 0.5, 0.5)];
    const lines = outcomeOf(results);
    assert.match(lines[0]!, /best first: GRPO 0\.500, REAL 0\.300/);
    assert.match(lines[1]!, /a baseline wins: GRPO beats REAL by 0\.200/);
  });

  it("tells a REAL lead larger than the seed spread from one within it", () => {
    const separated = [
      result("real", 1, 0.6, 0.6),
      result("real", 2, 0.62, 0.62),
      result("grpo", 1, 0.3, 0.3),
      result("grpo", 2, 0.32, 0.32),
    ];
    const lines = outcomeOf(separated);
    assert.match(lines[1]!, /REAL has the best average, \+0\.300 over GRPO; the gap is larger/);
    assert.match(
      lines[2]!,
      /REAL minus each baseline.*REAL − GRPO = \+0\.300 over 2 seed pairs \(no per-problem record/,
    );
    assert.match(lines[3]!, /2 of 2 methods end above it/);
    const noisy = [
      result("real", 1, 0.9, 0.9),
      result("real", 2, 0.1, 0.1),
      result("grpo", 1, 0.45, 0.45),
      result("grpo", 2, 0.45, 0.45),
    ];
    assert.match(outcomeOf(noisy)[1]!, /within the spread/);
  });
});

describe("outcome of paired differences", () => {
  const recorded = (name: string, seed: number, level: number): RunResult => {
    const values = Array.from({ length: 30 }, (_, i) => Math.min(1, level + (i % 3) * 0.1));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const run = result(name, seed, mean, mean);
    return { ...run, pass1: { ...run.pass1, byProblem: { arithmetic: values, fraction: values } } };
  };

  it("says when one seed pair leaves the seed's noise out of the interval, and not for two", () => {
    const one = outcomeOf([recorded("real", 1, 0.5), recorded("grpo", 1, 0.2)]);
    assert.match(
      one.join("\n"),
      /REAL − GRPO = \+0\.300 \[\+0\.300, \+0\.300\] over 1 seed pair, an interval over problems only: REAL ahead/,
    );
    const two = outcomeOf([
      recorded("real", 1, 0.5),
      recorded("real", 2, 0.5),
      recorded("grpo", 1, 0.2),
      recorded("grpo", 2, 0.3),
    ]);
    const line = two.find((l) => l.startsWith("REAL minus each baseline"))!;
    assert.match(line, /over 2 seed pairs: REAL ahead/);
    assert.doesNotMatch(line, /problems only/);
  });
});

describe("intervals over problems", () => {
  /** A run whose per-problem record holds these shares of correct samples. */
  function recorded(name: string, seed: number, arithmetic: number[], fraction: number[]): RunResult {
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const run = result(name, seed, mean(arithmetic), mean(fraction));
    return { ...run, pass1: { ...run.pass1, byProblem: { arithmetic, fraction } } };
  }
  const shares = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => ((i * 3 + offset) % 9) / 8);
  const start = recorded("start", 0, shares(30, 0), shares(30, 1)).pass1;

  it("gives every cell with per-problem records a 95% interval around its mean", () => {
    const results = [
      recorded("real", 1, shares(30, 2), shares(30, 3)),
      recorded("real", 2, shares(30, 4), shares(30, 5)),
    ];
    const t1 = table1(FAMILIES, SPECS, results, start);
    for (const row of [t1.models[0]!, t1.methods[0]!])
      for (const cell of row.cells) {
        assert.ok(cell.interval, row.label);
        assert.ok(cell.interval.lo < cell.mean && cell.mean < cell.interval.hi, JSON.stringify(cell));
      }
    const t4 = table4(FAMILIES, SPECS, results);
    assert.ok(t4.rows.at(-1)!.cells[0]!.interval);
  });

  it("narrows with more problems", () => {
    const width = (n: number) => {
      const { lo, hi } = table1(FAMILIES, SPECS, [], recorded("start", 0, shares(n, 0), shares(n, 1)).pass1)
        .models[0]!.cells[2]!.interval!;
      return hi - lo;
    };
    assert.ok(width(20) > width(200), `${width(20)} > ${width(200)}`);
  });

  it("leaves results recorded without per-problem shares without one", () => {
    const t1 = table1(FAMILIES, SPECS, [result("real", 1, 0.5, 0.5), recorded("real", 2, [1], [0])], START);
    for (const cell of [...t1.models[0]!.cells, ...t1.methods[0]!.cells])
      assert.equal(cell.interval, undefined);
  });

  it("prints the interval after mean ± std", () => {
    const cell = { mean: 0.41234, std: 0.0133, n: 3, interval: { lo: 0.381, hi: 0.4432 } };
    assert.equal(formatMeanStd(cell), "0.412 ± 0.013 [0.381, 0.443]");
    assert.equal(formatMeanStd({ ...cell, n: 1 }, true), "41.2 [38.1, 44.3]");
  });
});
