import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import {
  type AdamWStep,
  adamwUpdate,
  addonHyper,
  FUSED_ADAMW,
  fusedAdamW,
} from "../../../learner/backends/fused-adamw.ts";
import { nativeBlas } from "../../../learner/backends/native.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values, withAndWithoutAddon } from "./compare.ts";

const STEP: AdamWStep = {
  gradScale: 0.5,
  lr: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0.1,
  correction1: 1 - 0.9 ** 3,
  correction2Root: Math.sqrt(1 - 0.999 ** 3),
};

/** The same update written with tfjs ops on the cpu backend, as the optimizer does without the kernel. */
function withOps(param: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, h: AdamWStep): tf.Tensor[] {
  return tf.tidy(() => {
    const g = tf.mul(grad, h.gradScale);
    const m2 = tf.add(tf.mul(m, h.beta1), tf.mul(g, 1 - h.beta1));
    const v2 = tf.add(tf.mul(v, h.beta2), tf.mul(tf.square(g), 1 - h.beta2));
    const denom = tf.add(tf.div(tf.sqrt(v2), h.correction2Root), h.eps);
    const p2 = tf.sub(
      tf.mul(param, 1 - h.lr * h.weightDecay),
      tf.mul(tf.div(m2, denom), h.lr / h.correction1),
    );
    return [p2, m2, v2];
  });
}

const SIZE = 37;
const inputs = () => ({
  param: tf.tensor(values(SIZE, 1), [SIZE]),
  grad: tf.tensor(values(SIZE, 2), [SIZE]),
  m: tf.mul(tf.tensor(values(SIZE, 3), [SIZE]), 0.1),
  v: tf.abs(tf.mul(tf.tensor(values(SIZE, 4), [SIZE]), 0.01)),
});

describe(`${FUSED_ADAMW} kernel`, () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });
  after(async () => {
    await tf.setBackend("cpu");
  });

  for (const backend of ["wasm", "cpu"]) {
    it(`updates parameter and moments on ${backend} like the tfjs ops on cpu`, async () => {
      const expected = await onBackend("cpu", () =>
        tf.tidy(() => {
          const { param, grad, m, v } = inputs();
          return withOps(param, grad, m, v, STEP).flatMap((t) => [...t.dataSync()]);
        }),
      );
      await withAndWithoutAddon(async (how) => {
        const fused = await onBackend(backend, () =>
          tf.tidy(() => fusedAdamW(inputs(), STEP)!.flatMap((t) => [...t.dataSync()])),
        );
        assertClose(fused, expected, `${backend}, ${how}`);
      });
    });
  }

  it("may write its result over its input", () => {
    const param = values(SIZE, 1);
    const m = new Float32Array(SIZE);
    const v = new Float32Array(SIZE);
    const separate = { param: new Float32Array(SIZE), m: new Float32Array(SIZE), v: new Float32Array(SIZE) };
    adamwUpdate({ param, grad: values(SIZE, 2), m, v }, separate, STEP);
    adamwUpdate({ param, grad: values(SIZE, 2), m, v }, { param, m, v }, STEP);
    assertClose(param, separate.param, "in place");
  });

  it("reaches operands past 2 GiB of the heap (offsets do not wrap)", {
    skip: !nativeBlas() && "no OpenBLAS addon",
  }, () => {
    // A wasm heap grows to 4 GiB; untouched pages of this buffer cost no memory.
    const heap = new ArrayBuffer(2 ** 31 + 8 * SIZE * 4);
    const offsets = Uint32Array.from({ length: 7 }, (_, i) => 2 ** 31 + i * SIZE * 4);
    const at = (i: number) => new Float32Array(heap, offsets[i]!, SIZE);
    const slots = { param: values(SIZE, 1), grad: values(SIZE, 2), m: values(SIZE, 3), v: values(SIZE, 4) };
    slots.v = slots.v.map(Math.abs);
    for (const [i, array] of [slots.param, slots.grad, slots.m, slots.v].entries()) at(i).set(array);
    const hyper = addonHyper(STEP);
    nativeBlas()!.adamw(heap, offsets, SIZE, hyper);
    const expected = { param: new Float32Array(SIZE), m: new Float32Array(SIZE), v: new Float32Array(SIZE) };
    adamwUpdate(slots, expected, STEP);
    assertClose(at(4), expected.param, "param");
    assertClose(at(5), expected.m, "m");
    assertClose(at(6), expected.v, "v");
    const beyond = Uint32Array.from(offsets, (o, i) => (i === 6 ? heap.byteLength : o));
    assert.throws(() => nativeBlas()!.adamw(heap, beyond, SIZE, hyper), /outside the buffer/);
  });
});
