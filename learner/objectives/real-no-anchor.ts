import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Objective } from "./batch.ts";
import { groupLogSumExp } from "./group-logsumexp.ts";
import { validGroups } from "./groups.ts";
import { assertPositiveTau, DEFAULT_TAU } from "./real.ts";
import { runObjective } from "./run-objective.ts";
import { zeroLossOnGraph } from "./zero-loss.ts";

/**
 * REAL without the anchor logit (paper eq. 2 on the scores): per valid group
 * softplus(logsumexp_N(sbar/tau) + logsumexp_P(-sbar/tau)) = log(1 + sum_N sum_P exp((sbar_j - sbar_i)/tau)),
 * summed over valid groups and divided by the number of prompts in the mini-batch.
 */
export function realNoAnchorLossFromScores(
  scores: tf.Tensor1D,
  rewards: readonly number[],
  groups: readonly number[],
  prompts: number,
  tau: number,
): tf.Scalar {
  return tf.tidy(() => {
    const valid = validGroups(rewards, groups);
    if (valid.length === 0) return zeroLossOnGraph(scores);
    const scaled = tf.div<tf.Tensor1D>(scores, tau);
    const negatives = groupLogSumExp(
      scaled,
      valid.map((g) => g.negatives),
      false,
    );
    const positives = groupLogSumExp(
      tf.neg(scaled),
      valid.map((g) => g.positives),
      false,
    );
    return tf.div(tf.sum(tf.softplus(tf.add(negatives, positives))), prompts);
  });
}

export function realNoAnchorObjective({ tau = DEFAULT_TAU }: { tau?: number } = {}): Objective {
  assertPositiveTau(tau);
  return (batch) =>
    runObjective(batch, ({ scores }) => ({
      loss: realNoAnchorLossFromScores(scores, batch.rewards, batch.groups, batch.promptsInMiniBatch, tau),
    }));
}
