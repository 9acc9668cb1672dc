import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { createReferenceModel, referenceTrainer } from "../../../learner/backends/reference-model.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, withAndWithoutAddon } from "./compare.ts";

const SMALL = { vocab: 16, d: 32, heads: 2, layers: 2, maxPositions: 16 };

/** Losses of four AdamW steps, then the final parameters: every fast kernel, forward and backward. */
function train(): number[] {
  const model = createReferenceModel(SMALL, 3);
  const step = referenceTrainer(model, 1e-2);
  const ids = tf.tensor2d(
    Array.from({ length: 4 * 8 }, (_, i) => (i * 7) % 16),
    [4, 8],
    "int32",
  );
  const targets = tf.tensor2d(
    Array.from({ length: 4 * 8 }, (_, i) => (i * 5 + 3) % 16),
    [4, 8],
    "int32",
  );
  const losses = Array.from({ length: 4 }, () => step(ids, targets));
  const params = [model.embed, model.norm, ...model.layers.flatMap((l) => [l.qkv, l.norm1, l.down])].flatMap(
    (v) => [...v.dataSync()],
  );
  tf.dispose([ids, targets, model.embed, model.positions, model.norm]);
  tf.dispose(model.layers.flatMap((l) => Object.values(l)));
  return [...losses, ...params];
}

describe("the reference training step", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });

  it("trains on wasm as on cpu", async () => {
    const expected = await onBackend("cpu", train);
    await withAndWithoutAddon(async (how) => {
      assertClose(await onBackend("wasm", train), expected, `wasm, ${how}`);
    });
  });
});
