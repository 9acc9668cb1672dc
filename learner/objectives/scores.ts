import * as tf from "@tensorflow/tfjs-core";
import { rowTokenMean } from "./aggregation.ts";

/**
 * [R, T] s_t = log pi_theta - log pi_old on response tokens and exactly 0 elsewhere, so that whatever
 * the log-prob tensors hold on prompt and padding positions (even -Infinity) never reaches a loss.
 */
export function tokenLogRatios(
  logpCurrent: tf.Tensor2D,
  logpOld: tf.Tensor2D,
  mask: tf.Tensor2D,
): tf.Tensor2D {
  return tf.where(tf.greater(mask, 0), tf.sub<tf.Tensor2D>(logpCurrent, logpOld), 0);
}

/** [R] the REAL score sbar = token-mean of s_t over each rollout's response tokens (paper eq. 5). */
export function sequenceScores(logRatios: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return rowTokenMean(logRatios, mask);
}
