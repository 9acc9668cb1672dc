import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Objective } from "./batch.ts";
import { realGroupTerms } from "./real-group-terms.ts";
import { runObjective } from "./run-objective.ts";
import { zeroLossOnGraph } from "./zero-loss.ts";

export const DEFAULT_TAU = 0.5;

/**
 * The REAL loss (paper eq. 8) on sequence scores: for every valid group,
 * log(1 + sum_P exp(-sbar/tau)) + log(1 + sum_N exp(sbar/tau)), summed and divided by the number of
 * prompts in the mini-batch (valid or not). Takes the scores directly so that tests can differentiate
 * with respect to them.
 */
export function realLossFromScores(
  scores: tf.Tensor1D,
  rewards: readonly number[],
  groups: readonly number[],
  prompts: number,
  tau: number,
): tf.Scalar {
  return tf.tidy(() => {
    const terms = realGroupTerms(scores, rewards, groups, tau, true);
    if (!terms) return zeroLossOnGraph(scores);
    return tf.div(tf.add(tf.sum(terms.positives), tf.sum(terms.negatives)), prompts);
  });
}

export function realObjective({ tau = DEFAULT_TAU }: { tau?: number } = {}): Objective {
  assertPositiveTau(tau);
  return (batch) =>
    runObjective(batch, ({ scores }) => ({
      loss: realLossFromScores(scores, batch.rewards, batch.groups, batch.promptsInMiniBatch, tau),
    }));
}

export function assertPositiveTau(tau: number): void {
  if (!(tau > 0 && Number.isFinite(tau))) throw new Error(`tau must be a positive number, got ${tau}`);
}
