import type * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { groupAdvantages } from "./advantages.ts";
import { sequenceMeanOfTokenMean } from "./aggregation.ts";
import type { Objective } from "./batch.ts";
import { assertClipRange, type ClipRange } from "./clipped-surrogate.ts";
import type { KlConfig } from "./kl.ts";
import { runObjective } from "./run-objective.ts";
import { tokenSurrogateLosses } from "./token-surrogate.ts";

export const GRPO_CLIP: ClipRange = { low: 0.2, high: 0.2 };
export const GRPO_DEFAULT_KL: KlConfig = { beta: 0.001, against: "reference" };

/**
 * GRPO's policy loss for given advantages: the clipped surrogate per token, token-mean within each
 * rollout, then mean over rollouts (paper eq. 1, negated).
 */
export function grpoLoss(
  logRatios: tf.Tensor2D,
  advantages: readonly number[],
  mask: tf.Tensor2D,
  clip: ClipRange = GRPO_CLIP,
): { loss: tf.Scalar; clipFraction: tf.Scalar } {
  const { losses, clipFraction } = tokenSurrogateLosses(logRatios, advantages, mask, clip);
  return { loss: sequenceMeanOfTokenMean(losses, mask), clipFraction };
}

/** GRPO without its KL term, which the registry adds (beta 0.001 against the reference by default). */
export function grpoObjective({ clip = GRPO_CLIP }: { clip?: ClipRange } = {}): Objective {
  assertClipRange(clip);
  return (batch) =>
    runObjective(batch, ({ logRatios }) =>
      grpoLoss(logRatios, groupAdvantages(batch.rewards, batch.groups), batch.mask, clip),
    );
}
