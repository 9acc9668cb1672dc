/**
 * Tiny random Qwen2 checkpoints in Hugging Face layout, written here by hand rather than by the
 * learner's own writer: `config.json` as transformers writes it, linear weights `[out, in]`, F32,
 * F16 or BF16 data, one `model.safetensors` or shards with an index. The same directories can feed
 * an independent reference forward (PyTorch) as well as the learner.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelConfig } from "../../learner/model/config.ts";
import { paramSpecs } from "../../learner/model/params.ts";
import { seededRng } from "../../shared/random/seeded.ts";

export type HfDtype = "F32" | "F16" | "BF16";

/** Weights in the learner's layout (`[in, out]` linear weights), by parameter name. */
export type LearnerWeights = Record<string, { shape: number[]; values: Float32Array }>;

/**
 * Random weights for `config`. For F16 and BF16 every value is a multiple of 1/256 below 1/2 in
 * magnitude, which both formats hold exactly, so a checkpoint stored in them loads to these values.
 */
export function randomWeights(config: ModelConfig, seed: number, dtype: HfDtype): LearnerWeights {
  const rng = seededRng(seed);
  const weights: LearnerWeights = {};
  for (const spec of paramSpecs(config)) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) {
      values[i] = dtype === "F32" ? (rng.next() - 0.5) * 0.6 : (Math.floor(rng.next() * 255) - 127) / 256;
    }
    weights[spec.name] = { shape: spec.shape, values };
  }
  return weights;
}

/** A learner-layout weight as Hugging Face stores it: linear weights transposed to `[out, in]`. */
export function hfTensor(name: string, w: { shape: number[]; values: Float32Array }) {
  const linear = name.endsWith("_proj.weight") || name === "lm_head.weight";
  if (!linear) return w;
  const [inner, outer] = w.shape as [number, number];
  const values = new Float32Array(w.values.length);
  for (let i = 0; i < inner; i++)
    for (let o = 0; o < outer; o++) values[o * inner + i] = w.values[i * outer + o]!;
  return { shape: [outer, inner], values };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The half-precision bits of a value that the format holds exactly (randomWeights' values). */
function halfBits(value: number, dtype: "F16" | "BF16"): number {
  f32[0] = value;
  const bits = u32[0]!;
  if (dtype === "BF16") {
    if (bits & 0xffff) throw new Error(`${value} is not exact in bfloat16`);
    return bits >>> 16;
  }
  const sign = (bits >>> 16) & 0x8000;
  if ((bits & 0x7fffffff) === 0) return sign;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0 || exponent >= 31 || bits & 0x1fff) throw new Error(`${value} is not exact in float16`);
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}

function dataBytes(values: Float32Array, dtype: HfDtype): Uint8Array {
  if (dtype === "F32")
    return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const halves = Uint16Array.from(values, (v) => halfBits(v, dtype));
  return new Uint8Array(halves.buffer);
}

/** A safetensors file: header in insertion order and unpadded, unlike the learner's writer. */
export function safetensorsBytes(
  tensors: Record<string, { shape: number[]; values: Float32Array }>,
  dtype: HfDtype,
  metadata: Record<string, string> = { format: "pt" },
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = dataBytes(t.values, dtype);
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(json.length));
  return new Uint8Array(Buffer.concat([prefix, json, ...chunks]));
}

/** A `config.json` as transformers writes one for a Qwen2 model (DeepSeek-R1-Distill-Qwen's fields). */
export function hfConfigJson(config: ModelConfig, overrides: Record<string, unknown> = {}) {
  return {
    architectures: ["Qwen2ForCausalLM"],
    attention_dropout: 0.0,
    bos_token_id: 1,
    eos_token_id: 2,
    hidden_act: "silu",
    hidden_size: config.hiddenSize,
    initializer_range: 0.02,
    intermediate_size: config.intermediateSize,
    max_position_embeddings: config.maxPositions,
    max_window_layers: 1,
    model_type: "qwen2",
    num_attention_heads: config.numHeads,
    num_hidden_layers: config.numLayers,
    num_key_value_heads: config.numKvHeads,
    rms_norm_eps: config.rmsNormEps,
    rope_theta: config.ropeTheta,
    sliding_window: 16,
    tie_word_embeddings: config.tieEmbeddings,
    torch_dtype: "bfloat16",
    transformers_version: "4.44.0",
    use_cache: true,
    use_mrope: false,
    use_sliding_window: false,
    vocab_size: config.vocabSize,
    ...overrides,
  };
}

export interface WriteOptions {
  dtype?: HfDtype;
  /** Weights files; above 1, sharded with `model.safetensors.index.json`. */
  shards?: number;
  /** Stores `lm_head.weight` (a copy of the embedding) although the embeddings are tied. */
  tiedHeadStored?: boolean;
  /** Written into the directory as they are (tokenizer files, say). */
  files?: Record<string, string>;
  configOverrides?: Record<string, unknown>;
}

/** Writes `weights` (learner layout, for a config with qkv biases) as a Hugging Face checkpoint in `dir`. */
export async function writeHfCheckpoint(
  dir: string,
  config: ModelConfig,
  weights: LearnerWeights,
  options: WriteOptions = {},
): Promise<Record<string, { shape: number[]; values: Float32Array }>> {
  const dtype = options.dtype ?? "F32";
  const tensors = Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, hfTensor(name, w)]));
  if (config.tieEmbeddings && options.tiedHeadStored)
    tensors["lm_head.weight"] = weights["model.embed_tokens.weight"]!;
  await mkdir(dir, { recursive: true });
  const names = Object.keys(tensors).reverse();
  const shards = options.shards ?? 1;
  if (shards === 1) {
    await writeFile(join(dir, "model.safetensors"), safetensorsBytes(tensors, dtype));
  } else {
    const weightMap: Record<string, string> = {};
    const per = Math.ceil(names.length / shards);
    for (let s = 0; s < shards; s++) {
      const file = `model-${String(s + 1).padStart(5, "0")}-of-${String(shards).padStart(5, "0")}.safetensors`;
      const part = names.slice(s * per, (s + 1) * per);
      for (const name of part) weightMap[name] = file;
      await writeFile(
        join(dir, file),
        safetensorsBytes(Object.fromEntries(part.map((n) => [n, tensors[n]!])), dtype),
      );
    }
    await writeFile(
      join(dir, "model.safetensors.index.json"),
      JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }),
    );
  }
  await writeFile(
    join(dir, "config.json"),
    JSON.stringify(hfConfigJson(config, options.configOverrides), null, 2),
  );
  for (const [name, text] of Object.entries(options.files ?? {})) await writeFile(join(dir, name), text);
  return tensors;
}
