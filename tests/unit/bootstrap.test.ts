import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bootstrapInterval,
  seedBootstrapInterval,
  seedsMean,
  spreadBootstrapInterval,
} from "../../shared/metrics/bootstrap.ts";
import { seededRng } from "../../shared/random/seeded.ts";

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** `n` problems' shares of correct samples out of k = 8, each problem with its own difficulty. */
function problems(n: number, seed: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const difficulty = rng.next();
    let correct = 0;
    for (let s = 0; s < 8; s++) if (rng.next() > difficulty) correct++;
    return correct / 8;
  });
}

describe("bootstrap interval over problems", () => {
  it("contains the mean", () => {
    for (const seed of [1, 2, 3]) {
      const values = problems(50, seed);
      const { lo, hi } = bootstrapInterval([values]);
      assert.ok(lo < mean(values) && mean(values) < hi, `${lo} < ${mean(values)} < ${hi}`);
    }
  });

  it("narrows as problems are added", () => {
    const width = (n: number) => {
      const { lo, hi } = bootstrapInterval([problems(n, 7)]);
      return hi - lo;
    };
    const [few, more, many] = [width(25), width(100), width(400)];
    assert.ok(few > more && more > many, `${few} > ${more} > ${many}`);
  });

  it("is the same every time (its seed is fixed)", () => {
    const values = problems(40, 5);
    assert.deepEqual(bootstrapInterval([values]), bootstrapInterval([values]));
  });

  it("takes the average over strata as the paper's Avg. does, each stratum resampled on its own", () => {
    const [easy, hard] = [
      problems(40, 11).map((v) => Math.min(1, v + 0.5)),
      problems(40, 12).map((v) => v / 4),
    ];
    const { lo, hi } = bootstrapInterval([easy, hard]);
    const average = (mean(easy) + mean(hard)) / 2;
    assert.ok(lo < average && average < hi);
  });

  it("is a single point when every problem scores the same", () => {
    assert.deepEqual(bootstrapInterval([[0.5, 0.5, 0.5]]), { lo: 0.5, hi: 0.5 });
  });

  it("refuses an empty stratum", () => {
    assert.throws(() => bootstrapInterval([[0.5], []]), /at least one problem/);
  });
});

describe("bootstrap over seeds and problems", () => {
  const seeds = (n: number, shift: number) =>
    Array.from({ length: n }, (_, s) => [problems(60, 10 + s).map((v) => Math.min(1, v + shift * (s % 2)))]);

  it("contains the mean over seeds and is wider than the problems-only interval when seeds differ", () => {
    const spread = seeds(4, 0.3);
    const mean = seedsMean(spread);
    const both = seedBootstrapInterval(spread);
    assert.ok(both.lo < mean && mean < both.hi, `${both.lo} < ${mean} < ${both.hi}`);
    const pooled = Array.from({ length: 60 }, (_, i) => spread.reduce((a, s) => a + s[0]![i]!, 0) / 4);
    const problemsOnly = bootstrapInterval([pooled]);
    assert.ok(both.hi - both.lo > problemsOnly.hi - problemsOnly.lo);
  });

  it("excludes 0 for a consistent paired difference and includes it for pure noise", () => {
    const shifted = Array.from({ length: 5 }, (_, s) => [problems(80, s).map((v) => v * 0.2 + 0.1)]);
    assert.ok(seedBootstrapInterval(shifted).lo > 0);
    const noise = Array.from({ length: 5 }, (_, s) => [problems(80, s).map((v, i) => (i % 2 ? v : -v))]);
    const { lo, hi } = seedBootstrapInterval(noise);
    assert.ok(lo < 0 && hi > 0, `${lo}, ${hi}`);
  });

  it("gives the spread across groups an interval around it, and none for an empty group", () => {
    const groups = [seeds(2, 0), seeds(2, 0).map((s) => [s[0]!.map((v) => v * 0.5)])];
    const spread = Math.abs(seedsMean(groups[0]!) - seedsMean(groups[1]!));
    const { lo, hi } = spreadBootstrapInterval(groups);
    assert.ok(lo <= spread && spread <= hi, `${lo} ≤ ${spread} ≤ ${hi}`);
    assert.throws(() => spreadBootstrapInterval([groups[0]!, []]), RangeError);
  });
});
