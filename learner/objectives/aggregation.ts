import * as tf from "@tensorflow/tfjs-core";

/** [R] number of response tokens |o| of each rollout. */
export function responseLengths(mask: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(mask, 1);
}

/** [R] mean of `values` over each rollout's response tokens. */
export function rowTokenMean(values: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.div(tf.sum(tf.mul(values, mask), 1), responseLengths(mask));
}

/** Mean of `values` over every response token of the mini-batch (long rollouts weigh more). */
export function tokenMean(values: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.div(tf.sum(tf.mul(values, mask)), tf.sum(mask));
}

/** Mean over rollouts of each rollout's token-mean (every rollout weighs the same). */
export function sequenceMeanOfTokenMean(values: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.mean(rowTokenMean(values, mask));
}
