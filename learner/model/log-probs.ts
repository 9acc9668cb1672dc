import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";

/**
 * Log-probabilities at a sampling temperature, aligned with the ids: entry `[b, t]` is
 * `log softmax(logits[b, t - 1] / temperature)[ids[b, t]]`, the log-prob of token `t` given the
 * tokens before it; column 0 (nothing predicts it) is 0. Mask with the response mask of the same
 * shape. The taken token is picked by a one-hot product rather than `gather`, whose gradient needs
 * `UnsortedSegmentSum` (missing on the wasm backend).
 */
export function tokenLogProbs(logits: tf.Tensor3D, ids: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    const scaled = tf.div(tf.slice(logits, [0, 0, 0], [b, t - 1, v]), temperature);
    const taken = tf.oneHot(tf.cast(tf.slice(ids, [0, 1], [b, t - 1]), "int32"), v);
    const picked = tf.sum(tf.mul(tf.logSoftmax(scaled), taken), -1);
    return tf.concat([tf.zeros([b, 1]), picked], 1) as tf.Tensor2D;
  });
}

/** Entropy (nats) of the temperature-scaled next-token distributions, aligned as `tokenLogProbs`. */
export function tokenEntropy(logits: tf.Tensor3D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    const logP = tf.logSoftmax(tf.div(tf.slice(logits, [0, 0, 0], [b, t - 1, v]), temperature));
    const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), -1));
    return tf.concat([tf.zeros([b, 1]), entropy], 1) as tf.Tensor2D;
  });
}
