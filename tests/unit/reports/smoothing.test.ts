import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trailingMean } from "../../../shared/reports/smoothing.ts";

describe("trailing mean", () => {
  it("averages over a trailing window, shorter at the start", () => {
    assert.deepEqual(trailingMean([2, 4, 6, 8], 2), [2, 3, 5, 7]);
    assert.deepEqual(trailingMean([1, 2, 3, 4], 3), [1, 1.5, 2, 3]);
    assert.deepEqual(trailingMean([1, 2, 3], 5), [1, 1.5, 2]);
    assert.deepEqual(trailingMean([], 3), []);
  });
});
