import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { tokenEntropy, tokenLogProbs } from "../../../learner/model/log-probs.ts";
import { assertClose, ints } from "./support.ts";

describe("tokenLogProbs", () => {
  it("equals log softmax(logits / temperature) of the next token, by hand", () => {
    const logits = [
      [1.0, 2.0, -1.0, 0.5],
      [0.0, -3.0, 4.0, 1.0],
      [9.0, 9.0, 9.0, 9.0],
    ];
    const ids = [2, 0, 3];
    const temperature = 0.6;
    const byHand = (row: number[], token: number) => {
      const scaled = row.map((x) => x / temperature);
      const logZ = Math.log(scaled.reduce((s, x) => s + Math.exp(x), 0));
      return scaled[token]! - logZ;
    };
    const out = tokenLogProbs(tf.tensor3d([logits]), ints([ids]), temperature).arraySync()[0]!;
    assert.equal(out.length, 3);
    assert.equal(out[0], 0);
    // Position t holds the log-prob of ids[t] under the logits at t - 1.
    assertClose(out[1]!, byHand(logits[0]!, ids[1]!), 1e-6);
    assertClose(out[2]!, byHand(logits[1]!, ids[2]!), 1e-6);
  });

  it("has the analytic gradient softmax - onehot (scaled by 1 / temperature)", () => {
    const row = [0.3, -1.2, 2.0];
    const temperature = 0.5;
    const logits = tf.variable(tf.tensor3d([[row, [0, 0, 0]]]));
    const { grads } = tf.variableGrads(
      () => tf.sum(tokenLogProbs(logits, ints([[0, 1]]), temperature)) as tf.Scalar,
    );
    const g = Object.values(grads)[0]!.arraySync() as number[][][];
    const scaled = row.map((x) => x / temperature);
    const z = scaled.reduce((s, x) => s + Math.exp(x), 0);
    row.forEach((_, v) => {
      const p = Math.exp(scaled[v]!) / z;
      assertClose(g[0]![0]![v]!, ((v === 1 ? 1 : 0) - p) / temperature, 1e-5);
    });
    tf.dispose([logits, ...Object.values(grads)]);
  });
});

describe("tokenEntropy", () => {
  it("is log V for a uniform distribution at any temperature", () => {
    for (const [v, temperature] of [
      [2, 1],
      [7, 0.6],
      [100, 2],
    ] as const) {
      const entropy = tokenEntropy(tf.fill([2, 3, v], 1.5) as tf.Tensor3D, temperature).arraySync();
      for (const row of entropy) {
        assert.equal(row[0], 0);
        for (const h of row.slice(1)) assertClose(h, Math.log(v), 1e-5);
      }
    }
  });

  it("is 0 for a near-certain distribution and shrinks with temperature", () => {
    const logits = tf.tensor3d([
      [
        [50, 0, 0],
        [1, 0, 0],
        [0, 0, 0],
      ],
    ]);
    const [h] = tokenEntropy(logits, 1).arraySync();
    assertClose(h![1]!, 0, 1e-6);
    const [cold] = tokenEntropy(
      tf.tensor3d([
        [
          [1, 0, 0],
          [1, 0, 0],
        ],
      ]),
      0.5,
    ).arraySync();
    const [warm] = tokenEntropy(
      tf.tensor3d([
        [
          [1, 0, 0],
          [1, 0, 0],
        ],
      ]),
      2,
    ).arraySync();
    assert.ok(cold![1]! < warm![1]!);
  });
});
