/**
 * Training configuration: a JSON file validated here, with command-line flags overriding it. The
 * defaults are the tiny setup that trains on two CPU cores; `configs/paper.json` holds the paper's.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { SAVE_FORMATS } from "../model/checkpoint.ts";
import { ModelConfigSchema, PRESETS } from "../model/config.ts";
import { objectiveNames } from "../objectives/index.ts";
import { OptimizerConfigSchema } from "../optim/adamw.ts";
import { MAX_LEVEL, SPLIT_RULES, TASK_KINDS } from "../tasks/curriculum.ts";

const presetNames = Object.keys(PRESETS) as [keyof typeof PRESETS, ...(keyof typeof PRESETS)[]];

export const TokenizerConfigSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("char") }).strict(),
  z
    .object({
      kind: z.literal("hf"),
      /**
       * A Hugging Face tokenizer directory (tokenizer.json, tokenizer_config.json with the chat
       * template, generation_config.json); absent: the model checkpoint's own files.
       */
      dir: z.string().optional(),
    })
    .strict(),
]);
export type TokenizerConfig = z.output<typeof TokenizerConfigSchema>;

/** Where the weights come from: a checkpoint directory, or fresh weights of a preset or config. */
export const ModelSourceSchema = z.union([
  z.object({ checkpoint: z.string() }).strict(),
  z.object({ preset: z.enum(presetNames) }).strict(),
  z.object({ config: ModelConfigSchema }).strict(),
]);
export type ModelSource = z.output<typeof ModelSourceSchema>;

const level = z.number().int().min(1).max(MAX_LEVEL);

/** Problems: the built-in curriculum, or problem files (JSONL/Parquet) read by shared/datasets. */
export const TaskConfigSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("curriculum"),
      trainSize: z.number().int().positive().default(4000),
      testSize: z.number().int().positive().default(100),
      levels: z.array(level).min(1).optional(),
      kinds: z.array(z.enum(TASK_KINDS)).min(1).optional(),
      /** `answer`: no held-out answer is a training target where the family allows (learner/tasks/curriculum.ts). */
      split: z.enum(SPLIT_RULES).default("problem"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("files"),
      train: z.array(z.string()).min(1),
      test: z.array(z.string()).min(1),
    })
    .strict(),
]);
export type TaskConfig = z.output<typeof TaskConfigSchema>;

/** The curriculum the shipped checkpoints learned: levels 1–2, split by problem text. */
export const DEFAULT_TASK: TaskConfig = {
  kind: "curriculum",
  trainSize: 4000,
  testSize: 100,
  levels: [1, 2],
  split: "problem",
};

const EvalConfigSchema = z
  .object({
    /** Evaluate every this many steps (and after the last); 0 turns periodic evaluation off. */
    every: z.number().int().min(0).default(10),
    /** Samples per problem for Pass@1 (paper: 16). */
    k: z.number().int().positive().default(4),
    /** Held-out problems used (the first ones of the test split). */
    problems: z.number().int().positive().default(100),
    temperature: z.number().positive().default(0.6),
  })
  .strict();

export const TrainConfigSchema = z
  .object({
    seed: z.number().int().min(0).default(1),
    model: ModelSourceSchema.default({ preset: "tiny" }),
    /** Absent: the model checkpoint's own when it has a tokenizer.json, else the character tokenizer. */
    tokenizer: TokenizerConfigSchema.optional(),
    task: TaskConfigSchema.default(DEFAULT_TASK),
    steps: z.number().int().positive().default(100),
    /** B: prompts per step. */
    batchPrompts: z.number().int().positive().default(8),
    /** G: rollouts per prompt. */
    groupSize: z.number().int().min(1).default(8),
    /** Prompts per mini-batch: one optimizer update each. */
    miniBatchPrompts: z.number().int().positive().default(4),
    /**
     * Rollouts per forward and backward pass: gradients are summed over them, one update per
     * mini-batch all the same; it bounds activation memory. Absent: a whole mini-batch per pass.
     */
    microBatch: z.number().int().positive().optional(),
    /**
     * Prompts per rollout shard: each shard is sampled on its own random stream, and the shards are
     * spread over the data-parallel workers (the same rollouts for any number of them). Absent: a
     * step's rollouts come from the trainer's one stream in this thread, as in runs made before
     * shards existed, which stay reproducible.
     */
    rolloutShardPrompts: z.number().int().positive().optional(),
    maxResponseTokens: z.number().int().positive().default(40),
    temperature: z.number().positive().default(0.6),
    topP: z.number().gt(0).max(1).default(1),
    loss: z.enum(objectiveNames).default("real"),
    /** REAL family: score temperature. */
    tau: z.number().positive().optional(),
    /** GRPO/DAPO/GSPO: ratio clip range. */
    clip: z
      .object({ low: z.number().min(0), high: z.number().min(0) })
      .strict()
      .optional(),
    /** KL term; null turns off GRPO's default; absent keeps the objective's default. */
    kl: z
      .object({ beta: z.number().min(0), against: z.enum(["reference", "old"]) })
      .strict()
      .nullable()
      .optional(),
    /** DAPO's dynamic sampling: keep only mixed groups, sample more until the batch is full. */
    dynamicSampling: z
      .object({ enabled: z.boolean().default(false), maxBatches: z.number().int().positive().default(8) })
      .strict()
      .default({ enabled: false, maxBatches: 8 }),
    optimizer: OptimizerConfigSchema.default({
      lr: 1e-4,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.01,
      maxGradNorm: 1,
      schedule: { kind: "constant", warmupSteps: 0, minRatio: 0 },
    }),
    eval: EvalConfigSchema.default({ every: 10, k: 4, problems: 100, temperature: 0.6 }),
    checkpointEvery: z.number().int().min(0).default(10),
    /** Keep only this many step checkpoints (the newest); 0 keeps all. */
    keepCheckpoints: z.number().int().min(0).default(2),
    /** Layout of the step checkpoints; absent: Hugging Face's when the weights came from a Hugging Face checkpoint. */
    saveFormat: z.enum(SAVE_FORMATS).optional(),
  })
  .strict()
  .refine((c) => c.miniBatchPrompts <= c.batchPrompts, {
    message: "miniBatchPrompts must not exceed batchPrompts",
    path: ["miniBatchPrompts"],
  });
export type TrainConfig = z.output<typeof TrainConfigSchema>;
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;

export async function readJsonConfig(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read config ${path}: ${(error as Error).message}`);
  }
}

/** Sets `value` at a dotted path of a plain object (creating objects on the way). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** A config file (or nothing) with overrides by dotted path, validated; errors name the field. */
export function parseWithOverrides<S extends z.ZodType>(
  schema: S,
  base: unknown,
  overrides: Record<string, unknown>,
): z.output<S> {
  // The overrides go onto the config with its defaults filled in: a flag that sets one key of a
  // defaulted object (`rlvr sft --steps` sets optimizer.schedule.totalSteps) keeps the object's other
  // defaults. A base that is only valid with the overrides is taken as it is.
  const filled = schema.safeParse(base ?? {});
  const merged = structuredClone((filled.success ? filled.data : (base ?? {})) as Record<string, unknown>);
  for (const [path, value] of Object.entries(overrides)) {
    if (value !== undefined) setPath(merged, path, value);
  }
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`);
    throw new Error(`invalid config:\n  ${issues.join("\n  ")}`);
  }
  return parsed.data;
}
