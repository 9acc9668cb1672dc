/**
 * The Qwen2 variants the PyTorch reference checks the learner on: tied and untied output heads,
 * grouped-query attention 2:1 and 7:1 and plain multi-head, two RoPE bases and norm epsilons, and
 * weights stored in bfloat16, float16 and float32 (one sharded, with a redundant tied head stored).
 * Every checkpoint has random (non-zero) q/k/v biases and norm weights.
 */
import type { ModelConfigInput } from "../../learner/model/config.ts";
import type { HfDtype } from "../support/hf-checkpoint.ts";

export interface ReferenceVariant {
  name: string;
  config: ModelConfigInput;
  dtype: HfDtype;
  seed: number;
  shards?: number;
  tiedHeadStored?: boolean;
}

export const REFERENCE_VARIANTS: ReferenceVariant[] = [
  {
    name: "tied-gqa2-bf16",
    config: {
      vocabSize: 96,
      hiddenSize: 32,
      numLayers: 2,
      numHeads: 4,
      numKvHeads: 2,
      intermediateSize: 64,
      ropeTheta: 10000,
      rmsNormEps: 1e-6,
      tieEmbeddings: true,
      maxPositions: 64,
    },
    dtype: "BF16",
    seed: 101,
  },
  {
    name: "untied-gqa7-bf16",
    config: {
      vocabSize: 96,
      hiddenSize: 56,
      numLayers: 2,
      numHeads: 14,
      numKvHeads: 2,
      intermediateSize: 80,
      ropeTheta: 1000000,
      rmsNormEps: 1e-5,
      tieEmbeddings: false,
      maxPositions: 64,
    },
    dtype: "BF16",
    seed: 102,
  },
  {
    name: "untied-mha-f16",
    config: {
      vocabSize: 80,
      hiddenSize: 32,
      numLayers: 2,
      numHeads: 4,
      numKvHeads: 4,
      intermediateSize: 48,
      ropeTheta: 500000,
      // Large enough for a decoder that ignored the config's epsilon to be caught.
      rmsNormEps: 1e-3,
      tieEmbeddings: false,
      maxPositions: 64,
    },
    dtype: "F16",
    seed: 103,
  },
  {
    name: "tied-gqa2-f32-sharded",
    config: {
      vocabSize: 64,
      hiddenSize: 24,
      numLayers: 3,
      numHeads: 4,
      numKvHeads: 2,
      intermediateSize: 40,
      ropeTheta: 10000,
      rmsNormEps: 1e-6,
      tieEmbeddings: true,
      maxPositions: 64,
    },
    dtype: "F32",
    seed: 104,
    shards: 2,
    tiedHeadStored: true,
  },
];

/** Token-id sequences scored on every variant (ids below the smallest vocabulary, 64). */
export const REFERENCE_INPUTS: number[][] = [
  [5],
  [1, 2],
  [7, 7, 7, 7, 7, 7],
  [3, 14, 15, 9, 26, 53, 58, 9, 7, 9, 3, 23, 8, 46, 26, 43],
  [0, 63, 1, 62, 2, 61, 3, 60, 4, 59, 5, 58, 6, 57, 7, 56, 8, 55, 9, 54, 10, 53, 11, 52, 12, 51, 13, 50],
];
