/**
 * Where an update's micro-batches, and a step's rollout shards, are computed: in this thread, or
 * spread over data-parallel workers (learner/parallel/policy-runner.ts). Either way each one is
 * computed the same way and the results are combined in order, so the update and the rollouts come
 * out bit for bit the same.
 */
import type * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../model/forward.ts";
import {
  accumulateGradients,
  type GradientPart,
  logProbsByMicroBatch,
  type PackedMiniBatch,
} from "./micro-batches.ts";
import { type RolloutShard, type ShardRollouts, type ShardSampling, sampleShard } from "./rollout-shards.ts";

/** Whose log-probs: the policy being trained, or the frozen reference model. */
export type Weights = "policy" | "reference";

export interface MicroBatchRunner {
  /** As `logProbsByMicroBatch` (micro-batches.ts) of the policy or the reference model. */
  logProbs(
    weights: Weights,
    packed: PackedMiniBatch,
    temperature: number,
    withEntropy: boolean,
  ): Promise<{ logProbs: tf.Tensor2D; entropySum: number }>;
  /** The policy's gradients of `sum(lossWeights * logp)`, summed over micro-batches. */
  gradients(packed: PackedMiniBatch, lossWeights: tf.Tensor2D, temperature: number): Promise<GradientPart>;
  /** Each shard's rollouts under the policy, in shard order (rollout-shards.ts). */
  sampleShards(shards: readonly RolloutShard[], sampling: ShardSampling): Promise<ShardRollouts[]>;
  /** The policy's weights changed (an optimizer step): later calls compute with the new ones. */
  weightsChanged(): void;
  close(): Promise<void>;
}

/** Every micro-batch in this thread, one after another. */
export function localRunner(policy: Model, reference?: Model): MicroBatchRunner {
  const modelOf = (weights: Weights): Model => {
    if (weights === "policy") return policy;
    if (!reference) throw new Error("no reference model to take log-probs with");
    return reference;
  };
  return {
    logProbs: async (weights, packed, temperature, withEntropy) =>
      logProbsByMicroBatch(modelOf(weights), packed, temperature, withEntropy),
    gradients: async (packed, lossWeights, temperature) =>
      accumulateGradients(policy, packed, lossWeights, temperature),
    sampleShards: async (shards, sampling) => shards.map((shard) => sampleShard(policy, shard, sampling)),
    weightsChanged: () => {},
    close: async () => {},
  };
}
