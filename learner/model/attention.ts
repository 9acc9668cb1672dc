import * as tf from "@tensorflow/tfjs-core";

/** Large but finite: a fully masked row (a padding query) softmaxes to a harmless uniform, not NaN. */
const MASKED = -1e9;

/**
 * Additive bias `[B, 1, 1, Tq, Tk]`: query `i` (at absolute index `past + i`) may see key `j` when
 * `j <= past + i` and key `j` is a real token.
 */
export function attentionBias(keyMask: tf.Tensor2D, queryLength: number): tf.Tensor {
  return tf.tidy(() => {
    const [b, tk] = keyMask.shape;
    const past = tk - queryLength;
    const causal = new Float32Array(queryLength * tk);
    for (let i = 0; i < queryLength; i++) causal.fill(1, i * tk, i * tk + past + i + 1);
    const allowed = tf.mul(
      tf.tensor(causal, [1, 1, 1, queryLength, tk]),
      tf.reshape(keyMask, [b, 1, 1, 1, tk]),
    );
    return tf.mul(tf.sub(1, allowed), MASKED);
  });
}

/**
 * Grouped-query attention. `q` is `[B, H, Tq, d]`, `k`/`v` are `[B, Hkv, Tk, d]`; query head `h`
 * uses key/value head `floor(h / (H / Hkv))` as in Hugging Face's `repeat_kv`. The queries of one
 * group are folded into the time axis instead of copying keys and values per head.
 */
export function groupedAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  bias: tf.Tensor,
): tf.Tensor4D {
  const [b, h, tq, d] = q.shape;
  const hkv = k.shape[1];
  const tk = k.shape[2];
  const group = h / hkv;
  const qg = tf.reshape(q, [b, hkv, group * tq, d]);
  const scores = tf.mul(tf.matMul(qg, k, false, true), 1 / Math.sqrt(d));
  const masked = tf.add(tf.reshape(scores, [b, hkv, group, tq, tk]), bias);
  const weights = tf.reshape(tf.softmax(masked), [b, hkv, group * tq, tk]);
  return tf.reshape(tf.matMul(weights, v), [b, h, tq, d]);
}
