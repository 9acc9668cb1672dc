/**
 * A Hugging Face `config.json` of a Qwen2 model (`Qwen2ForCausalLM`: Qwen2.5, Qwen2.5-Math,
 * DeepSeek-R1-Distill-Qwen) to the learner's ModelConfig and back. What the learner's decoder does
 * not compute (another architecture, RoPE scaling, sliding-window attention in use, quantized
 * weights) is refused by name rather than loaded into a model that would compute something else.
 */
import { z } from "zod";
import { describeIssues, type ModelConfig, ModelConfigSchema } from "../config.ts";

export const QWEN2_ARCHITECTURE = "Qwen2ForCausalLM";
const QWEN2_MODEL_TYPE = "qwen2";
const SUPPORTED = `${QWEN2_ARCHITECTURE} (Qwen2.5, Qwen2.5-Math, DeepSeek-R1-Distill-Qwen) with full attention and unscaled RoPE`;

const IdentitySchema = z.looseObject({
  model_type: z.string().optional(),
  architectures: z.array(z.string()).optional(),
});

const RopeSchema = z.looseObject({ rope_type: z.string().optional(), type: z.string().optional() });

/** The fields read, with transformers' Qwen2Config defaults where real configs may leave them out. */
const HfQwen2ConfigSchema = z.looseObject({
  vocab_size: z.number().int().positive(),
  hidden_size: z.number().int().positive(),
  intermediate_size: z.number().int().positive(),
  num_hidden_layers: z.number().int().positive(),
  num_attention_heads: z.number().int().positive(),
  /** Absent means one key/value head per query head. */
  num_key_value_heads: z.number().int().positive().optional(),
  head_dim: z.number().int().positive().optional(),
  hidden_act: z.string().default("silu"),
  max_position_embeddings: z.number().int().positive(),
  rms_norm_eps: z.number().positive().default(1e-6),
  rope_theta: z.number().positive().optional(),
  rope_scaling: RopeSchema.nullable().default(null),
  /** transformers 5 moves `rope_theta` and the scaling type here. */
  rope_parameters: RopeSchema.extend({ rope_theta: z.number().positive().optional() }).optional(),
  tie_word_embeddings: z.boolean().default(false),
  use_sliding_window: z.boolean().default(false),
  sliding_window: z.number().int().positive().nullable().default(4096),
  max_window_layers: z.number().int().min(0).default(28),
  layer_types: z.array(z.string()).optional(),
  quantization_config: z.looseObject({ quant_method: z.string().optional() }).optional(),
});
type HfQwen2Config = z.output<typeof HfQwen2ConfigSchema>;

/** Whether a parsed `config.json` is Hugging Face's (the learner's own has neither key). */
export function isHfConfig(raw: unknown): boolean {
  return typeof raw === "object" && raw !== null && ("model_type" in raw || "architectures" in raw);
}

function scaled(rope: z.output<typeof RopeSchema> | null | undefined): boolean {
  const kind = rope?.rope_type ?? rope?.type;
  return rope != null && kind !== undefined && kind !== "default";
}

/** What the config asks for that the learner's decoder does not compute. */
function unsupportedFeatures(hf: HfQwen2Config): string[] {
  const out: string[] = [];
  if (hf.hidden_act !== "silu") out.push(`hidden_act "${hf.hidden_act}" (Qwen2 uses silu)`);
  if (scaled(hf.rope_scaling)) out.push(`rope_scaling ${JSON.stringify(hf.rope_scaling)}`);
  if (scaled(hf.rope_parameters)) out.push(`rope_parameters ${JSON.stringify(hf.rope_parameters)}`);
  // transformers applies the window to layers max_window_layers and up, when enabled.
  const window = hf.sliding_window;
  if (
    hf.use_sliding_window &&
    window !== null &&
    window < hf.max_position_embeddings &&
    hf.max_window_layers < hf.num_hidden_layers
  ) {
    out.push(
      `sliding-window attention (use_sliding_window, a ${window}-token window from layer ${hf.max_window_layers})`,
    );
  }
  const otherLayers = [...new Set(hf.layer_types?.filter((t) => t !== "full_attention"))];
  if (otherLayers.length) out.push(`layer_types ${otherLayers.join(", ")}`);
  const headSize = hf.hidden_size / hf.num_attention_heads;
  if (hf.head_dim !== undefined && hf.head_dim !== headSize) {
    out.push(`head_dim ${hf.head_dim} (the learner's is hidden_size / num_attention_heads = ${headSize})`);
  }
  if (hf.quantization_config) {
    out.push(`quantized weights (${hf.quantization_config.quant_method ?? "quantization_config"})`);
  }
  return out;
}

/** The learner's config of a Hugging Face Qwen2 checkpoint; `where` names the file in errors. */
export function modelConfigFromHf(raw: unknown, where: string): ModelConfig {
  const identity = IdentitySchema.safeParse(raw);
  if (!identity.success)
    throw new Error(`${where}: not a Hugging Face config: ${describeIssues(identity.error)}`);
  const { model_type: modelType, architectures } = identity.data;
  const foreign: string[] = [];
  if (modelType !== QWEN2_MODEL_TYPE) foreign.push(`model_type ${JSON.stringify(modelType ?? null)}`);
  if (architectures && (architectures.length !== 1 || architectures[0] !== QWEN2_ARCHITECTURE)) {
    foreign.push(`architectures ${JSON.stringify(architectures)}`);
  }
  if (foreign.length)
    throw new Error(`${where}: unsupported model (${foreign.join(", ")}); the learner loads ${SUPPORTED}`);
  const parsed = HfQwen2ConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${where}: not a complete Qwen2 config: ${describeIssues(parsed.error)}`);
  const hf = parsed.data;
  const unsupported = unsupportedFeatures(hf);
  if (unsupported.length) {
    throw new Error(`${where}: unsupported: ${unsupported.join("; ")}. The learner loads ${SUPPORTED}`);
  }
  const config = ModelConfigSchema.safeParse({
    vocabSize: hf.vocab_size,
    hiddenSize: hf.hidden_size,
    numLayers: hf.num_hidden_layers,
    numHeads: hf.num_attention_heads,
    numKvHeads: hf.num_key_value_heads ?? hf.num_attention_heads,
    intermediateSize: hf.intermediate_size,
    ropeTheta: hf.rope_parameters?.rope_theta ?? hf.rope_theta ?? 10000,
    rmsNormEps: hf.rms_norm_eps,
    // Qwen2's q, k and v projections always carry a bias.
    qkvBias: true,
    tieEmbeddings: hf.tie_word_embeddings,
    maxPositions: hf.max_position_embeddings,
  });
  if (!config.success)
    throw new Error(`${where}: shapes the decoder cannot take: ${describeIssues(config.error)}`);
  return config.data;
}

/**
 * The `config.json` to save a model under: `base` (the source checkpoint's config, whose token ids
 * and other fields carry over) with the architecture's fields set from `config`.
 */
export function hfConfigFor(
  config: ModelConfig,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attention_dropout: 0,
    initializer_range: 0.02,
    use_cache: true,
    max_window_layers: config.numLayers,
    ...base,
    architectures: [QWEN2_ARCHITECTURE],
    model_type: QWEN2_MODEL_TYPE,
    vocab_size: config.vocabSize,
    hidden_size: config.hiddenSize,
    intermediate_size: config.intermediateSize,
    num_hidden_layers: config.numLayers,
    num_attention_heads: config.numHeads,
    num_key_value_heads: config.numKvHeads,
    hidden_act: "silu",
    max_position_embeddings: config.maxPositions,
    rms_norm_eps: config.rmsNormEps,
    rope_theta: config.ropeTheta,
    rope_scaling: null,
    tie_word_embeddings: config.tieEmbeddings,
    use_sliding_window: false,
    // The learner trains and saves in float32.
    torch_dtype: "float32",
  };
  if ("dtype" in base) out.dtype = "float32";
  if (typeof base.rope_parameters === "object" && base.rope_parameters !== null) {
    out.rope_parameters = { ...base.rope_parameters, rope_theta: config.ropeTheta };
  }
  return out;
}
