import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { panelGrid } from "../../../learner/repro/comparison-tables.ts";
import { learningRatePanels, pairedDifferences, tauPanel } from "../../../learner/repro/comparisons.ts";
import { type RunSpec, RunSpecSchema } from "../../../learner/repro/config.ts";
import type { RunResult } from "../../../learner/repro/run-record.ts";
import { stabilityOf, stabilityTable } from "../../../learner/repro/stability.ts";
import type { RunCurve } from "../../../learner/repro/summary.ts";

const FAMILIES = ["arithmetic", "fraction"];

const spec = (fields: Partial<RunSpec> & Pick<RunSpec, "name" | "loss">): RunSpec =>
  RunSpecSchema.parse({ label: fields.name.toUpperCase(), table: "ablation", seeds: [1, 2, 3], ...fields });

const SPECS = [
  spec({ name: "real", loss: "real", table: "main", label: "REAL" }),
  spec({ name: "grpo", loss: "grpo", table: "main", label: "GRPO" }),
  spec({ name: "dapo", loss: "dapo", table: "main", label: "DAPO" }),
  spec({ name: "real-lr3e-5", loss: "real", lr: 3e-5 }),
  spec({ name: "real-lr3e-4", loss: "real", lr: 3e-4 }),
  spec({ name: "grpo-lr3e-4", loss: "grpo", lr: 3e-4 }),
  spec({ name: "real-tau0.1", loss: "real", tau: 0.1 }),
  spec({ name: "real-tau1.0", loss: "real", tau: 1 }),
  spec({ name: "real-bce", loss: "real-bce" }),
];

/** A run whose every problem has this share correct, give or take a per-problem wobble. */
function run(name: string, seed: number, level: number, problems = 40): RunResult {
  const values = Array.from({ length: problems }, (_, i) =>
    Math.min(1, Math.max(0, level + ((i % 5) - 2) * 0.05)),
  );
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    name,
    seed,
    steps: 10,
    pass1: {
      byFamily: { arithmetic: mean, fraction: mean },
      average: mean,
      byProblem: { arithmetic: values, fraction: values },
      seconds: 1,
    },
    trainSeconds: 1,
  };
}

describe("paired differences", () => {
  it("pairs REAL with each Table 1 baseline by seed, reads ahead, behind or no difference", () => {
    const results = [
      ...[1, 2, 3].map((s) => run("real", s, 0.5 + s * 0.01)),
      ...[1, 2, 3].map((s) => run("grpo", s, 0.3 + s * 0.01)),
      ...[1, 2].map((s) => run("dapo", s, 0.5 + s * 0.01 + (s === 1 ? 0.02 : -0.02))),
    ];
    const [grpo, dapo] = pairedDifferences(FAMILIES, SPECS, results);
    assert.deepEqual(grpo!.seeds, [1, 2, 3]);
    assert.ok(Math.abs(grpo!.mean - 0.2) < 1e-9, String(grpo!.mean));
    assert.equal(grpo!.reading, "ahead");
    assert.ok(grpo!.interval!.lo <= 0.2 + 1e-9 && 0.2 - 1e-9 <= grpo!.interval!.hi, JSON.stringify(grpo));
    assert.deepEqual(dapo!.seeds, [1, 2]);
    assert.equal(dapo!.reading, "no difference detected");
    const behind = pairedDifferences(FAMILIES, SPECS, [run("real", 1, 0.2), run("grpo", 1, 0.6)]);
    assert.equal(behind[0]!.reading, "behind");
  });

  it("has no pairs for a baseline without a seed REAL finished, and no interval without per-problem records", () => {
    const bare = { ...run("grpo", 1, 0.4), pass1: { ...run("grpo", 1, 0.4).pass1, byProblem: undefined } };
    const [grpo, dapo] = pairedDifferences(FAMILIES, SPECS, [run("real", 1, 0.5), bare, run("dapo", 2, 0.5)]);
    assert.deepEqual(grpo!.seeds, [1]);
    assert.equal(grpo!.interval, undefined);
    assert.deepEqual(dapo!.seeds, []);
    assert.ok(Number.isNaN(dapo!.mean));
  });
});

describe("learning-rate and τ panels", () => {
  const results = [
    ...[1, 2].map((s) => run("real", s, 0.5)),
    ...[1, 2].map((s) => run("real-lr3e-5", s, 0.45)),
    ...[1, 2].map((s) => run("real-lr3e-4", s, 0.4)),
    ...[1, 2].map((s) => run("grpo", s, 0.5)),
    run("real-tau0.1", 1, 0.1),
  ];

  it("gathers each method's main run at the base rate with the runs differing only in lr", () => {
    const panels = learningRatePanels(FAMILIES, SPECS, results, 1e-4);
    assert.deepEqual(
      panels.map((p) => [p.label, p.points.map((q) => [q.x, q.run])]),
      [
        [
          "REAL",
          [
            [3e-5, "real-lr3e-5"],
            [1e-4, "real"],
            [3e-4, "real-lr3e-4"],
          ],
        ],
        [
          "GRPO",
          [
            [1e-4, "grpo"],
            [3e-4, "grpo-lr3e-4"],
          ],
        ],
      ],
    );
    const real = panels[0]!;
    assert.ok(Math.abs(real.spread!.value - 0.1) < 1e-9);
    assert.ok(real.spread!.interval!.lo <= 0.1 && 0.1 <= real.spread!.interval!.hi);
    assert.equal(panels[1]!.spread, undefined, "GRPO has one finished rate only");
    const grid = panelGrid(panels, "lr");
    assert.deepEqual(grid.header, ["", "lr 3e-5", "lr 1e-4", "lr 3e-4", "Spread [95%]"]);
    const [realRow, grpoRow] = grid.sections[0]!.rows;
    assert.match(realRow!.cells[1]!.text, /^0\.500 ± 0\.000 \[0\.4\d\d, 0\.5\d\d\]$/, "the base rate's cell");
    assert.match(
      realRow!.cells[3]!.text,
      /^0\.100 \[\d\.\d{3}, \d\.\d{3}\]$/,
      "REAL's spread with its interval",
    );
    assert.equal(grpoRow!.cells[0]!.text, "", "GRPO never ran at 3e-5");
    assert.equal(grpoRow!.cells[3]!.text, "—");
  });

  it("gathers REAL's τ runs around its own", () => {
    const panel = tauPanel(FAMILIES, SPECS, results)!;
    assert.deepEqual(
      panel.points.map((p) => [p.x, p.cell.n]),
      [
        [0.1, 1],
        [0.5, 2],
        [1, 0],
      ],
    );
    assert.ok(Math.abs(panel.spread!.value - 0.4) < 1e-9);
    assert.equal(tauPanel(FAMILIES, SPECS.slice(0, 3), results), undefined);
  });
});

describe("stability", () => {
  const curve = (name: string, seed: number, entropy: number[], reward: number[]): RunCurve => ({
    name,
    seed,
    commit: "c0ffee",
    blockSteps: 1,
    curve: entropy.map((e, i) => ({ step: i + 1, entropy: e, meanReward: reward[i]! })),
  });
  const flat = Array(20).fill(0.5);

  it("calls collapse, explosion and a reward fall by the design's thresholds", () => {
    assert.deepEqual(stabilityOf(curve("a", 1, [1, ...Array(19).fill(0.9)], flat))!.verdicts, ["stable"]);
    assert.deepEqual(stabilityOf(curve("a", 1, [1, ...Array(19).fill(0.4)], flat))!.verdicts, ["collapsed"]);
    assert.deepEqual(stabilityOf(curve("a", 1, [1, ...Array(19).fill(2.5)], flat))!.verdicts, ["exploded"]);
    const fell = [...Array(10).fill(0.6), ...Array(10).fill(0.3)];
    assert.deepEqual(stabilityOf(curve("a", 1, [1, ...Array(19).fill(0.4)], fell))!.verdicts, [
      "collapsed",
      "reward fell",
    ]);
    const blip = [...Array(50).fill(0.5), 0.9, ...Array(49).fill(0.5)];
    assert.deepEqual(
      stabilityOf(curve("a", 1, Array(100).fill(1), blip))!.verdicts,
      ["stable"],
      "a one-point spike is smoothed away",
    );
    assert.equal(
      stabilityOf({
        name: "a",
        seed: 1,
        commit: "c0ffee",
        blockSteps: 1,
        curve: [{ step: 0, valPass1: 0.2 }],
      }),
      undefined,
    );
  });

  it("counts verdicts per run in the config's order", () => {
    const rows = stabilityTable(
      [
        { name: "real", label: "REAL" },
        { name: "grpo", label: "GRPO" },
        { name: "dapo", label: "DAPO" },
      ],
      [
        curve("grpo", 2, [1, ...Array(19).fill(0.3)], flat),
        curve("grpo", 1, flat, flat),
        curve("real", 1, flat, flat),
      ],
    );
    assert.deepEqual(
      rows.map((r) => [r.name, r.runs.map((x) => x.seed), r.counts.collapsed, r.counts.stable]),
      [
        ["real", [1], 0, 1],
        ["grpo", [1, 2], 1, 1],
      ],
    );
  });
});
