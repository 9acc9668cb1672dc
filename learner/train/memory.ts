/**
 * The memory a training run needs, part by part, from the model's shapes and the step's: what
 * `rlvr train --dry-run` checks against a backend's limit before anything is loaded.
 *
 * Weights, gradients and AdamW's two moments are float32, one of each per parameter (two of the
 * gradients while micro-batches are summed: the sum and the newest micro-batch's). Activations
 * follow TensorFlow.js, which keeps every intermediate tensor an op's gradient reads until the
 * backward pass ends, and the gradient of every intermediate beside it: the coefficients below are
 * tf.profile's peak bytes of a micro-batch's forward and backward pass (cpu backend; wasm and
 * tfjs-node allocate the same tensors), fitted over 24 shapes to within 6 % and rounded up.
 */
import { headDim, type ModelConfig } from "../model/config.ts";
import { blockRowsFor } from "../model/log-probs.ts";
import { paramSpecs } from "../model/params.ts";

/** Float32 values per token per layer kept for the gradient, by the width they scale with. */
const PER_TOKEN = { hidden: 48, intermediate: 11, projections: 3 };
/** Float32 values per attention score (sequence x head x query x key) per layer. */
const PER_SCORE = 6.5;
/** Float32 temporaries per element of a block of logits in the output head's backward pass. */
const PER_LOGIT = 12;
/** Float32 values per attention score of one layer without gradient (scores, scaled, masked, softmax). */
const PER_SCORE_WITHOUT_GRADIENT = 4;

export interface StepShape {
  /** Sequences per forward and backward pass. */
  microBatch: number;
  /** Whether gradients are summed over more than one micro-batch. */
  accumulating: boolean;
  /** The longest prompt, in tokens. */
  promptTokens: number;
  /** The longest response, in tokens. */
  responseTokens: number;
  /** Prompts sampled together, each with `groupSize` rollouts. */
  samplingPrompts: number;
  groupSize: number;
  /** A frozen copy of the weights is held (a KL term against the reference). */
  reference: boolean;
}

export interface MemoryParts {
  weights: number;
  /** The frozen reference copy (0 without one). */
  reference: number;
  /** AdamW's two moments. */
  optimizer: number;
  gradients: number;
  /**
   * AdamW's update of one tensor: the new parameter and moments exist beside the old until they
   * replace them, so the largest tensor (the embedding) briefly takes three copies more.
   */
  optimizerStep: number;
  /** One micro-batch's forward and backward pass. */
  activations: number;
  /** Sampling the rollouts: the KV cache and one layer of the prompts' prefill. */
  sampling: number;
}

export interface MemoryEstimate {
  parameters: number;
  /** Bytes by part. */
  parts: MemoryParts;
  /**
   * Bytes held at the worst moment: weights, reference and moments throughout, plus a pass's
   * gradients and activations, or the optimizer step, or sampling.
   */
  peak: number;
}

const FLOAT = 4;

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function parameterCount(config: ModelConfig): number {
  return paramSpecs(config).reduce((n, s) => n + elements(s.shape), 0);
}

/** Float32 values a layer keeps per token: the hidden state's, the MLP's and the q/k/v projections' share. */
function perToken(config: ModelConfig): number {
  const projections = (config.numHeads + 2 * config.numKvHeads) * headDim(config);
  return (
    PER_TOKEN.hidden * config.hiddenSize +
    PER_TOKEN.intermediate * config.intermediateSize +
    PER_TOKEN.projections * projections
  );
}

/** Bytes of one micro-batch of `sequences` of `tokens` each, forward and backward. */
export function activationBytes(config: ModelConfig, sequences: number, tokens: number): number {
  const kept =
    config.numLayers *
    (sequences * tokens * perToken(config) + PER_SCORE * sequences * config.numHeads * tokens * tokens);
  // The gradients of the kept tensors pile up as the backward pass goes; before that, the output
  // head's backward pass rebuilds blocks of logits and assembles its gradient.
  const rows = Math.min(sequences * tokens, blockRowsFor(config.vocabSize));
  const head = PER_LOGIT * rows * config.vocabSize + config.vocabSize * config.hiddenSize;
  return FLOAT * Math.max(2 * kept, kept + head);
}

/** Bytes of sampling `rows` rollouts of `prompt + response` tokens from `prompts` prompts. */
export function samplingBytes(
  config: ModelConfig,
  prompts: number,
  rows: number,
  promptTokens: number,
  responseTokens: number,
): number {
  const kvPerToken = config.numLayers * 2 * config.numKvHeads * headDim(config);
  const promptCache = prompts * promptTokens * kvPerToken;
  // Without gradient, each layer's temporaries are freed before the next layer runs.
  const prefillLayer =
    prompts * promptTokens * perToken(config) +
    PER_SCORE_WITHOUT_GRADIENT * prompts * config.numHeads * promptTokens * promptTokens;
  const prefill = promptCache + prefillLayer;
  // Each decoding step builds the extended cache beside the previous one, and a row of logits per rollout.
  const decode = 2 * rows * (promptTokens + responseTokens) * kvPerToken + 4 * rows * config.vocabSize;
  return FLOAT * Math.max(prefill, decode);
}

export function estimateTrainingMemory(config: ModelConfig, shape: StepShape): MemoryEstimate {
  const parameters = parameterCount(config);
  const tokens = shape.promptTokens + shape.responseTokens;
  const parts: MemoryParts = {
    weights: FLOAT * parameters,
    reference: shape.reference ? FLOAT * parameters : 0,
    optimizer: 2 * FLOAT * parameters,
    gradients: (shape.accumulating ? 2 : 1) * FLOAT * parameters,
    optimizerStep: 3 * FLOAT * Math.max(...paramSpecs(config).map((s) => elements(s.shape))),
    activations: activationBytes(config, shape.microBatch, tokens),
    sampling: samplingBytes(
      config,
      shape.samplingPrompts,
      shape.samplingPrompts * shape.groupSize,
      shape.promptTokens,
      shape.responseTokens,
    ),
  };
  const held = parts.weights + parts.reference + parts.optimizer;
  const step = FLOAT * parameters + parts.optimizerStep;
  return {
    parameters,
    parts,
    peak: held + Math.max(parts.gradients + parts.activations, step, parts.sampling),
  };
}
