import type * as tf from "@tensorflow/tfjs-core";

/** One mini-batch of rollouts, as every objective reads it. */
export interface RolloutBatch {
  /** [R, T] per-token log-probs under pi_theta (temperature-scaled); gradients flow through it. */
  logpCurrent: tf.Tensor2D;
  /** [R, T] per-token log-probs under pi_old, computed once per step without gradient. */
  logpOld: tf.Tensor2D;
  /** [R, T] per-token log-probs under the frozen reference model, for a KL term against it. */
  logpRef?: tf.Tensor2D;
  /** [R, T] 1 on response tokens (end-of-sequence included), 0 on prompt and padding. */
  mask: tf.Tensor2D;
  /** [R] verifiable reward of each rollout, 0 or 1. */
  rewards: readonly number[];
  /** [R] index of each rollout's prompt within the mini-batch, in [0, promptsInMiniBatch). */
  groups: readonly number[];
  /** Number of prompts in the mini-batch, valid groups or not: REAL's denominator. */
  promptsInMiniBatch: number;
}

export interface ObjectiveMetrics {
  /** Share of the mini-batch's prompts whose rollouts hold both a positive and a negative. */
  validGroupShare: number;
  /** Mean sequence score (token-mean of s_t) of the rollouts with r = 1; null when there are none. */
  meanPositiveScore: number | null;
  /** Mean sequence score of the rollouts with r = 0; null when there are none. */
  meanNegativeScore: number | null;
  /** Mean of -s_t over all response tokens: the approximate KL to pi_old. */
  approxKlToOld: number;
  /** PPO-style objectives: share of response tokens whose clipped branch won (zero gradient). */
  clipFraction?: number;
  /** Value of the KL term included in the loss, when one is configured. */
  klPenalty?: number;
}

export interface ObjectiveResult {
  loss: tf.Scalar;
  metrics: ObjectiveMetrics;
}

export type Objective = (batch: RolloutBatch) => ObjectiveResult;

/** Rejects a batch whose parts disagree, before any of it reaches a loss and turns into NaN. */
export function validateBatch(batch: RolloutBatch): void {
  const [rollouts, tokens] = batch.logpCurrent.shape;
  const shaped: [string, tf.Tensor2D | undefined][] = [
    ["logpOld", batch.logpOld],
    ["logpRef", batch.logpRef],
    ["mask", batch.mask],
  ];
  for (const [name, tensor] of shaped) {
    if (tensor && (tensor.shape[0] !== rollouts || tensor.shape[1] !== tokens)) {
      throw new Error(`${name} has shape [${tensor.shape}], logpCurrent has [${rollouts},${tokens}]`);
    }
  }
  if (batch.rewards.length !== rollouts || batch.groups.length !== rollouts) {
    throw new Error(
      `${rollouts} rollouts but ${batch.rewards.length} rewards and ${batch.groups.length} group indices`,
    );
  }
  const prompts = batch.promptsInMiniBatch;
  if (!Number.isInteger(prompts) || prompts < 1) {
    throw new Error(`promptsInMiniBatch must be a positive integer, got ${prompts}`);
  }
  batch.rewards.forEach((reward, i) => {
    if (reward !== 0 && reward !== 1) throw new Error(`reward of rollout ${i} is ${reward}, not 0 or 1`);
  });
  batch.groups.forEach((group, i) => {
    if (!Number.isInteger(group) || group < 0 || group >= prompts) {
      throw new Error(`rollout ${i} belongs to prompt ${group}, outside [0, ${prompts})`);
    }
  });
  const mask = batch.mask.arraySync();
  mask.forEach((row, i) => {
    if (!row.some((m) => m > 0)) throw new Error(`rollout ${i} has no response token`);
  });
}
