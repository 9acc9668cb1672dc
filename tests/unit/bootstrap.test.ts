import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bootstrapInterval } from "../../shared/metrics/bootstrap.ts";
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
