import * as tf from "@tensorflow/tfjs-core";
import { rmsNorm as fusedRmsNorm } from "../backends/fused-rms-norm.ts";

/**
 * `x * w / rms(x)` over the last axis (Qwen2's RMSNorm, no mean subtraction, no bias): one kernel
 * forward and one backward on wasm and cpu (learner/backends/fused-rms-norm.ts), tfjs ops elsewhere.
 */
export function rmsNorm(x: tf.Tensor, weight: tf.Tensor1D, eps: number): tf.Tensor {
  return fusedRmsNorm(x, weight, eps);
}

/**
 * `a @ b` whose gradients use explicitly transposed operands: tfjs's own matMul gradient passes
 * transpose flags, which the wasm backend serves about ten times slower than a plain product.
 */
const plainMatMul = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    // In a scope of its own: tfjs runs a custom gradient outside one, and the transposed copies
    // (one of the weight, one of the activations) would otherwise live until the whole backward
    // pass ends.
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)),
          tf.matMul(tf.transpose(sa), dy as tf.Tensor2D),
        ];
      }),
  };
});

/** `x @ W + b` with `W` stored `[in, out]`; `x` is `[..., in]`. */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const [inDim, outDim] = weight.shape;
  const y = plainMatMul(tf.reshape(x, [-1, inDim]), weight);
  const out = bias ? tf.add(y, bias) : y;
  return tf.reshape(out, [...x.shape.slice(0, -1), outDim]);
}

/**
 * Embedding lookup whose gradient is a scatter-add. tfjs's own `gather` gradient needs
 * `UnsortedSegmentSum`, which the wasm backend lacks; `ScatterNd` sums duplicate indices and exists
 * on both backends. The one-hot alternative would cost `B * T * vocab` memory.
 */
export function embed(table: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor3D {
  const lookup = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const t = inputs[0] as tf.Tensor2D;
    return {
      value: tf.gather(t, ids),
      gradFunc: (dy: tf.Tensor) =>
        tf.scatterND(tf.reshape(ids, [-1, 1]), tf.reshape(dy, [-1, t.shape[1]]), t.shape),
    };
  });
  return lookup(table) as tf.Tensor3D;
}

/** SwiGLU: `down(silu(gate(x)) * up(x))`. */
export function swiGlu(x: tf.Tensor, gate: tf.Tensor2D, up: tf.Tensor2D, down: tf.Tensor2D): tf.Tensor {
  const g = linear(x, gate);
  return linear(tf.mul(tf.mul(g, tf.sigmoid(g)), linear(x, up)), down);
}
