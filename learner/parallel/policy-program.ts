/**
 * The shard program of RL training (runs in each data-parallel worker): one micro-batch's log-probs
 * under the policy or the reference model, or its gradients of `sum(weights * logp)`, or one rollout
 * shard's samples, computed by the same functions as in the main thread
 * (learner/train/micro-batches.ts, learner/train/rollout-shards.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ModelConfig } from "../model/config.ts";
import type { Model } from "../model/forward.ts";
import type { Params } from "../model/params.ts";
import type { Weights } from "../train/micro-batch-runner.ts";
import { microBatchGradients, microBatchLogProbs } from "../train/micro-batches.ts";
import { type RolloutShard, type ShardSampling, sampleShard } from "../train/rollout-shards.ts";
import { disposeSequenceTensors, packSequences, type Sequence } from "../train/sequences.ts";
import type { ShardProgram } from "./protocol.ts";
import { flatten, layoutOf } from "./shared-params.ts";

/** Names of the frozen reference model's weights among the shared ones. */
export const REFERENCE_SHARE_PREFIX = "reference/";

export interface PolicySetup {
  config: ModelConfig;
  padId: number;
}

export type PolicyTask =
  | {
      kind: "logProbs";
      weights: Weights;
      sequences: readonly Sequence[];
      temperature: number;
      withEntropy: boolean;
    }
  | { kind: "gradients"; sequences: readonly Sequence[]; lossWeights: Float32Array; temperature: number }
  | { kind: "rollouts"; shard: RolloutShard; sampling: ShardSampling };

export type PolicyResult =
  | { kind: "logProbs"; logProbs: Float32Array; shape: [number, number]; entropySum?: number }
  /** The gradients end to end, in the order of the policy's parameter names. */
  | { kind: "gradients"; value: number; grads: Float32Array }
  | { kind: "rollouts"; responses: number[][]; finished: boolean[] };

function split(params: Readonly<Params>): { policy: Params; reference: Params } {
  const policy: Params = {};
  const reference: Params = {};
  for (const [name, variable] of Object.entries(params)) {
    if (name.startsWith(REFERENCE_SHARE_PREFIX))
      reference[name.slice(REFERENCE_SHARE_PREFIX.length)] = variable;
    else policy[name] = variable;
  }
  return { policy, reference };
}

export const program: ShardProgram<PolicySetup, PolicyTask, PolicyResult> = (setup) => (task, params) => {
  const { policy, reference } = split(params);
  const modelOf = (weights: Weights): Model => ({
    config: setup.config,
    params: weights === "policy" ? policy : reference,
  });
  if (task.kind === "rollouts") {
    const { responses, finished } = sampleShard(modelOf("policy"), task.shard, task.sampling);
    return { result: { kind: task.kind, responses, finished } };
  }
  const tensors = packSequences(task.sequences, setup.padId);
  try {
    if (task.kind === "logProbs") {
      const part = microBatchLogProbs(modelOf(task.weights), tensors, task.temperature, task.withEntropy);
      const logProbs = part.logProbs.dataSync().slice() as Float32Array;
      const [m, t] = part.logProbs.shape;
      part.logProbs.dispose();
      const result = {
        kind: task.kind,
        logProbs,
        shape: [m, t] as [number, number],
        entropySum: part.entropySum,
      };
      return { result, transfer: [logProbs.buffer as ArrayBuffer] };
    }
    const weights = tf.tensor2d(task.lossWeights, tensors.batch.ids.shape as [number, number]);
    const part = microBatchGradients(modelOf("policy"), tensors, weights, task.temperature);
    const grads = flatten(layoutOf(policy), part.grads);
    tf.dispose([weights, ...Object.values(part.grads)]);
    return { result: { kind: task.kind, value: part.value, grads }, transfer: [grads.buffer as ArrayBuffer] };
  } finally {
    disposeSequenceTensors(tensors);
  }
};
