/**
 * `rlvr train --dry-run`: the parameters of the configured model and the memory a training step
 * needs on each backend (memory.ts), from the model's config alone; the backend the run would use
 * must hold it, or the configuration is refused with what does not fit and what would.
 */
import { totalmem } from "node:os";
import type { BackendName } from "../backends/select.ts";
import { readCheckpointConfig } from "../model/checkpoint.ts";
import { type ModelConfig, PRESETS } from "../model/config.ts";
import type { ModelSource, TrainConfig } from "./config.ts";
import { estimateTrainingMemory, type MemoryEstimate, type StepShape } from "./memory.ts";
import { needsReference } from "./rl.ts";
import { PROMPTS_PER_GENERATE_CALL } from "./rollouts.ts";

/** tfjs-backend-wasm is built for a wasm32 heap of at most 4 GiB less one 64 KiB page. */
export const WASM_HEAP_BYTES = 4294901760;
/**
 * The wasm heap's allocator needs room beyond the live bytes: blocks the size of the embedding
 * (its gradient, moments and update) come and go between small ones and leave holes. Measured on
 * real-vocabulary steps, the heap grew to 1.07-1.15 x the estimated peak.
 */
const WASM_ALLOCATOR_OVERHEAD = 1.15;
const GIB = 2 ** 30;

export interface BackendLimit {
  /** What may be live at once. */
  bytes: number;
  what: string;
}

/** What each backend can hold on this machine. */
export function backendLimits(machineBytes = totalmem()): Record<BackendName, BackendLimit> {
  return {
    wasm: {
      bytes: Math.floor(WASM_HEAP_BYTES / WASM_ALLOCATOR_OVERHEAD),
      what: "the 4 GiB wasm32 heap, less its allocator's fragmentation",
    },
    cpu: { bytes: machineBytes, what: "this machine's memory" },
    tensorflow: { bytes: machineBytes, what: "this machine's memory; with tfjs-node-gpu, the GPU's" },
  };
}

/** The model's config without loading weights: a checkpoint's config.json, a preset or an inline config. */
export async function modelConfigOf(source: ModelSource): Promise<ModelConfig> {
  if ("preset" in source) return PRESETS[source.preset];
  if ("config" in source) return source.config;
  try {
    return await readCheckpointConfig(source.checkpoint);
  } catch (error) {
    throw new Error(
      `the dry run reads the model's config.json only, and cannot: ${(error as Error).message}`,
    );
  }
}

export function stepShape(
  config: TrainConfig,
  promptTokens: number,
  responseTokens = config.maxResponseTokens,
): StepShape {
  const rollouts = config.miniBatchPrompts * config.groupSize;
  const microBatch = Math.min(config.microBatch ?? rollouts, rollouts);
  return {
    microBatch,
    accumulating: microBatch < rollouts,
    promptTokens,
    responseTokens,
    samplingPrompts: Math.min(PROMPTS_PER_GENERATE_CALL, config.batchPrompts),
    groupSize: config.groupSize,
    reference: needsReference(config),
  };
}

function gib(bytes: number): string {
  if (bytes >= 1024 * GIB) return `${(bytes / (1024 * GIB)).toFixed(1)} TiB`;
  return `${(bytes / GIB).toFixed(2)} GiB`;
}

/** The longest responses (up to the configured length) whose step fits in `limit` bytes; 0 if none. */
function longestResponseThatFits(
  model: ModelConfig,
  config: TrainConfig,
  promptTokens: number,
  limit: number,
): number {
  const fits = (n: number) => estimateTrainingMemory(model, stepShape(config, promptTokens, n)).peak <= limit;
  if (!fits(1)) return 0;
  let [low, high] = [1, config.maxResponseTokens];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

export interface DryRun {
  estimate: MemoryEstimate;
  /** The report, line by line. */
  lines: string[];
  /** Why the backend cannot hold the step; undefined when it can. */
  refusal?: string;
}

export function dryRun(
  model: ModelConfig,
  config: TrainConfig,
  backend: BackendName,
  promptTokens: number,
  limits = backendLimits(),
): DryRun {
  const shape = stepShape(config, promptTokens);
  const estimate = estimateTrainingMemory(model, shape);
  const { parts, peak } = estimate;
  const rows = shape.samplingPrompts * shape.groupSize;
  const lines = [
    `model: ${estimate.parameters.toLocaleString("en-US")} parameters (${model.numLayers} layers, hidden ${model.hiddenSize}, ` +
      `${model.numHeads} heads / ${model.numKvHeads} kv, MLP ${model.intermediateSize}, vocabulary ${model.vocabSize}, ` +
      `${model.tieEmbeddings ? "tied" : "untied"} head)`,
    `step: ${config.batchPrompts} prompts x ${config.groupSize} rollouts, mini-batches of ${config.miniBatchPrompts} prompts, ` +
      `${shape.microBatch} rollouts per pass; up to ${promptTokens} prompt + ${shape.responseTokens} response tokens`,
    "memory (float32):",
    `  weights                  ${gib(parts.weights)}`,
    `  reference copy           ${gib(parts.reference)}`,
    `  AdamW moments            ${gib(parts.optimizer)}`,
    `  gradients                ${gib(parts.gradients)}${shape.accumulating ? " (the sum and one micro-batch's)" : ""}`,
    `  activations per pass     ${gib(parts.activations)} (${shape.microBatch} sequences, forward and backward)`,
    `  optimizer step           ${gib(parts.optimizerStep)} (the largest tensor's new value and moments)`,
    `  sampling                 ${gib(parts.sampling)} (KV cache of ${rows} rollouts)`,
    `  peak                     ${gib(peak)}`,
    "backends:",
    ...(Object.entries(limits) as [BackendName, BackendLimit][]).map(
      ([name, limit]) =>
        `  ${name.padEnd(11)} ${peak <= limit.bytes ? "fits" : "does not fit"} in ${gib(limit.bytes)} (${limit.what})`,
    ),
  ];
  const limit = limits[backend];
  if (peak <= limit.bytes) return { estimate, lines };
  return {
    estimate,
    lines,
    refusal: refusalOf(model, config, estimate, shape, backend, limit, promptTokens),
  };
}

function refusalOf(
  model: ModelConfig,
  config: TrainConfig,
  { parts, peak }: MemoryEstimate,
  shape: StepShape,
  backend: BackendName,
  limit: BackendLimit,
  promptTokens: number,
): string {
  const held = parts.weights + parts.reference + parts.optimizer;
  const state = held + parts.gradients;
  const causes: string[] = [];
  if (state > limit.bytes) causes.push(`weights, gradients and AdamW moments alone take ${gib(state)}`);
  // Each phase that overflows on its own, when its own part is a sizeable share of the limit.
  const overflows = (phase: number, part: number) => phase > limit.bytes && part > limit.bytes / 10;
  if (overflows(state + parts.activations, parts.activations)) {
    const sequences = `${shape.microBatch} sequence${shape.microBatch === 1 ? "" : "s"}`;
    causes.push(`one pass over ${sequences} takes ${gib(parts.activations)} of activations`);
  }
  if (overflows(held + parts.weights + parts.optimizerStep, parts.optimizerStep)) {
    causes.push(`AdamW's update of the largest tensor takes ${gib(parts.optimizerStep)} more`);
  }
  if (overflows(held + parts.sampling, parts.sampling)) {
    causes.push(
      `sampling ${shape.samplingPrompts * shape.groupSize} rollouts at once takes ${gib(parts.sampling)}`,
    );
  }
  const hints: string[] = [];
  const longest = longestResponseThatFits(model, config, promptTokens, limit.bytes);
  if (longest > 0) hints.push(`responses of up to ${longest} tokens would fit`);
  else if (shape.microBatch > 1) {
    const one = longestResponseThatFits(model, { ...config, microBatch: 1 }, promptTokens, limit.bytes);
    if (one > 0) hints.push(`with --micro-batch 1, responses of up to ${one} tokens would fit`);
  }
  return (
    `the step needs ${gib(peak)} at its peak and the ${backend} backend holds ${gib(limit.bytes)} (${limit.what}): ` +
    [...causes, ...hints].join("; ")
  );
}
