/**
 * The benchmark's reference step over data-parallel workers: the batch's rows in one contiguous
 * shard per worker, the shards' gradients summed in shard order, AdamW in the main thread, the new
 * weights published to the workers.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type ReferenceModel, referenceOptimizer, referenceParams } from "../backends/reference-model.ts";
import { GradientSum } from "../train/micro-batches.ts";
import { ShardPool } from "./pool.ts";
import type { ReferenceShard, ShardGradients } from "./reference-program.ts";
import { layoutOf, unflatten } from "./shared-params.ts";

const PROGRAM = new URL("./reference-program.ts", import.meta.url);

export interface ParallelReferenceTrainer {
  /** One step; resolves to the batch's loss. */
  step(ids: tf.Tensor2D, targets: tf.Tensor2D): Promise<number>;
  close(): Promise<void>;
}

export async function startParallelReferenceTrainer(
  model: ReferenceModel,
  workers: number,
  lr?: number,
): Promise<ParallelReferenceTrainer> {
  const params = referenceParams(model);
  const layout = layoutOf(params);
  const pool = await ShardPool.start<ReferenceModel["config"], ReferenceShard, ShardGradients>({
    lanes: workers,
    program: PROGRAM,
    setup: model.config,
    params,
  });
  const optimizer = referenceOptimizer(lr);
  return {
    async step(ids, targets) {
      const [rows, t] = ids.shape;
      const idValues = ids.dataSync() as Int32Array;
      const targetValues = targets.dataSync() as Int32Array;
      const per = Math.ceil(rows / workers);
      const shards: ReferenceShard[] = [];
      for (let start = 0; start < rows; start += per) {
        const end = Math.min(rows, start + per);
        shards.push({
          ids: idValues.slice(start * t, end * t),
          targets: targetValues.slice(start * t, end * t),
          rows: end - start,
          batchTokens: rows * t,
        });
      }
      const sum = new GradientSum();
      await pool.run(shards, ({ value, grads }) => sum.add({ value, grads: unflatten(layout, grads) }));
      const { value, grads } = sum.result();
      optimizer.apply(params, grads);
      tf.dispose(Object.values(grads));
      pool.publish(params);
      return value;
    },
    async close() {
      optimizer.dispose();
      await pool.close();
    },
  };
}
