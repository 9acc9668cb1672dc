import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import {
  FUSED_RMS_NORM,
  FUSED_RMS_NORM_GRAD,
  rmsNorm,
  rmsNormOps,
} from "../../../learner/backends/fused-rms-norm.ts";
import { nativeBlas } from "../../../learner/backends/native.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values, withAndWithoutAddon } from "./compare.ts";

const EPS = 1e-6;

/** The norm's output, and the gradients of `sum(norm(x) * probe)` for x and the weight. */
function run(norm: typeof rmsNorm, shape: number[]): number[] {
  return tf.tidy(() => {
    const size = shape.reduce((a, b) => a * b, 1);
    const d = shape.at(-1)!;
    const x = tf.mul(tf.tensor(values(size, 1), shape), 3);
    const weight = tf.add(tf.tensor(values(d, 2), [d]), 1);
    const probe = tf.tensor(values(size, 3), shape);
    const f = (xs: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(norm(xs, w, EPS), probe));
    const [dx, dw] = tf.grads(f)([x, weight]);
    return [...norm(x, weight, EPS).dataSync(), ...dx!.dataSync(), ...dw!.dataSync()];
  });
}

describe(`${FUSED_RMS_NORM} and ${FUSED_RMS_NORM_GRAD} kernels`, () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });
  after(async () => {
    await tf.setBackend("cpu");
  });

  for (const shape of [
    [37, 24],
    [2, 5, 256],
    [3, 1],
  ]) {
    for (const backend of ["wasm", "cpu"]) {
      it(`forward and gradient on ${backend}, shape ${shape.join("x")}, match the tfjs ops on cpu`, async () => {
        const expected = await onBackend("cpu", () => run(rmsNormOps, shape));
        await withAndWithoutAddon(async (how) => {
          const fused = await onBackend(backend, () => run(rmsNorm, shape));
          assertClose(fused, expected, `${backend}, ${how}`);
          assertClose(
            await onBackend(backend, () => run(rmsNormOps, shape)),
            expected,
            `ops on ${backend}, ${how}`,
          );
        });
      });
    }
  }

  it("runs as two kernels on wasm, not the ops", async () => {
    await tf.setBackend("wasm");
    const x = tf.tensor(values(64, 4), [8, 8]);
    const w = tf.ones([8]);
    const profile = await tf.profile(() => tf.grads((a: tf.Tensor) => tf.sum(rmsNorm(a, w, EPS)))([x]));
    const names = profile.kernels.map((k) => k.name);
    assert.ok(names.includes(FUSED_RMS_NORM) && names.includes(FUSED_RMS_NORM_GRAD), names.join(","));
    assert.ok(!names.includes("Rsqrt"), names.join(","));
    tf.dispose([x, w]);
    tf.dispose(profile.result);
  });

  it("the addon rejects offsets outside the heap", { skip: !nativeBlas() }, () => {
    const heap = new ArrayBuffer(64);
    assert.throws(() => nativeBlas()!.rmsNorm(heap, Uint32Array.of(0, 0, 60), 2, 4, EPS), RangeError);
    assert.throws(
      () => nativeBlas()!.rmsNormGrad(heap, Uint32Array.of(0, 0, 0, 0, 64), 2, 4, EPS),
      RangeError,
    );
    assert.throws(() => nativeBlas()!.rmsNorm(heap, Uint32Array.of(0, 0), 2, 4, EPS));
  });
});
