import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { passAt1, passAtK, passAtKTable } from "../../shared/metrics/pass-at-k.ts";

/** pass@k by enumerating every k-subset of the samples: the definition, for small n. */
function bruteForcePassAtK(n: number, c: number, k: number): number {
  const labels = Array.from({ length: n }, (_, i) => i < c);
  let subsets = 0;
  let hits = 0;
  const choose = (start: number, left: number, anyCorrect: boolean) => {
    if (left === 0) {
      subsets++;
      if (anyCorrect) hits++;
      return;
    }
    for (let i = start; i <= n - left; i++) choose(i + 1, left - 1, anyCorrect || labels[i]!);
  };
  choose(0, k, false);
  return hits / subsets;
}

describe("pass@k", () => {
  it("equals brute-force enumeration over all subsets for small cases", () => {
    for (let n = 1; n <= 12; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) {
          const expected = bruteForcePassAtK(n, c, k);
          assert.ok(Math.abs(passAtK(n, c, k) - expected) < 1e-12, `n=${n} c=${c} k=${k}`);
        }
      }
    }
  });

  it("reduces to the fraction correct at k = 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, raw) => {
        const c = raw % (n + 1);
        return Math.abs(passAtK(n, c, 1) - passAt1(c, n)) < 1e-12;
      }),
    );
  });

  it("stays finite, in [0, 1] and monotone in k and c for large n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 100_000 }), fc.nat(), (n, raw) => {
        const c = raw % (n + 1);
        let previous = -1;
        for (const k of [1, 2, 4, 8, 16]) {
          const value = passAtK(n, c, k);
          if (!(Number.isFinite(value) && value >= 0 && value <= 1 && value >= previous - 1e-15))
            return false;
          previous = value;
        }
        return c === n || passAtK(n, c + 1, 16) >= passAtK(n, c, 16) - 1e-15;
      }),
    );
  });

  it("handles the edges: none correct, all correct, fewer wrong than k", () => {
    assert.equal(passAtK(16, 0, 16), 0);
    assert.equal(passAtK(16, 16, 1), 1);
    assert.equal(passAtK(16, 10, 8), 1);
    assert.throws(() => passAtK(8, 1, 16), /at least 16 samples/);
    assert.throws(() => passAtK(8, 9, 1), /9 correct of 8/);
  });

  it("tabulates the paper's k values that the sample count allows", () => {
    assert.deepEqual(Object.keys(passAtKTable(16, 3)), ["pass@1", "pass@2", "pass@4", "pass@8", "pass@16"]);
    assert.deepEqual(Object.keys(passAtKTable(4, 3)), ["pass@1", "pass@2", "pass@4"]);
  });
});
