import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { attentionBias, groupedAttention } from "./attention.ts";
import { headDim, type ModelConfig } from "./config.ts";
import type { KvCache, LayerKv } from "./kv-cache.ts";
import { embed, linear, rmsNorm, swiGlu } from "./layers.ts";
import { headLogits, type OutputHead, outputHead } from "./output-head.ts";
import { layerPrefix, type Params } from "./params.ts";
import { applyRope, type RopeTables, ropeTables } from "./rope.ts";

export interface Model {
  config: ModelConfig;
  params: Params;
}

/**
 * A batch of token ids `[B, T]` (int32) and its mask `[B, T]` (1 = real token, 0 = padding).
 *
 * Padding may sit anywhere: a real token attends to earlier real tokens of its row only, and its
 * RoPE position counts the real tokens before it, so the logits of real tokens do not depend on how
 * the row is padded. Generation left-pads prompts (every row then ends at the same column, so one
 * new column per step extends them all) and pads finished rows on the right; training batches built
 * from rollouts therefore carry padding on both sides. Logits at padded positions are meaningless.
 */
export interface TokenBatch {
  ids: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export interface ForwardOptions {
  /** Tokens already processed; the batch continues them row by row. */
  past?: KvCache;
  /** Compute logits for the last column only (a prefill or a decoding step needs nothing else). */
  lastOnly?: boolean;
}

export interface ForwardResult {
  /** `[B, T, V]`, or `[B, 1, V]` with `lastOnly`. */
  logits: tf.Tensor3D;
  /** The past extended by this batch. */
  cache: KvCache;
}

function weight(params: Params, name: string): tf.Variable {
  const w = params[name];
  if (!w) throw new Error(`missing parameter ${name}`);
  return w;
}

/** Splits `[B, T, heads * d]` into `[B, heads, T, d]`. */
function splitHeads(x: tf.Tensor, heads: number, d: number): tf.Tensor4D {
  const [b, t] = x.shape;
  return tf.transpose(tf.reshape(x, [b!, t!, heads, d]), [0, 2, 1, 3]);
}

function attentionBlock(
  model: Model,
  layer: number,
  x: tf.Tensor,
  rope: RopeTables,
  bias: tf.Tensor,
  past: LayerKv | undefined,
): { out: tf.Tensor; kv: LayerKv } {
  const { config, params } = model;
  const p = `${layerPrefix(layer)}.self_attn`;
  const d = headDim(config);
  const project = (name: string) =>
    linear(
      x,
      weight(params, `${p}.${name}.weight`) as tf.Tensor2D,
      config.qkvBias ? (weight(params, `${p}.${name}.bias`) as tf.Tensor1D) : undefined,
    );
  const q = applyRope(splitHeads(project("q_proj"), config.numHeads, d), rope);
  const kNew = applyRope(splitHeads(project("k_proj"), config.numKvHeads, d), rope);
  const vNew = splitHeads(project("v_proj"), config.numKvHeads, d);
  const kv = past
    ? { k: tf.concat([past.k, kNew], 2) as tf.Tensor4D, v: tf.concat([past.v, vNew], 2) as tf.Tensor4D }
    : { k: kNew, v: vNew };
  const attended = groupedAttention(q, kv.k, kv.v, bias);
  const [b, , t] = attended.shape;
  const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [b, t, config.numHeads * d]);
  return { out: linear(merged, weight(params, `${p}.o_proj.weight`) as tf.Tensor2D), kv };
}

/** RoPE positions of the batch's tokens: real tokens seen before them in their row. */
function positionsOf(mask: tf.Tensor2D, seen: tf.Tensor2D): tf.Tensor2D {
  return tf.relu(tf.sub(tf.add(tf.cumsum(mask, 1), seen), 1)) as tf.Tensor2D;
}

interface DecoderResult {
  /** The final hidden states after the last norm: `[B, T, D]`, or `[B, 1, D]` with `lastOnly`. */
  hidden: tf.Tensor3D;
  cache: KvCache;
}

/** One decoder layer: attention then MLP, each a residual branch after its RMSNorm. */
function decoderLayer(
  model: Model,
  i: number,
  x: tf.Tensor,
  rope: RopeTables,
  bias: tf.Tensor,
  past: LayerKv | undefined,
): { x: tf.Tensor; kv: LayerKv } {
  const { config, params } = model;
  const p = layerPrefix(i);
  const normed = rmsNorm(x, weight(params, `${p}.input_layernorm.weight`) as tf.Tensor1D, config.rmsNormEps);
  const { out, kv } = attentionBlock(model, i, normed, rope, bias, past);
  const mid = tf.add(x, out);
  const normed2 = rmsNorm(
    mid,
    weight(params, `${p}.post_attention_layernorm.weight`) as tf.Tensor1D,
    config.rmsNormEps,
  );
  const mlp = swiGlu(
    normed2,
    weight(params, `${p}.mlp.gate_proj.weight`) as tf.Tensor2D,
    weight(params, `${p}.mlp.up_proj.weight`) as tf.Tensor2D,
    weight(params, `${p}.mlp.down_proj.weight`) as tf.Tensor2D,
  );
  return { x: tf.add(mid, mlp), kv };
}

/**
 * The decoder stack over a batch, continuing `past` when given. Differentiable w.r.t. the
 * parameters. Each layer runs in a scope of its own, so that what its gradient does not need is
 * freed before the next layer runs (without gradient, all of it but the layer's output): memory
 * then peaks at one layer's temporaries, not the whole stack's. Without `keepCache` the keys and
 * values are freed with the rest.
 */
function decode(model: Model, batch: TokenBatch, options: ForwardOptions, keepCache: boolean): DecoderResult {
  const { config, params } = model;
  const { past } = options;
  const [b, t] = batch.ids.shape;
  const mask = tf.cast(batch.mask, "float32") as tf.Tensor2D;
  const seenBefore = past ? past.seen : (tf.zeros([b, 1]) as tf.Tensor2D);
  const keyMask = (past ? tf.concat([past.keyMask, mask], 1) : mask) as tf.Tensor2D;
  const rope = ropeTables(positionsOf(mask, seenBefore), headDim(config), config.ropeTheta);
  const bias = attentionBias(keyMask, t);

  let x: tf.Tensor = embed(weight(params, "model.embed_tokens.weight") as tf.Tensor2D, batch.ids);
  const layers: LayerKv[] = [];
  for (let i = 0; i < config.numLayers; i++) {
    const input = x;
    const layer = tf.tidy(() => {
      const out = decoderLayer(model, i, input, rope, bias, past?.layers[i]);
      return keepCache ? out : { x: out.x };
    });
    x = layer.x;
    if ("kv" in layer) layers.push(layer.kv);
  }
  if (options.lastOnly) x = tf.slice(x, [0, t - 1, 0], [b, 1, config.hiddenSize]);
  const hidden = rmsNorm(x, weight(params, "model.norm.weight") as tf.Tensor1D, config.rmsNormEps);
  const seen = tf.add(seenBefore, tf.sum(mask, 1, true)) as tf.Tensor2D;
  return { hidden: hidden as tf.Tensor3D, cache: { layers, keyMask, seen } };
}

export function modelHead(model: Model): OutputHead {
  return outputHead(model.params, model.config.tieEmbeddings);
}

/** The decoder and its output head over a batch, continuing `past` when given. Differentiable. */
export function forwardWithCache(
  model: Model,
  batch: TokenBatch,
  options: ForwardOptions = {},
): ForwardResult {
  const { hidden, cache } = decode(model, batch, options, true);
  const [b, t, d] = hidden.shape;
  const logits = headLogits(tf.reshape(hidden, [b * t, d]), modelHead(model));
  return { logits: tf.reshape(logits, [b, t, -1]), cache };
}

/** Logits `[B, T, V]` of a whole batch (scoring small vocabularies and tests: no cache is kept). */
export function forward(model: Model, batch: TokenBatch): tf.Tensor3D {
  return tf.tidy(() => forwardWithCache(model, batch).logits);
}

/**
 * The final hidden states `[B, T, D]` of a whole batch, before the output head: training and
 * scoring take log-probs from them a few rows of logits at a time (log-probs.ts).
 */
export function hiddenStates(model: Model, batch: TokenBatch): tf.Tensor3D {
  return tf.tidy(() => decode(model, batch, {}, false).hidden);
}
