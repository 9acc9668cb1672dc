import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { realBceLossFromScores } from "../../../learner/objectives/real-bce.ts";
import { realNoAnchorLossFromScores } from "../../../learner/objectives/real-no-anchor.ts";
import { assertAllClose, assertClose } from "./support.ts";

// Group 0 is valid (2 positives, 1 negative), group 1 all wrong, group 2 valid (1 + 2); 4 prompts.
const scores = [0.4, -0.3, 0.2, 0.9, -0.6, -0.1, 0.5, -0.8];
const rewards = [1, 1, 0, 0, 0, 1, 0, 0];
const groups = [0, 0, 0, 1, 1, 2, 2, 2];
const prompts = 4;
const tau = 0.5;
const validRollouts = [0, 1, 2, 5, 6, 7];

const softplus = (x: number) => Math.log1p(Math.exp(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function lossAndScoreGradient(loss: (s: tf.Tensor1D) => tf.Scalar) {
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((s: tf.Tensor) => loss(s as tf.Tensor1D))(tf.tensor1d(scores));
    return { loss: value.dataSync()[0], gradient: Array.from(grad.dataSync()) };
  });
}

describe("REAL with BCE (real-bce)", () => {
  it("is the mean BCE with logits sbar/tau over the rollouts of valid groups, with its gradient", () => {
    const bce = (i: number) => {
      const z = scores[i] / tau;
      return rewards[i] === 1 ? -Math.log(sigmoid(z)) : -Math.log(1 - sigmoid(z));
    };
    const expectedLoss = validRollouts.reduce((a, i) => a + bce(i), 0) / validRollouts.length;
    const expectedGradient = scores.map((s, i) =>
      validRollouts.includes(i) ? (sigmoid(s / tau) - rewards[i]) / tau / validRollouts.length : 0,
    );
    const actual = lossAndScoreGradient((s) => realBceLossFromScores(s, rewards, groups, tau));
    assertClose(actual.loss, expectedLoss, 1e-6, "loss");
    assertAllClose(actual.gradient, expectedGradient, 1e-6, "gradient");
  });
});

describe("REAL without anchor (real-no-anchor)", () => {
  it("is log(1 + sum_N sum_P exp((s_n - s_p)/tau)) per valid group over the prompts, with its gradient", () => {
    const groupTerms = [
      { positives: [0, 1], negatives: [2] },
      { positives: [5], negatives: [6, 7] },
    ];
    let expectedLoss = 0;
    const expectedGradient = scores.map(() => 0);
    for (const { positives, negatives } of groupTerms) {
      let pairs = 0;
      for (const p of positives) for (const n of negatives) pairs += Math.exp((scores[n] - scores[p]) / tau);
      expectedLoss += Math.log1p(pairs) / prompts;
      // d/ds_k of log(1 + X): (1/(1 + X)) dX/ds_k, with dX/ds_n = X_n / tau and dX/ds_p = -X_p / tau.
      for (const p of positives)
        for (const n of negatives) {
          const pair = Math.exp((scores[n] - scores[p]) / tau) / (1 + pairs) / tau / prompts;
          expectedGradient[n] += pair;
          expectedGradient[p] -= pair;
        }
    }
    const actual = lossAndScoreGradient((s) => realNoAnchorLossFromScores(s, rewards, groups, prompts, tau));
    assertClose(actual.loss, expectedLoss, 1e-6, "loss");
    assertAllClose(actual.gradient, expectedGradient, 1e-6, "gradient");
  });

  it("equals softplus of the two log-sum-exps, the form the spec states", () => {
    const lse = (xs: number[]) => Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));
    const group0 = softplus(lse([scores[2] / tau]) + lse([-scores[0] / tau, -scores[1] / tau]));
    const group2 = softplus(lse([scores[6] / tau, scores[7] / tau]) + lse([-scores[5] / tau]));
    const actual = lossAndScoreGradient((s) => realNoAnchorLossFromScores(s, rewards, groups, prompts, tau));
    assertClose(actual.loss, (group0 + group2) / prompts, 1e-6);
  });
});
