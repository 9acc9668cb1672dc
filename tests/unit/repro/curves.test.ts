import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { curve, meanOverSeeds, type SeedRecord } from "../../../learner/repro/curves.ts";
import { seedBand, trainingCurves } from "../../../learner/repro/figures.ts";
import type { MethodCurves } from "../../../learner/repro/summary.ts";

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

const record = (step: number, entropy: number, valPass1?: number): SeedRecord => ({
  step,
  entropy,
  ...(valPass1 !== undefined && { valPass1 }),
});

const TWO_SEEDS = [
  [record(1, 1), record(2, 3, 0.5)],
  [record(1, 3), record(2, 5, 0.7)],
];

describe("training curves", () => {
  it("takes the mean and the standard deviation over seeds step by step", () => {
    const points = meanOverSeeds(TWO_SEEDS, "entropy");
    assert.deepEqual(
      points.map((p) => [p.x, p.y]),
      [
        [1, 2],
        [2, 4],
      ],
    );
    for (const p of points) close(p.std!, Math.SQRT2);
  });

  it("gives no spread where a single seed logged the step", () => {
    assert.deepEqual(meanOverSeeds([[record(1, 2)]], "entropy"), [{ x: 1, y: 2 }]);
  });

  it("smooths the per-step fields seed by seed before the mean, never the evaluation ones", () => {
    const smoothed = curve(TWO_SEEDS, "entropy", 2);
    assert.deepEqual(
      smoothed.map((p) => [p.x, p.y]),
      [
        [1, 2],
        [2, 3],
      ],
    );
    close(smoothed[1]!.std!, Math.SQRT2);
    const val = curve(TWO_SEEDS, "valPass1", 2);
    assert.equal(val.length, 1);
    close(val[0]!.y, 0.6);
  });

  it("starts validation at step 0 where the runs measured their start", () => {
    const withStart = TWO_SEEDS.map((seed) => [{ step: 0, valPass1: 0.4 }, ...seed]);
    assert.deepEqual(
      curve(withStart, "valPass1", 5).map((p) => p.x),
      [0, 2],
    );
    assert.deepEqual(
      curve(withStart, "entropy", 1).map((p) => p.x),
      [1, 2],
      "step 0 has no entropy",
    );
  });
});

describe("Figure 4 bands", () => {
  const method = (seeds: readonly (readonly SeedRecord[])[]): MethodCurves => ({
    label: "REAL",
    index: 0,
    curves: {
      entropy: curve(seeds, "entropy", 1),
      valPass1: curve(seeds, "valPass1", 1),
      meanReward: [],
      allCorrectShare: [],
    },
  });

  it("spans mean ± one standard deviation", () => {
    const band = seedBand(method(TWO_SEEDS).curves.entropy);
    close(band[0]!.lo, 2 - Math.SQRT2);
    close(band[0]!.hi, 2 + Math.SQRT2);
  });

  it("is drawn for a method with two or more seeds, and not for one with one seed", () => {
    const banded = trainingCurves([method(TWO_SEEDS)]);
    assert.match(banded[0]!, /class="band"/, "entropy");
    assert.match(banded[1]!, /class="band"/, "validation Pass@1");
    for (const svg of trainingCurves([method([TWO_SEEDS[0]!])])) assert.doesNotMatch(svg, /class="band"/);
  });
});
