import "@tensorflow/tfjs-backend-cpu";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { type ModelConfigInput, parseModelConfig } from "../../../learner/model/config.ts";
import type { Model } from "../../../learner/model/forward.ts";
import { createParams } from "../../../learner/model/params.ts";
import { MICRO_SIZES } from "../../support/micro-model.ts";

export function microConfig(overrides: Partial<ModelConfigInput> = {}) {
  return parseModelConfig({
    vocabSize: 37,
    ...MICRO_SIZES,
    ...overrides,
  });
}

export function microModel(seed = 7, overrides: Partial<ModelConfigInput> = {}): Model {
  const config = microConfig(overrides);
  return { config, params: createParams(config, seed) };
}

export function assertClose(actual: number, expected: number, tolerance: number, what = "") {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} differs from ${expected} by more than ${tolerance}`,
  );
}

export function ints(rows: number[][]): tf.Tensor2D {
  return tf.tensor2d(rows, undefined, "int32");
}

export function floats(rows: number[][]): tf.Tensor2D {
  return tf.tensor2d(rows, undefined, "float32");
}
