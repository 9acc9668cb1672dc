import * as tf from "@tensorflow/tfjs-core";
import type { Params } from "./params.ts";

/**
 * The projection from the final hidden state to the vocabulary: `lm_head.weight` stored `[D, V]`,
 * or with tied embeddings the embedding table `[V, D]` itself, multiplied transposed. Using the
 * table as it is spares a `[D, V]` copy of it, which for a 151,936-token vocabulary is as large as
 * the table (545 MB at D = 896).
 */
export interface OutputHead {
  weight: tf.Tensor2D;
  /** `weight` is `[V, D]`. */
  transposed: boolean;
}

export function outputHead(params: Params, tieEmbeddings: boolean): OutputHead {
  const name = tieEmbeddings ? "model.embed_tokens.weight" : "lm_head.weight";
  const weight = params[name];
  if (!weight) throw new Error(`missing parameter ${name}`);
  return { weight: weight as tf.Tensor2D, transposed: tieEmbeddings };
}

export function vocabSizeOf(head: OutputHead): number {
  return head.weight.shape[head.transposed ? 0 : 1];
}

/** Logits `[N, V]` of hidden states `[N, D]`. */
export function headLogits(x: tf.Tensor2D, head: OutputHead): tf.Tensor2D {
  return tf.matMul(x, head.weight, false, head.transposed);
}
