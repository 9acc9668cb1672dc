import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type { RolloutBatch } from "../../../learner/objectives/batch.ts";

await tf.setBackend("cpu");

export function assertClose(actual: number, expected: number, tolerance: number, message?: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${message ?? "value"}: ${actual} differs from ${expected} by more than ${tolerance}`,
  );
}

export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  message = "",
): void {
  assert.equal(actual.length, expected.length, `${message} length`);
  for (let i = 0; i < expected.length; i++)
    assertClose(actual[i], expected[i], tolerance, `${message}[${i}]`);
}

/** Plain-JS float64 log(sum exp(x)), the reference the tf losses are checked against. */
export function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  return max + Math.log(values.reduce((a, v) => a + Math.exp(v - max), 0));
}

export interface BatchSpec {
  logpCurrent: number[][];
  logpOld: number[][];
  logpRef?: number[][];
  mask: number[][];
  rewards: number[];
  groups: number[];
  prompts: number;
}

/** Builds the batch with logpCurrent given as a tensor, so tests can differentiate through it. */
export function batchWith(spec: BatchSpec, logpCurrent: tf.Tensor2D): RolloutBatch {
  return {
    logpCurrent,
    logpOld: tf.tensor2d(spec.logpOld),
    ...(spec.logpRef && { logpRef: tf.tensor2d(spec.logpRef) }),
    mask: tf.tensor2d(spec.mask),
    rewards: spec.rewards,
    groups: spec.groups,
    promptsInMiniBatch: spec.prompts,
  };
}

/** Loss value and gradient with respect to logpCurrent of `lossOf` on the batch. */
export function lossAndGradient(
  spec: BatchSpec,
  lossOf: (batch: RolloutBatch) => tf.Scalar,
): { loss: number; gradient: number[][] } {
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((current: tf.Tensor) =>
      lossOf(batchWith(spec, current as tf.Tensor2D)),
    )(tf.tensor2d(spec.logpCurrent));
    return { loss: value.dataSync()[0], gradient: grad.arraySync() as number[][] };
  });
}
