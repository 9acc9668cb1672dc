import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import "../../../learner/tf/gradients.ts";
import { nativeBlasAvailable, useNativeBlas } from "../../../learner/backends/native.ts";
import { selectBackend } from "../../../learner/backends/select.ts";
import { assertClose, onBackend, values } from "./compare.ts";

interface Case {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** Batch prefixes: none, equal, B shared (the folded path), A shared, and two-sided broadcasting. */
const BATCHES: Array<[number[], number[]]> = [
  [[], []],
  [[3], [3]],
  [[2, 3], []],
  [[], [4]],
  [
    [2, 1],
    [1, 3],
  ],
  [[5], [1]],
];

function cases(): Case[] {
  const out: Case[] = [];
  let seed = 7;
  const dim = () => {
    seed = (Math.imul(seed, 48271) + 11) >>> 0;
    return 1 + (seed % 37);
  };
  for (const [aBatch, bBatch] of BATCHES) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const [m, n, k] = [dim(), dim(), dim()];
        out.push({
          a: [...aBatch, ...(transposeA ? [k, m] : [m, k])],
          b: [...bBatch, ...(transposeB ? [n, k] : [k, n])],
          transposeA,
          transposeB,
        });
      }
    }
  }
  return out;
}

function label(c: Case): string {
  return `[${c.a}]${c.transposeA ? "ᵀ" : ""} @ [${c.b}]${c.transposeB ? "ᵀ" : ""}`;
}

/** tfjs-core's matMul gradient does not reduce broadcast batch axes, on any backend. */
function differentiable(c: Case): boolean {
  return tf.util.arraysEqual(c.a.slice(0, -2), c.b.slice(0, -2));
}

/**
 * With `expand`, both batch prefixes are broadcast explicitly first: the cpu kernel only handles
 * a batch of 1 on one side, not `[2, 1]` against `[1, 3]`.
 */
function product(c: Case, expand = false) {
  return tf.tidy(() => {
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(c.a.slice(0, -2), c.b.slice(0, -2));
    const full = (t: tf.Tensor) => (expand ? tf.broadcastTo(t, [...outer, ...t.shape.slice(-2)]) : t);
    const a = tf.tensor(
      values(
        c.a.reduce((x, y) => x * y, 1),
        1,
      ),
      c.a,
    );
    const b = tf.tensor(
      values(
        c.b.reduce((x, y) => x * y, 1),
        2,
      ),
      c.b,
    );
    const out = tf.matMul(full(a), full(b), c.transposeA, c.transposeB);
    const weights = tf.tensor(values(out.size, 3), out.shape);
    const grads = differentiable(c)
      ? tf.grads((x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(tf.matMul(x, y, c.transposeA, c.transposeB), weights)),
        )([a, b])
      : [tf.zeros([0]), tf.zeros([0])];
    return { shape: out.shape, out: out.dataSync(), da: grads[0]!.dataSync(), db: grads[1]!.dataSync() };
  });
}

async function compareAll(): Promise<void> {
  for (const c of cases()) {
    const expected = await onBackend("cpu", () => product(c, true));
    const actual = await onBackend("wasm", () => product(c));
    tf.util.assert(
      tf.util.arraysEqual(actual.shape, expected.shape),
      () => `${label(c)}: shape ${actual.shape} vs ${expected.shape}`,
    );
    assertClose(actual.out, expected.out, label(c));
    assertClose(actual.da, expected.da, `${label(c)} dA`);
    assertClose(actual.db, expected.db, `${label(c)} dB`);
  }
}

describe("wasm BatchMatMul replacement", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });
  after(() => useNativeBlas(true));

  it("matches cpu for every transpose and batch combination through OpenBLAS", async (t) => {
    if (!nativeBlasAvailable()) {
      t.skip("OpenBLAS addon not built (node learner/backends/native/build.mjs); fallback tested below");
      return;
    }
    useNativeBlas(true);
    await compareAll();
  });

  it("matches cpu for every transpose and batch combination without the addon", async () => {
    useNativeBlas(false);
    await compareAll();
  });

  it("matches cpu on a product larger than one 4 x 4 tile in every direction", async () => {
    useNativeBlas(false);
    const c: Case = { a: [2, 70, 45], b: [2, 33, 70], transposeA: true, transposeB: true };
    const expected = await onBackend("cpu", () => product(c));
    const actual = await onBackend("wasm", () => product(c));
    assertClose(actual.out, expected.out, label(c));
    assertClose(actual.db, expected.db, `${label(c)} dB`);
  });
});
