import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values, withAndWithoutAddon } from "./compare.ts";

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
      const size = shape.reduce((a, b) => a * b, 1);
      const run = (dtype: "float32" | "int32") => () =>
        tf.tidy(() => {
          const x = tf.tensor(
            values(size, 9).map((v) => Math.round(v * 100)),
            shape,
            dtype,
          );
          const y = tf.transpose(x, perm);
          return [...y.shape, ...y.dataSync()];
        });
      await withAndWithoutAddon(async (how) => {
        for (const dtype of ["float32", "int32"] as const) {
          assertClose(
            await onBackend("wasm", run(dtype)),
            await onBackend("cpu", run(dtype)),
            `${how} ${dtype}`,
          );
        }
      });
    });
  }
});
