import * as tf from "@tensorflow/tfjs-core";
import { tokenMean } from "./aggregation.ts";
import { type ClipRange, clippedSurrogate } from "./clipped-surrogate.ts";

/**
 * [R, T] the token-level clipped surrogate l_t of GRPO and DAPO: ratio exp(s_t), the rollout's
 * advantage on each of its tokens; plus the share of response tokens whose gradient was clipped away.
 */
export function tokenSurrogateLosses(
  logRatios: tf.Tensor2D,
  advantages: readonly number[],
  mask: tf.Tensor2D,
  clip: ClipRange,
): { losses: tf.Tensor2D; clipFraction: tf.Scalar } {
  const perToken = tf.tensor2d([...advantages], [advantages.length, 1]);
  const { losses, clipped } = clippedSurrogate(tf.exp(logRatios), perToken, clip);
  return { losses: losses as tf.Tensor2D, clipFraction: tokenMean(clipped as tf.Tensor2D, mask) };
}
