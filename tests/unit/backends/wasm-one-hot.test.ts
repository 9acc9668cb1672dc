import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend } from "./compare.ts";

describe("wasm OneHot replacement", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  for (const dtype of ["float32", "int32"] as const) {
    it(`encodes ${dtype} like cpu, out-of-range indices as all-off rows`, async () => {
      const run = () =>
        tf.tidy(() => {
          const ids = tf.tensor2d([0, 3, 4, -1, 2, 1], [2, 3], "int32");
          const y = tf.oneHot(ids, 4, 2.5, -0.5, dtype);
          return [...y.shape, ...y.dataSync()];
        });
      assertClose(await onBackend("wasm", run), await onBackend("cpu", run), dtype);
    });
  }
});
