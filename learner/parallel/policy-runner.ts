/**
 * The RL update's micro-batches, and a step's rollout shards, spread over data-parallel workers:
 * each worker holds the policy (and the frozen reference) and computes whole micro-batches or
 * shards; the main thread combines their results in order with the same code as when it computes
 * them itself, and publishes the weights after each optimizer step. The update and the rollouts are
 * bit for bit the one-thread ones.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../model/forward.ts";
import type { MicroBatchRunner } from "../train/micro-batch-runner.ts";
import {
  assembleLogProbs,
  covered,
  GradientSum,
  type MicroBatchLogProbs,
  type PackedMiniBatch,
} from "../train/micro-batches.ts";
import type { ShardRollouts } from "../train/rollout-shards.ts";
import {
  type PolicyResult,
  type PolicySetup,
  type PolicyTask,
  REFERENCE_SHARE_PREFIX,
} from "./policy-program.ts";
import { ShardPool } from "./pool.ts";
import { layoutOf, unflatten } from "./shared-params.ts";

const PROGRAM = new URL("./policy-program.ts", import.meta.url);

type Result<K extends PolicyResult["kind"]> = Extract<PolicyResult, { kind: K }>;

export async function startPolicyRunner(
  policy: Model,
  reference: Model | undefined,
  padId: number,
  workers: number,
): Promise<MicroBatchRunner> {
  const frozen = Object.entries(reference?.params ?? {}).map(([n, v]) => [
    `${REFERENCE_SHARE_PREFIX}${n}`,
    v,
  ]);
  const pool = await ShardPool.start<PolicySetup, PolicyTask, PolicyResult>({
    lanes: workers,
    program: PROGRAM,
    setup: { config: policy.config, padId },
    params: { ...policy.params, ...Object.fromEntries(frozen) },
  });
  const layout = layoutOf(policy.params);
  return {
    async logProbs(weights, packed: PackedMiniBatch, temperature, withEntropy) {
      const parts: MicroBatchLogProbs[] = [];
      const tasks = packed.microBatches.map(
        (mb): PolicyTask => ({
          kind: "logProbs",
          weights,
          sequences: mb.sequences,
          temperature,
          withEntropy,
        }),
      );
      try {
        await pool.run(tasks, (result) => {
          const { logProbs, shape, entropySum } = result as Result<"logProbs">;
          parts.push({ logProbs: tf.tensor2d(logProbs, shape), entropySum });
        });
      } catch (error) {
        tf.dispose(parts.map((p) => p.logProbs));
        throw error;
      }
      return assembleLogProbs(packed, parts);
    },
    async gradients(packed, lossWeights, temperature) {
      const tasks = packed.microBatches.map((mb): PolicyTask => {
        const slice = covered(lossWeights, mb);
        const data = slice.dataSync().slice() as Float32Array;
        slice.dispose();
        return { kind: "gradients", sequences: mb.sequences, lossWeights: data, temperature };
      });
      const sum = new GradientSum();
      try {
        await pool.run(tasks, (result) => {
          const { value, grads } = result as Result<"gradients">;
          sum.add({ value, grads: unflatten(layout, grads) });
        });
      } catch (error) {
        tf.dispose(Object.values(sum.result().grads));
        throw error;
      }
      return sum.result();
    },
    async sampleShards(shards, sampling) {
      const out: ShardRollouts[] = [];
      const tasks = shards.map((shard): PolicyTask => ({ kind: "rollouts", shard, sampling }));
      await pool.run(tasks, (result) => {
        const { responses, finished } = result as Result<"rollouts">;
        out.push({ responses, finished });
      });
      return out;
    },
    weightsChanged: () => pool.publish(policy.params),
    close: () => pool.close(),
  };
}
