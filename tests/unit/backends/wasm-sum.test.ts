import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";
import { compareOnIntegerInput } from "./compare.ts";

/** Leading axes (the replacement's case) and others (the stock kernel's). */
const CASES: Array<[number[], number | number[], boolean]> = [
  [[40, 7], 0, false],
  [[5, 6, 7], [0, 1], false],
  [[5, 6, 7], [1, 0], true],
  [[5, 6, 7], 0, true],
  [[5, 6, 7], [0, 1, 2], false],
  [[5, 6, 7], 2, false],
  [[5, 6, 7], [0, 2], true],
  [[0, 3], 0, false],
];

describe("wasm Sum replacement", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  for (const [shape, axis, keepDims] of CASES) {
    it(`sums [${shape}] over ${axis}${keepDims ? " keeping dims" : ""} like cpu`, async () => {
      await compareOnIntegerInput(shape, 5, (x) => {
        const y = tf.sum(x, axis, keepDims);
        return [...y.shape, ...y.dataSync()];
      });
    });
  }
});
