import * as tf from "@tensorflow/tfjs-core";

export interface RopeTables {
  /** `[B, 1, T, headDim]`, broadcast over heads. */
  cos: tf.Tensor4D;
  sin: tf.Tensor4D;
}

/**
 * Rotary tables for explicit per-token positions `[B, T]` (so padding does not advance a row's
 * position). Frequencies `theta^(-2i/d)`, duplicated over the two halves as in Hugging Face Qwen2.
 */
export function ropeTables(positions: tf.Tensor2D, dim: number, theta: number): RopeTables {
  return tf.tidy(() => {
    const half = dim / 2;
    const invFreq = tf.tensor1d(Array.from({ length: half }, (_, i) => 1 / theta ** ((2 * i) / dim)));
    const [b, t] = positions.shape;
    const angles = tf.mul(tf.reshape(tf.cast(positions, "float32"), [b, t, 1]), invFreq);
    const full = tf.reshape(tf.concat([angles, angles], -1), [b, 1, t, dim]);
    return { cos: tf.cos(full) as tf.Tensor4D, sin: tf.sin(full) as tf.Tensor4D };
  });
}

/** `[-x2, x1]` for `x = [x1, x2]` as a product with a signed permutation: the cpu backend's last-axis split is slow. */
function rotateHalfMatrix(dim: number): tf.Tensor2D {
  const half = dim / 2;
  const m = new Float32Array(dim * dim);
  for (let j = 0; j < half; j++) {
    m[(j + half) * dim + j] = -1;
    m[j * dim + j + half] = 1;
  }
  return tf.tensor2d(m, [dim, dim]);
}

/** Rotates `[B, heads, T, headDim]` by the "rotate half" convention: pairs are (i, i + d/2). */
export function applyRope(x: tf.Tensor4D, rope: RopeTables): tf.Tensor4D {
  const dim = x.shape[3];
  const rotated = tf.reshape(tf.matMul(tf.reshape(x, [-1, dim]), rotateHalfMatrix(dim)), x.shape);
  return tf.add(tf.mul(x, rope.cos), tf.mul(rotated, rope.sin));
}
