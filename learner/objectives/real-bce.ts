import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Objective } from "./batch.ts";
import { validGroups } from "./groups.ts";
import { assertPositiveTau, DEFAULT_TAU } from "./real.ts";
import { runObjective } from "./run-objective.ts";
import { zeroLossOnGraph } from "./zero-loss.ts";

/**
 * REAL with binary cross-entropy (paper eq. 11, averaged as the spec says): the rollouts of the valid
 * groups, flattened, each a logit sbar/tau with target r; the mean BCE-with-logits over them. The
 * BCE of logit z is softplus(-z) for target 1 and softplus(z) for target 0, which never overflows.
 */
export function realBceLossFromScores(
  scores: tf.Tensor1D,
  rewards: readonly number[],
  groups: readonly number[],
  tau: number,
): tf.Scalar {
  return tf.tidy(() => {
    const rollouts = validGroups(rewards, groups).flatMap((g) => [...g.positives, ...g.negatives]);
    if (rollouts.length === 0) return zeroLossOnGraph(scores);
    const logits = tf.div(tf.gather(scores, rollouts), tau);
    const signs = tf.tensor1d(rollouts.map((i) => (rewards[i] === 1 ? -1 : 1)));
    return tf.mean(tf.softplus(tf.mul(signs, logits)));
  });
}

export function realBceObjective({ tau = DEFAULT_TAU }: { tau?: number } = {}): Objective {
  assertPositiveTau(tau);
  return (batch) =>
    runObjective(batch, ({ scores }) => ({
      loss: realBceLossFromScores(scores, batch.rewards, batch.groups, tau),
    }));
}
