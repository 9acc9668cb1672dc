/**
 * The benchmark's reference decoder, twin of tests/bench/learner_torch.py: token and learned
 * position embeddings, pre-norm blocks with RMSNorm, causal multi-head attention (fused qkv) and a
 * ReLU MLP of width 4d, no biases, the output head tied to the token embedding; AdamW. It is not
 * the learner's model (learner/model is Qwen2-shaped, with RoPE and SwiGLU); it measures backends.
 */
import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { AdamW } from "../optim/adamw.ts";
import { rmsNorm as fusedRmsNorm } from "./fused-rms-norm.ts";

export interface ReferenceConfig {
  vocab: number;
  d: number;
  heads: number;
  layers: number;
  maxPositions: number;
}

export const REFERENCE: ReferenceConfig = { vocab: 64, d: 256, heads: 4, layers: 4, maxPositions: 128 };

interface Layer {
  norm1: tf.Variable;
  qkv: tf.Variable;
  out: tf.Variable;
  norm2: tf.Variable;
  up: tf.Variable;
  down: tf.Variable;
}

export interface ReferenceModel {
  config: ReferenceConfig;
  embed: tf.Variable;
  positions: tf.Variable;
  layers: Layer[];
  norm: tf.Variable;
}

/** Keys and values of every layer, `[B, heads, past, d / heads]`. */
export interface ReferenceCache {
  k: tf.Tensor4D[];
  v: tf.Tensor4D[];
}

export function createReferenceModel(config: ReferenceConfig = REFERENCE, seed = 0): ReferenceModel {
  const { d, vocab } = config;
  let s = seed;
  const normal = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.02, "float32", s++));
  const ones = () => tf.variable(tf.ones([d]));
  return {
    config,
    embed: normal([vocab, d]),
    positions: normal([config.maxPositions, d]),
    layers: Array.from({ length: config.layers }, () => ({
      norm1: ones(),
      qkv: normal([d, 3 * d]),
      out: normal([d, d]),
      norm2: ones(),
      up: normal([d, 4 * d]),
      down: normal([4 * d, d]),
    })),
    norm: ones(),
  };
}

const LAYER_WEIGHTS = ["norm1", "qkv", "out", "norm2", "up", "down"] as const;

/** The weights by name: the names data-parallel workers hold them under. */
export function referenceParams(model: ReferenceModel): Record<string, tf.Variable> {
  return {
    embed: model.embed,
    positions: model.positions,
    ...Object.fromEntries(
      model.layers.flatMap((layer, i) => LAYER_WEIGHTS.map((w) => [`layers.${i}.${w}`, layer[w]])),
    ),
    norm: model.norm,
  };
}

/** The model whose weights `referenceParams` named. */
export function referenceModelOf(
  config: ReferenceConfig,
  params: Readonly<Record<string, tf.Variable>>,
): ReferenceModel {
  const layers = Array.from(
    { length: config.layers },
    (_, i) =>
      Object.fromEntries(LAYER_WEIGHTS.map((w) => [w, params[`layers.${i}.${w}`]!])) as unknown as Layer,
  );
  return { config, embed: params.embed!, positions: params.positions!, layers, norm: params.norm! };
}

function rmsNorm(x: tf.Tensor, weight: tf.Tensor): tf.Tensor {
  return fusedRmsNorm(x, weight, 1e-6);
}

/** Additive mask `[T, past + T]`: query i sees keys up to `past + i`. */
function causalMask(t: number, past: number): tf.Tensor {
  const mask = new Float32Array(t * (past + t));
  for (let i = 0; i < t; i++) mask.fill(-1e9, i * (past + t) + past + i + 1, (i + 1) * (past + t));
  return tf.tensor2d(mask, [t, past + t]);
}

/**
 * Logits `[B * T, vocab]` of `ids` `[B, T]` continuing `cache` (when given), and the extended cache.
 * The embedding is a one-hot product so that its gradient is a matmul, not a scatter.
 */
export function referenceForward(
  model: ReferenceModel,
  ids: tf.Tensor2D,
  cache?: ReferenceCache,
): { logits: tf.Tensor2D; cache: ReferenceCache } {
  const { d, heads, vocab } = model.config;
  const [b, t] = ids.shape;
  const dh = d / heads;
  const past = cache ? cache.k[0]!.shape[2] : 0;
  const oneHot = tf.oneHot(tf.reshape(ids, [-1]), vocab, 1, 0, "float32") as tf.Tensor2D;
  let x: tf.Tensor = tf.add(
    tf.reshape(tf.matMul(oneHot, model.embed), [b, t, d]),
    tf.slice(model.positions, [past, 0], [t, d]),
  );
  x = tf.reshape(x, [b * t, d]);
  const mask = causalMask(t, past);
  const next: ReferenceCache = { k: [], v: [] };
  model.layers.forEach((layer, i) => {
    const qkv = tf.reshape(tf.matMul(rmsNorm(x, layer.norm1), layer.qkv), [b, t, 3, heads, dh]);
    const [q, kNew, vNew] = tf.unstack(tf.transpose(qkv, [2, 0, 3, 1, 4])) as tf.Tensor4D[];
    const k = cache ? tf.concat([cache.k[i]!, kNew!], 2) : kNew!;
    const v = cache ? tf.concat([cache.v[i]!, vNew!], 2) : vNew!;
    next.k.push(k);
    next.v.push(v);
    const scores = tf.add(tf.mul(tf.matMul(q!, k, false, true), 1 / Math.sqrt(dh)), mask);
    const attended = tf.matMul(tf.softmax(scores), v);
    const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [b * t, d]);
    x = tf.add(x, tf.matMul(merged, layer.out));
    const hidden = tf.relu(tf.matMul(rmsNorm(x, layer.norm2), layer.up));
    x = tf.add(x, tf.matMul(hidden, layer.down));
  });
  const logits = tf.matMul(rmsNorm(x, model.norm), model.embed, false, true) as tf.Tensor2D;
  return { logits, cache: next };
}

/**
 * Cross-entropy of `targets` summed over the batch's tokens and divided by `tokens` (default: the
 * batch's own, the mean): a data-parallel shard divides by the whole batch's, so that the shards'
 * losses and gradients add up to the batch's.
 */
export function referenceLoss(
  model: ReferenceModel,
  ids: tf.Tensor2D,
  targets: tf.Tensor2D,
  tokens = ids.size,
): tf.Scalar {
  const { logits } = referenceForward(model, ids);
  const oneHot = tf.oneHot(tf.reshape(targets, [-1]), model.config.vocab, 1, 0, "float32");
  return tf.div(tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)))), tokens) as tf.Scalar;
}

/** AdamW as PyTorch's defaults (the learner's optimizer, without gradient clipping). */
export function referenceOptimizer(lr = 1e-3, weightDecay = 0.01): AdamW {
  return new AdamW({ lr, weightDecay, maxGradNorm: null });
}

export function referenceTrainer(model: ReferenceModel, lr = 1e-3, weightDecay = 0.01) {
  const params = referenceParams(model);
  const variables = Object.values(params);
  const optimizer = referenceOptimizer(lr, weightDecay);
  return (ids: tf.Tensor2D, targets: tf.Tensor2D): number => {
    const { value, grads } = tf.variableGrads(() => referenceLoss(model, ids, targets), variables);
    const byName = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, grads[v.name]!]));
    optimizer.apply(params, byName);
    tf.dispose(grads);
    const loss = value.dataSync()[0]!;
    value.dispose();
    return loss;
  };
}

/** Samples `newTokens` tokens after a one-token prompt per row, with the KV cache; returns `[B, newTokens]`. */
export function referenceGenerate(
  model: ReferenceModel,
  prompt: tf.Tensor2D,
  newTokens: number,
): tf.Tensor2D {
  let cache: ReferenceCache | undefined;
  let ids = prompt;
  const out: tf.Tensor2D[] = [];
  for (let step = 0; step < newTokens; step++) {
    const [sampled, ...kv] = tf.tidy(() => {
      const result = referenceForward(model, ids, cache);
      const drawn = tf.cast(tf.multinomial(result.logits, 1), "int32");
      return [drawn, ...result.cache.k, ...result.cache.v];
    }) as tf.Tensor[];
    if (cache) tf.dispose([...cache.k, ...cache.v]);
    const layers = model.config.layers;
    cache = { k: kv.slice(0, layers) as tf.Tensor4D[], v: kv.slice(layers) as tf.Tensor4D[] };
    ids = sampled as tf.Tensor2D;
    out.push(ids);
  }
  if (cache) tf.dispose([...cache.k, ...cache.v]);
  const all = tf.concat(out, 1) as tf.Tensor2D;
  tf.dispose(out);
  return all;
}

/** Multiply-add FLOPs (×2) of the matmuls in one forward pass over `B x T` tokens. */
export function referenceForwardFlops(config: ReferenceConfig, b: number, t: number): number {
  const { d, vocab, layers } = config;
  const tokens = b * t;
  const perLayer = 2 * tokens * d * (3 * d + d + 8 * d) + 2 * 2 * b * t * t * d;
  return layers * perLayer + 2 * 2 * tokens * vocab * d;
}
