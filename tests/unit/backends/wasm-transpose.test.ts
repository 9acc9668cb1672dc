import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";
import { compareOnIntegerInput } from "./compare.ts";

const CASES: Array<[number[], number[]]> = [
  [
    [3, 4],
    [1, 0],
  ],
  [
    [2, 3, 4, 5],
    [0, 2, 1, 3],
  ],
  [
    [2, 3, 4, 5],
    [3, 1, 0, 2],
  ],
  [
    [2, 5, 3, 4, 6],
    [2, 0, 3, 1, 4],
  ],
  [
    [2, 3, 4],
    [0, 1, 2],
  ],
  [
    [1, 7, 1, 3],
    [2, 3, 0, 1],
  ],
];

describe("wasm Transpose replacement", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  for (const [shape, perm] of CASES) {
    it(`permutes [${shape}] by [${perm}] like cpu`, async () => {
      await compareOnIntegerInput(shape, 9, (x) => {
        const y = tf.transpose(x, perm);
        return [...y.shape, ...y.dataSync()];
      });
    });
  }
});
