import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { forward, hiddenStates, type Model, modelHead } from "../../../learner/model/forward.ts";
import { tokenLogProbs, tokenLogProbsAndEntropy } from "../../../learner/model/log-probs.ts";
import type { OutputHead } from "../../../learner/model/output-head.ts";
import { assertClose, floats, ints, microModel } from "./support.ts";

/** A head that passes hidden states through: the "hidden states" are then the logits themselves. */
const identityHead = (v: number): OutputHead => ({ weight: tf.eye(v) as tf.Tensor2D, transposed: false });

const byHand = (row: number[], token: number, temperature: number) => {
  const scaled = row.map((x) => x / temperature);
  const logZ = Math.log(scaled.reduce((s, x) => s + Math.exp(x), 0));
  return scaled[token]! - logZ;
};

describe("tokenLogProbs", () => {
  it("equals log softmax(logits / temperature) of the next token, by hand", () => {
    const logits = [
      [1.0, 2.0, -1.0, 0.5],
      [0.0, -3.0, 4.0, 1.0],
      [9.0, 9.0, 9.0, 9.0],
    ];
    const ids = [2, 0, 3];
    const temperature = 0.6;
    const out = tokenLogProbs(
      tf.tensor3d([logits]),
      identityHead(4),
      ints([ids]),
      temperature,
    ).arraySync()[0]!;
    assert.equal(out.length, 3);
    assert.equal(out[0], 0);
    // Position t holds the log-prob of ids[t] under the logits at t - 1.
    assertClose(out[1]!, byHand(logits[0]!, ids[1]!, temperature), 1e-6);
    assertClose(out[2]!, byHand(logits[1]!, ids[2]!, temperature), 1e-6);
  });

  it("has the analytic gradient onehot - softmax (scaled by 1 / temperature)", () => {
    const row = [0.3, -1.2, 2.0];
    const temperature = 0.5;
    const logits = tf.variable(tf.tensor3d([[row, [0, 0, 0]]]));
    const { grads } = tf.variableGrads(
      () => tf.sum(tokenLogProbs(logits, identityHead(3), ints([[0, 1]]), temperature)) as tf.Scalar,
      [logits],
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

describe("tokenLogProbsAndEntropy", () => {
  it("gives an entropy of log V for a uniform distribution at any temperature", () => {
    for (const [v, temperature] of [
      [2, 1],
      [7, 0.6],
      [100, 2],
    ] as const) {
      const hidden = tf.fill([2, 3, v], 1.5) as tf.Tensor3D;
      const { entropy } = tokenLogProbsAndEntropy(
        hidden,
        identityHead(v),
        ints([
          [0, 1, 1],
          [1, 0, 0],
        ]),
        temperature,
      );
      for (const row of entropy.arraySync()) {
        assert.equal(row[0], 0);
        for (const h of row.slice(1)) assertClose(h, Math.log(v), 1e-5);
      }
    }
  });

  it("gives 0 for a near-certain distribution, and less at a lower temperature", () => {
    const entropyOf = (rows: number[][], temperature: number) =>
      tokenLogProbsAndEntropy(
        tf.tensor3d([rows]),
        identityHead(3),
        ints([rows.map(() => 0)]),
        temperature,
      ).entropy.arraySync()[0]!;
    assertClose(
      entropyOf(
        [
          [50, 0, 0],
          [1, 0, 0],
          [0, 0, 0],
        ],
        1,
      )[1]!,
      0,
      1e-6,
    );
    const rows = [
      [1, 0, 0],
      [1, 0, 0],
    ];
    assert.ok(entropyOf(rows, 0.5)[1]! < entropyOf(rows, 2)[1]!);
  });
});

/** Log-probs and entropy from the whole `[B, T, V]` logits, as the learner computed them before blocks. */
function wholeLogits(model: Model, ids: tf.Tensor2D, mask: tf.Tensor2D, temperature: number) {
  return tf.tidy(() => {
    const logits = forward(model, { ids, mask });
    const [b, t, v] = logits.shape;
    const logP = tf.logSoftmax(tf.div(tf.slice(logits, [0, 0, 0], [b, t - 1, v]), temperature));
    const taken = tf.sum(tf.mul(logP, tf.oneHot(tf.slice(ids, [0, 1], [b, t - 1]), v)), -1);
    const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), -1));
    const zero = tf.zeros([b, 1]);
    return {
      logProbs: tf.concat([zero, taken], 1) as tf.Tensor2D,
      entropy: tf.concat([zero, entropy], 1) as tf.Tensor2D,
    };
  });
}

function gradients(model: Model, loss: () => tf.Scalar): Record<string, Float32Array> {
  const { value, grads } = tf.variableGrads(loss, Object.values(model.params));
  const out = Object.fromEntries(
    Object.entries(model.params).map(([name, v]) => [
      name,
      grads[v.name]!.dataSync().slice() as Float32Array,
    ]),
  );
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe("log-probs by blocks of rows", () => {
  const ids = ints([
    [3, 4, 5, 6, 7, 0, 0],
    [0, 9, 8, 7, 6, 5, 30],
    [0, 0, 11, 12, 13, 14, 2],
  ]);
  const mask = floats([
    [1, 1, 1, 1, 1, 0, 0],
    [0, 1, 1, 1, 1, 1, 1],
    [0, 0, 1, 1, 1, 1, 1],
  ]);
  const temperature = 0.7;
  const models = [microModel(21), microModel(22, { tieEmbeddings: true })];

  it("equal the values from the whole logits, for any block size, tied head or not", () => {
    for (const model of models) {
      const whole = wholeLogits(model, ids, mask, temperature);
      const expected = { logProbs: whole.logProbs.arraySync(), entropy: whole.entropy.arraySync() };
      for (const rows of [1, 4, 7, 18]) {
        const hidden = hiddenStates(model, { ids, mask });
        const head = modelHead(model);
        const logp = tokenLogProbs(hidden, head, ids, temperature, rows).arraySync();
        const both = tokenLogProbsAndEntropy(hidden, head, ids, temperature, rows);
        const [lp, h] = [both.logProbs.arraySync(), both.entropy.arraySync()];
        for (let b = 0; b < 3; b++) {
          for (let t = 0; t < 7; t++) {
            const where = `tied ${model.config.tieEmbeddings}, ${rows} rows, [${b}, ${t}]`;
            assertClose(logp[b]![t]!, expected.logProbs[b]![t]!, 1e-5, where);
            assertClose(lp[b]![t]!, expected.logProbs[b]![t]!, 1e-5, where);
            assertClose(h[b]![t]!, expected.entropy[b]![t]!, 1e-5, where);
          }
        }
        tf.dispose([hidden, both.logProbs, both.entropy]);
      }
    }
  });

  it("give every parameter the gradient the whole logits give", () => {
    for (const model of models) {
      const weights = tf.mul(mask, tf.linspace(-1, 1, 7)) as tf.Tensor2D;
      const expected = gradients(model, () =>
        tf.sum(tf.mul(wholeLogits(model, ids, mask, temperature).logProbs, weights)),
      );
      for (const rows of [1, 5]) {
        const got = gradients(model, () => {
          const hidden = hiddenStates(model, { ids, mask });
          return tf.sum(tf.mul(tokenLogProbs(hidden, modelHead(model), ids, temperature, rows), weights));
        });
        for (const [name, g] of Object.entries(expected)) {
          assert.ok(
            g.some((x) => x !== 0),
            `${name}: zero gradient`,
          );
          g.forEach((x, i) => {
            assertClose(
              got[name]![i]!,
              x,
              1e-5,
              `tied ${model.config.tieEmbeddings}, ${rows} rows, ${name}[${i}]`,
            );
          });
        }
      }
      weights.dispose();
    }
  });

  it("never build a tensor as large as the batch's logits, forward or backward", async () => {
    // A vocabulary much larger than everything else, so the logits are the largest tensor there could be.
    const model = microModel(23, {
      vocabSize: 2000,
      hiddenSize: 8,
      numHeads: 2,
      numKvHeads: 1,
      intermediateSize: 16,
      numLayers: 1,
    });
    const rows = Array.from({ length: 4 }, (_, r) =>
      Array.from({ length: 12 }, (_, t) => (r * 131 + t * 17) % 2000),
    );
    const [longIds, longMask] = [ints(rows), floats(rows.map((row) => row.map(() => 1)))];
    const whole = 4 * 11 * 2000;
    const info = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => {
        const hidden = hiddenStates(model, { ids: longIds, mask: longMask });
        return tf.sum(tokenLogProbs(hidden, modelHead(model), longIds, temperature, 4));
      }, Object.values(model.params));
      tf.dispose([value, ...Object.values(grads)]);
    });
    const sizes = info.kernels.flatMap((k) =>
      k.outputShapes.map((s) => (s ?? []).reduce((a, b) => a * b, 1)),
    );
    assert.ok(sizes.length > 0);
    // The largest are the embedding and head (and their gradients): 2000 x 8.
    assert.ok(
      Math.max(...sizes) <= 2000 * 8,
      `a kernel produced ${Math.max(...sizes)} elements (logits: ${whole})`,
    );
    tf.dispose([longIds, longMask]);
  });

  it("keep no tensors alive", () => {
    const model = microModel(24);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const hidden = hiddenStates(model, { ids, mask });
      return tf.sum(tokenLogProbs(hidden, modelHead(model), ids, temperature, 2));
    }, Object.values(model.params));
    tf.dispose([value, ...Object.values(grads)]);
    const hidden = hiddenStates(model, { ids, mask });
    const both = tokenLogProbsAndEntropy(hidden, modelHead(model), ids, temperature, 2);
    tf.dispose([hidden, both.logProbs, both.entropy]);
    assert.equal(tf.memory().numTensors, before);
  });
});
