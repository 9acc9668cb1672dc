import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { groupAdvantages } from "./advantages.ts";
import { responseLengths } from "./aggregation.ts";
import type { Objective } from "./batch.ts";
import { assertClipRange, type ClipRange, clippedSurrogate } from "./clipped-surrogate.ts";
import { runObjective } from "./run-objective.ts";

/** A sequence ratio moves far less than a token ratio, hence the tiny range. */
export const GSPO_CLIP: ClipRange = { low: 3e-4, high: 4e-4 };
/** Keeps exp(log ratio) finite for a rollout that drifted far from pi_old. */
export const GSPO_LOG_RATIO_CAP = 10;

/**
 * GSPO's policy loss for given advantages. The sequence ratio exp(min(sbar, 10)), with sbar the
 * token-mean of s_t (gradient flowing through it), replaces every token's ratio; the clipped surrogate
 * is then the same on each of the rollout's tokens, so its token-mean is the per-rollout value itself,
 * and the loss is the mean over rollouts.
 */
export function gspoLoss(
  scores: tf.Tensor1D,
  advantages: readonly number[],
  mask: tf.Tensor2D,
  clip: ClipRange = GSPO_CLIP,
): { loss: tf.Scalar; clipFraction: tf.Scalar } {
  const ratio = tf.exp(tf.minimum(scores, GSPO_LOG_RATIO_CAP));
  const { losses, clipped } = clippedSurrogate(ratio, tf.tensor1d([...advantages]), clip);
  const lengths = responseLengths(mask);
  return {
    loss: tf.mean(losses),
    clipFraction: tf.div(tf.sum(tf.mul(clipped, lengths)), tf.sum(lengths)),
  };
}

export function gspoObjective({ clip = GSPO_CLIP }: { clip?: ClipRange } = {}): Objective {
  assertClipRange(clip);
  return (batch) =>
    runObjective(batch, ({ scores }) =>
      gspoLoss(scores, groupAdvantages(batch.rewards, batch.groups), batch.mask, clip),
    );
}
