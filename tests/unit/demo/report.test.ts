import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { movingAverage, roundedUp } from "../../../learner/demo/report.ts";
import { roundTicks } from "../../../shared/reports/svg.ts";

describe("demo report helpers", () => {
  it("averages over a trailing window, shorter at the start", () => {
    assert.deepEqual(movingAverage([2, 4, 6, 8], 2), [2, 3, 5, 7]);
    assert.deepEqual(movingAverage([1, 2, 3], 5), [1, 1.5, 2]);
    assert.deepEqual(movingAverage([], 3), []);
  });

  it("rounds an axis top up to 1, 2 or 5 times a power of ten", () => {
    assert.equal(roundedUp(0.13), 0.2);
    assert.equal(roundedUp(0.2), 0.2);
    assert.equal(roundedUp(3.1), 5);
    assert.equal(roundedUp(7), 10);
    assert.equal(roundedUp(0), 1);
  });

  it("puts a handful of round ticks on a long x axis", () => {
    assert.deepEqual(roundTicks(1, 300), [50, 100, 150, 200, 250, 300]);
    assert.deepEqual(roundTicks(0, 4), [0, 1, 2, 3, 4]);
    assert.deepEqual(roundTicks(5, 5), [5]);
  });
});
