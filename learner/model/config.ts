import { z } from "zod";
import { CHAR_VOCAB_SIZE } from "../tokenizers/char.ts";

/** A Qwen2-style decoder: RMSNorm, RoPE, grouped-query attention, SwiGLU MLP. */
export const ModelConfigSchema = z
  .object({
    vocabSize: z.number().int().positive(),
    hiddenSize: z.number().int().positive(),
    numLayers: z.number().int().positive(),
    numHeads: z.number().int().positive(),
    /** Key/value heads; each is shared by `numHeads / numKvHeads` query heads. */
    numKvHeads: z.number().int().positive(),
    intermediateSize: z.number().int().positive(),
    ropeTheta: z.number().positive().default(10000),
    rmsNormEps: z.number().positive().default(1e-6),
    /** Qwen2 has biases on the q, k and v projections (and nowhere else). */
    qkvBias: z.boolean().default(true),
    /** The output projection reuses the token embedding (transposed). */
    tieEmbeddings: z.boolean().default(false),
    maxPositions: z.number().int().positive(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.hiddenSize % c.numHeads !== 0) {
      ctx.addIssue({ code: "custom", message: "hiddenSize must be divisible by numHeads" });
    } else if ((c.hiddenSize / c.numHeads) % 2 !== 0) {
      ctx.addIssue({ code: "custom", message: "the head size must be even for RoPE" });
    }
    if (c.numHeads % c.numKvHeads !== 0) {
      ctx.addIssue({ code: "custom", message: "numHeads must be divisible by numKvHeads" });
    }
  });

export type ModelConfig = z.output<typeof ModelConfigSchema>;
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;

/** Zod's issues as `path: message`, for errors that a person reads. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`).join("; ");
}

export function parseModelConfig(input: unknown): ModelConfig {
  const parsed = ModelConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid model config: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function headDim(config: ModelConfig): number {
  return config.hiddenSize / config.numHeads;
}

export const PRESETS = {
  /** The built-in arithmetic task over the character vocabulary; small enough to train on 2 CPU cores. */
  tiny: parseModelConfig({
    vocabSize: CHAR_VOCAB_SIZE,
    hiddenSize: 128,
    numLayers: 4,
    numHeads: 4,
    numKvHeads: 2,
    intermediateSize: 352,
    ropeTheta: 10000,
    rmsNormEps: 1e-6,
    qkvBias: true,
    tieEmbeddings: true,
    maxPositions: 512,
  }),
  /** The paper's policy, DeepSeek-R1-Distill-Qwen-1.5B (a Qwen2 shape): the benchmark reference. */
  "r1-distill-qwen-1.5b": parseModelConfig({
    vocabSize: 151936,
    hiddenSize: 1536,
    numLayers: 28,
    numHeads: 12,
    numKvHeads: 2,
    intermediateSize: 8960,
    ropeTheta: 10000,
    rmsNormEps: 1e-6,
    qkvBias: true,
    tieEmbeddings: false,
    maxPositions: 131072,
  }),
} as const satisfies Record<string, ModelConfig>;

export type PresetName = keyof typeof PRESETS;
