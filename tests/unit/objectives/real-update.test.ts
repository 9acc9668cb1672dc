import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { createObjective } from "../../../learner/objectives/index.ts";
import { sequenceScores, tokenLogRatios } from "../../../learner/objectives/scores.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import "./support.ts";

const SAMPLING_TEMPERATURE = 0.6;
const VOCABULARY = 6;
const POSITIONS = 4;

// Three prompts: a valid group of 2+2, a valid group of 1+3, and an all-correct group. Positives use
// tokens 0-2 and negatives tokens 3-5, so raising one label never drags the other up with it.
const groups = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
const rewards = [1, 1, 0, 0, 1, 0, 0, 0, 1, 1];
const tokens = [
  [0, 1, 2, 0],
  [2, 2, 1, 0],
  [3, 4, 5, 3],
  [5, 3, 4, 4],
  [1, 0, 2, 2],
  [4, 4, 3, 5],
  [3, 5, 5, 4],
  [5, 4, 3, 3],
  [0, 1, 1, 2],
  [2, 0, 1, 1],
];
const mask = [
  [1, 1, 1, 1],
  [1, 1, 0, 0],
  [1, 1, 1, 0],
  [1, 1, 1, 1],
  [1, 0, 0, 0],
  [1, 1, 1, 1],
  [1, 1, 0, 0],
  [1, 1, 1, 0],
  [1, 1, 1, 1],
  [1, 1, 0, 0],
];

/** The "policy": a table of logits per (prompt, position), log-probs at the sampling temperature. */
function logProbs(table: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const logits = tf.div(tf.gather(table, groups), SAMPLING_TEMPERATURE);
    const chosen = tf.oneHot(tf.tensor2d(tokens, undefined, "int32"), VOCABULARY);
    return tf.sum(tf.mul(tf.logSoftmax(logits), chosen), 2) as tf.Tensor2D;
  });
}

describe("one REAL update on a fixed batch", () => {
  it("raises the scores of positives above 0, lowers negatives below 0, leaves invalid groups alone", () => {
    const rng = seededRng(42);
    const initial = Array.from({ length: 3 * POSITIONS * VOCABULARY }, () => rng.next() - 0.5);
    const table = tf.variable(tf.tensor3d(initial, [3, POSITIONS, VOCABULARY]));
    const maskTensor = tf.tensor2d(mask);
    const logpOld = logProbs(table);
    const objective = createObjective("real");
    const optimizer = tf.train.sgd(0.5);

    optimizer.minimize(
      () =>
        objective({
          logpCurrent: logProbs(table),
          logpOld,
          mask: maskTensor,
          rewards,
          groups,
          promptsInMiniBatch: 3,
        }).loss,
    );

    const scores = tf.tidy(() =>
      Array.from(sequenceScores(tokenLogRatios(logProbs(table), logpOld, maskTensor), maskTensor).dataSync()),
    );
    scores.forEach((score, i) => {
      if (groups[i] === 2)
        assert.ok(Math.abs(score) < 1e-7, `rollout ${i} of the invalid group moved: ${score}`);
      else if (rewards[i] === 1) assert.ok(score > 0, `positive ${i} scored ${score}`);
      else assert.ok(score < 0, `negative ${i} scored ${score}`);
    });
    tf.dispose([table, maskTensor, logpOld]);
    optimizer.dispose();
  });
});
