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
