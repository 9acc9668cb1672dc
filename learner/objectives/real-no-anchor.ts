import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Objective } from "./batch.ts";
import { assertPositiveTau, DEFAULT_TAU } from "./real.ts";
import { realGroupTerms } from "./real-group-terms.ts";
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
    const terms = realGroupTerms(scores, rewards, groups, tau, false);
    if (!terms) return zeroLossOnGraph(scores);
    return tf.div(tf.sum(tf.softplus(tf.add(terms.negatives, terms.positives))), prompts);
  });
}

export function realNoAnchorObjective({ tau = DEFAULT_TAU }: { tau?: number } = {}): Objective {
  assertPositiveTau(tau);
  return (batch) =>
    runObjective(batch, ({ scores }) => ({
      loss: realNoAnchorLossFromScores(scores, batch.rewards, batch.groups, batch.promptsInMiniBatch, tau),
    }));
}
