import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values } from "./compare.ts";

describe("wasm Identity and Cast sharing data", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  it("keeps a clone's values after the original is disposed", async () => {
    await onBackend("wasm", () => {
      const x = tf.tensor(values(12, 1), [3, 4]);
      const expected = [...x.dataSync()];
      const copy = tf.clone(x);
      const same = tf.cast(x, "float32");
      x.dispose();
      assert.deepEqual([...copy.dataSync()], expected);
      assert.deepEqual([...same.dataSync()], expected);
      tf.dispose([copy, same]);
    });
  });

  it("frees the shared data once every holder is disposed", async () => {
    await onBackend("wasm", () => {
      const before = tf.memory().numBytes;
      const x = tf.tensor(values(1000, 2), [1000]);
      const held = [tf.clone(x), tf.cast(x, "float32")];
      x.dispose();
      tf.dispose(held);
      assert.equal(tf.memory().numBytes, before);
    });
  });

  it("still converts between types, and gradients through saved tensors match cpu", async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(24, 3), [4, 6]);
        const w = tf.tensor(values(6, 4), [6]);
        const ints = tf.cast(tf.mul(x, 100), "int32");
        const f = (t: tf.Tensor) =>
          tf.sum(tf.mul(tf.square(tf.mul(t, w)), tf.rsqrt(tf.add(tf.square(t), 1))));
        return [...ints.dataSync(), ...tf.grad(f)(x).dataSync()];
      });
    assertClose(await onBackend("wasm", run), await onBackend("cpu", run), "cast and gradient");
  });
});
