/** Runs the same computation on cpu and on wasm and compares them (tests of learner/backends). */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { nativeBlasAvailable, useNativeBlas } from "../../../learner/backends/native.ts";

export async function onBackend<T>(name: string, f: () => T): Promise<T> {
  await tf.setBackend(name);
  return f();
}

/** Largest absolute difference relative to the largest magnitude of the expected values. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: lengths`);
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  assert.ok(worst <= 1e-4 * scale, `${label}: max difference ${worst} against scale ${scale}`);
}

/** Deterministic values in [-1, 1). */
export function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `check` with the addon's kernels (when it is built) and with the JavaScript ones. */
export async function withAndWithoutAddon(check: (label: string) => Promise<void>): Promise<void> {
  for (const native of nativeBlasAvailable() ? [true, false] : [false]) {
    useNativeBlas(native);
    try {
      await check(native ? "addon" : "JavaScript");
    } finally {
      useNativeBlas(true);
    }
  }
}

/**
 * Runs `op` on an input of `shape` on wasm and on cpu, as float32 and as int32, with the addon's
 * kernels and without, and compares the numbers it returns. The input holds whole numbers so that
 * both dtypes carry the same values.
 */
export async function compareOnIntegerInput(
  shape: number[],
  seed: number,
  op: (x: tf.Tensor) => number[],
): Promise<void> {
  const size = shape.reduce((a, b) => a * b, 1);
  const run = (dtype: "float32" | "int32") => () =>
    tf.tidy(() => {
      const wholeNumbers = values(size, seed).map((v) => Math.round(v * 100));
      return op(tf.tensor(wholeNumbers, shape, dtype));
    });
  await withAndWithoutAddon(async (how) => {
    for (const dtype of ["float32", "int32"] as const) {
      assertClose(await onBackend("wasm", run(dtype)), await onBackend("cpu", run(dtype)), `${how} ${dtype}`);
    }
  });
}
