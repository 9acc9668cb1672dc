import * as tf from "@tensorflow/tfjs-core";

/** The L2 norm of all gradients taken as one vector. */
export function globalNorm(grads: readonly tf.Tensor[]): number {
  return tf.tidy(() => Math.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!));
}

/**
 * The factor that scales gradients of norm `norm` down to at most `maxNorm`, as PyTorch's
 * `clip_grad_norm_` computes it (the 1e-6 keeps a zero norm harmless); 1 when no clipping is set.
 */
export function clipCoefficient(norm: number, maxNorm: number | null): number {
  if (maxNorm === null) return 1;
  return Math.min(1, maxNorm / (norm + 1e-6));
}
