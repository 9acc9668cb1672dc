import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { createReferenceModel, referenceTrainer } from "../../../learner/backends/reference-model.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { startParallelReferenceTrainer } from "../../../learner/parallel/reference-trainer.ts";
import { assertClose, onBackend, withAndWithoutAddon } from "./compare.ts";

const SMALL = { vocab: 16, d: 32, heads: 2, layers: 2, maxPositions: 16 };

type Step = (ids: tf.Tensor2D, targets: tf.Tensor2D) => number | Promise<number>;

/**
 * Losses of four AdamW steps, then the final parameters: every fast kernel, forward and backward.
 * `workers`: the data-parallel step (learner/parallel), one shard of the rows per worker.
 */
async function train(workers = 1): Promise<number[]> {
  const model = createReferenceModel(SMALL, 3);
  const parallel = workers > 1 ? await startParallelReferenceTrainer(model, workers, 1e-2) : undefined;
  const step: Step = parallel ? parallel.step : referenceTrainer(model, 1e-2);
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
  const losses: number[] = [];
  for (let i = 0; i < 4; i++) losses.push(await step(ids, targets));
  await parallel?.close();
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

  it("trains over two data-parallel workers as in one thread", async () => {
    const expected = await onBackend("cpu", train);
    assertClose(await onBackend("cpu", () => train(2)), expected, "cpu, 2 workers");
    assertClose(await onBackend("wasm", () => train(2)), expected, "wasm, 2 workers");
  });
});
