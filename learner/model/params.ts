import * as tf from "@tensorflow/tfjs-core";
import { seededRng } from "../../shared/random/seeded.ts";
import { headDim, type ModelConfig } from "./config.ts";
import type { StoredTensor } from "./safetensors.ts";

/**
 * Weights by Hugging Face Qwen2 name. Linear weights are stored `[in, out]`, the transpose of
 * Hugging Face's `[out, in]`: tfjs's wasm matmul is about ten times slower with a transposed operand,
 * so loading or saving a Hub checkpoint transposes every `*_proj.weight` and `lm_head.weight` once
 * (hf/weights.ts).
 */
export type Params = Record<string, tf.Variable>;

type Init = "normal" | "residual" | "ones" | "zeros";
export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
}

export const layerPrefix = (i: number) => `model.layers.${i}`;

export function paramSpecs(config: ModelConfig): ParamSpec[] {
  const d = config.hiddenSize;
  const qDim = config.numHeads * headDim(config);
  const kvDim = config.numKvHeads * headDim(config);
  const specs: ParamSpec[] = [
    { name: "model.embed_tokens.weight", shape: [config.vocabSize, d], init: "normal" },
  ];
  for (let i = 0; i < config.numLayers; i++) {
    const p = layerPrefix(i);
    specs.push({ name: `${p}.input_layernorm.weight`, shape: [d], init: "ones" });
    for (const [proj, dim] of [
      ["q_proj", qDim],
      ["k_proj", kvDim],
      ["v_proj", kvDim],
    ] as const) {
      specs.push({ name: `${p}.self_attn.${proj}.weight`, shape: [d, dim], init: "normal" });
      if (config.qkvBias) specs.push({ name: `${p}.self_attn.${proj}.bias`, shape: [dim], init: "zeros" });
    }
    specs.push(
      { name: `${p}.self_attn.o_proj.weight`, shape: [qDim, d], init: "residual" },
      { name: `${p}.post_attention_layernorm.weight`, shape: [d], init: "ones" },
      { name: `${p}.mlp.gate_proj.weight`, shape: [d, config.intermediateSize], init: "normal" },
      { name: `${p}.mlp.up_proj.weight`, shape: [d, config.intermediateSize], init: "normal" },
      { name: `${p}.mlp.down_proj.weight`, shape: [config.intermediateSize, d], init: "residual" },
    );
  }
  specs.push({ name: "model.norm.weight", shape: [d], init: "ones" });
  if (!config.tieEmbeddings) {
    specs.push({ name: "lm_head.weight", shape: [d, config.vocabSize], init: "normal" });
  }
  return specs;
}

const INIT_STD = 0.02;

/** FNV-1a: gives every tensor its own stream, so adding a parameter never shifts another's values. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function fillNormal(out: Float32Array, std: number, seed: number): void {
  const rng = seededRng(seed);
  for (let i = 0; i < out.length; i += 2) {
    // Box-Muller; 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - rng.next())) * std;
    const theta = 2 * Math.PI * rng.next();
    out[i] = r * Math.cos(theta);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
  }
}

export function initialValues(config: ModelConfig, spec: ParamSpec, seed: number): Float32Array {
  const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
  if (spec.init === "ones") values.fill(1);
  else if (spec.init !== "zeros") {
    // Residual-branch outputs are scaled by 1/sqrt(2 * layers) (GPT-2) so the residual stream's
    // variance does not grow with depth when training from scratch.
    const std = spec.init === "residual" ? INIT_STD / Math.sqrt(2 * config.numLayers) : INIT_STD;
    fillNormal(values, std, (seed ^ hashName(spec.name)) >>> 0);
  }
  return values;
}

/** Fresh trainable weights; the same config and seed give bit-identical values. */
export function createParams(config: ModelConfig, seed: number): Params {
  const params: Params = {};
  for (const spec of paramSpecs(config)) {
    // Unnamed: tfjs variable names are global, and a learner holds several copies (policy, reference).
    const initial = tf.tensor(initialValues(config, spec, seed), spec.shape, "float32");
    params[spec.name] = tf.variable(initial, true);
    initial.dispose();
  }
  return params;
}

/**
 * Trainable weights from stored tensors in the learner's layout, read one at a time (a large model
 * then never holds a second copy of more than one tensor); `source` names where they come from.
 */
export async function paramsFromStored(
  config: ModelConfig,
  read: (spec: ParamSpec) => Promise<StoredTensor | undefined>,
  source: string,
): Promise<Params> {
  const params: Params = {};
  try {
    for (const spec of paramSpecs(config)) {
      const t = await read(spec);
      if (!t) throw new Error(`${source} lacks ${spec.name}`);
      if (t.dtype !== "F32" || t.shape.join(",") !== spec.shape.join(",")) {
        throw new Error(`${spec.name}: expected F32 [${spec.shape}], found ${t.dtype} [${t.shape}]`);
      }
      const initial = tf.tensor(t.data, spec.shape, "float32");
      params[spec.name] = tf.variable(initial, true);
      initial.dispose();
    }
  } catch (error) {
    disposeParams(params);
    throw error;
  }
  return params;
}

export function countParams(params: Params): number {
  return Object.values(params).reduce((n, v) => n + v.size, 0);
}

export function disposeParams(params: Params): void {
  for (const v of Object.values(params)) v.dispose();
}
