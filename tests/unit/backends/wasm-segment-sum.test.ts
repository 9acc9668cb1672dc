import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values } from "./compare.ts";

describe("wasm UnsortedSegmentSum", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  it("sums rows by segment like cpu, dropping out-of-range ids", async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(6 * 5, 4), [6, 5]);
        return tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2, 7, 1, 0], "int32"), 4).dataSync();
      });
    assertClose(await onBackend("wasm", run), await onBackend("cpu", run), "segment sum");
  });

  it("lets tf.gather be differentiated on wasm", async () => {
    const run = () =>
      tf.tidy(() => {
        const table = tf.tensor(values(10 * 3, 5), [10, 3]);
        const ids = tf.tensor2d(
          [
            [1, 4, 1],
            [9, 0, 4],
          ],
          [2, 3],
          "int32",
        );
        const weights = tf.tensor(values(2 * 3 * 3, 6), [2, 3, 3]);
        return tf
          .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights)))(table)
          .dataSync();
      });
    assertClose(await onBackend("wasm", run), await onBackend("cpu", run), "gather gradient");
  });
});
