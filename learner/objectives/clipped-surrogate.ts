import * as tf from "@tensorflow/tfjs-core";

/** The ratio is clipped to [1 - low, 1 + high]. */
export interface ClipRange {
  low: number;
  high: number;
}

/**
 * PPO's pessimistic surrogate, elementwise: max(-A * ratio, -A * clip(ratio, 1 - low, 1 + high)).
 * The unclipped branch goes first because tf.maximum sends the gradient of a tie to its first
 * argument, and inside the clip range the two branches are equal: there the gradient must be -A * ratio.
 * `clipped` is 1 where the clipped branch strictly wins, i.e. where the gradient is cut to zero.
 */
export function clippedSurrogate(
  ratio: tf.Tensor,
  advantages: tf.Tensor,
  clip: ClipRange,
): { losses: tf.Tensor; clipped: tf.Tensor } {
  const negatedAdvantages = tf.neg(advantages);
  const unclipped = tf.mul(negatedAdvantages, ratio);
  const clippedBranch = tf.mul(negatedAdvantages, tf.clipByValue(ratio, 1 - clip.low, 1 + clip.high));
  return {
    losses: tf.maximum(unclipped, clippedBranch),
    clipped: tf.cast(tf.greater(clippedBranch, unclipped), "float32"),
  };
}

export function assertClipRange(clip: ClipRange): void {
  if (!(clip.low >= 0 && clip.low < 1 && clip.high >= 0 && Number.isFinite(clip.high))) {
    throw new Error(`clip range must satisfy 0 <= low < 1 and 0 <= high, got ${JSON.stringify(clip)}`);
  }
}
