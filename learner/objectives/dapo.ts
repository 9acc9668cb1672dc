import type * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { groupAdvantages } from "./advantages.ts";
import { tokenMean } from "./aggregation.ts";
import type { Objective } from "./batch.ts";
import { assertClipRange, type ClipRange } from "./clipped-surrogate.ts";
import { runObjective } from "./run-objective.ts";
import { tokenSurrogateLosses } from "./token-surrogate.ts";

/** "Clip higher": more room for raising a token's probability than for lowering it. */
export const DAPO_CLIP: ClipRange = { low: 0.2, high: 0.28 };

/**
 * DAPO's policy loss for given advantages: GRPO's token surrogate with token-mean aggregation, the sum
 * of l_t over every response token of the mini-batch divided by their count.
 */
export function dapoLoss(
  logRatios: tf.Tensor2D,
  advantages: readonly number[],
  mask: tf.Tensor2D,
  clip: ClipRange = DAPO_CLIP,
): { loss: tf.Scalar; clipFraction: tf.Scalar } {
  const { losses, clipFraction } = tokenSurrogateLosses(logRatios, advantages, mask, clip);
  return { loss: tokenMean(losses, mask), clipFraction };
}

export function dapoObjective({ clip = DAPO_CLIP }: { clip?: ClipRange } = {}): Objective {
  assertClipRange(clip);
  return (batch) =>
    runObjective(batch, ({ logRatios }) =>
      dapoLoss(logRatios, groupAdvantages(batch.rewards, batch.groups), batch.mask, clip),
    );
}
