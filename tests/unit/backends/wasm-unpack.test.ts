import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, compareOnIntegerInput, onBackend, values } from "./compare.ts";

const CASES: Array<[number[], number]> = [
  [[3, 2, 4, 5, 6], 0],
  [[2, 3, 4], 1],
  [[2, 3, 4], -1],
  [[4, 1, 3], 1],
];

describe("wasm Unpack replacement", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  for (const [shape, axis] of CASES) {
    it(`unstacks [${shape}] along ${axis} like cpu`, async () => {
      await compareOnIntegerInput(shape, 3, (x) =>
        tf.unstack(x, axis).flatMap((t) => [...t.shape, ...t.dataSync()]),
      );
    });
  }

  it("differentiates through unstack on wasm", async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(3 * 4 * 5, 8), [3, 4, 5]);
        const w = tf.tensor(values(4 * 5, 9), [4, 5]);
        return tf
          .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.unstack(t)[1]!, w)))(x)
          .dataSync();
      });
    assertClose(await onBackend("wasm", run), await onBackend("cpu", run), "unstack gradient");
  });
});
