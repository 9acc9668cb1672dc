import * as tf from "@tensorflow/tfjs-core";

/**
 * [S] log(sum_{k in set} exp(logits_k)) for each set of rollout indices, all sets at once.
 * With `anchor`, a logit 0 joins every set: log(1 + sum exp(logits_k)), REAL's anchored form.
 * Non-members are masked to -Infinity, so they add exp(-inf) = 0 and receive an exactly zero
 * gradient; the max-shift inside tf.logSumExp keeps large logits from overflowing.
 */
export function groupLogSumExp(
  logits: tf.Tensor1D,
  sets: readonly (readonly number[])[],
  anchor: boolean,
): tf.Tensor1D {
  const rollouts = logits.shape[0];
  const membership = new Uint8Array(sets.length * rollouts);
  sets.forEach((set, row) => {
    for (const rollout of set) membership[row * rollouts + rollout] = 1;
  });
  const members = tf.tensor2d(membership, [sets.length, rollouts], "bool");
  const masked = tf.where(members, tf.reshape(logits, [1, rollouts]), tf.scalar(Number.NEGATIVE_INFINITY));
  const withAnchor = anchor ? tf.concat([masked, tf.zeros([sets.length, 1])], 1) : masked;
  return tf.logSumExp(withAnchor, 1);
}
