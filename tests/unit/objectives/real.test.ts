import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { realLossFromScores } from "../../../learner/objectives/real.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { assertAllClose, assertClose, logSumExp } from "./support.ts";

/** Eq. 9 with the spec's C, signed: the derivative of one group's REAL loss with respect to sbar_k. */
function closedFormGradient(
  scores: number[],
  rewards: number[],
  groups: number[],
  k: number,
  tau: number,
): number {
  const sign = rewards[k] === 1 ? -1 : 1;
  let c = 1;
  scores.forEach((s, i) => {
    if (i !== k && groups[i] === groups[k] && rewards[i] === rewards[k]) c += Math.exp((sign * s) / tau);
  });
  return (sign * (1 / tau)) / (1 + c * Math.exp((-sign * scores[k]) / tau));
}

function hasBothLabels(rewards: number[], groups: number[], group: number): boolean {
  const labels = rewards.filter((_, i) => groups[i] === group);
  return labels.includes(0) && labels.includes(1);
}

function scoreGradient(scores: number[], rewards: number[], groups: number[], prompts: number, tau: number) {
  return tf.tidy(() =>
    Array.from(
      tf
        .grad((s: tf.Tensor) => realLossFromScores(s as tf.Tensor1D, rewards, groups, prompts, tau))(
          tf.tensor1d(scores),
        )
        .dataSync(),
    ),
  );
}

/** Random mini-batch: groups of 1 to 8 rollouts, random labels, scores in [-2, 2], rollouts shuffled. */
function randomBatch(seed: number) {
  const rng = seededRng(seed);
  const prompts = 1 + rng.int(6);
  const rollouts: { group: number; reward: number; score: number }[] = [];
  for (let group = 0; group < prompts; group++) {
    const size = 1 + rng.int(8);
    for (let i = 0; i < size; i++) rollouts.push({ group, reward: rng.int(2), score: 4 * rng.next() - 2 });
  }
  for (let i = rollouts.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [rollouts[i], rollouts[j]] = [rollouts[j], rollouts[i]];
  }
  return {
    prompts,
    groups: rollouts.map((r) => r.group),
    rewards: rollouts.map((r) => r.reward),
    scores: rollouts.map((r) => r.score),
  };
}

describe("REAL loss", () => {
  it("equals eq. 8 summed over valid groups and divided by the prompts of the mini-batch", () => {
    const scores = [0.3, -0.2, 0.5, 1.1, -0.7, 0.4, 0.9];
    const rewards = [1, 0, 0, 1, 1, 1, 0];
    const groups = [0, 0, 0, 1, 1, 2, 2];
    const tau = 0.5;
    const groupLoss = (g: number) => {
      const members = scores.map((s, i) => ({ s, r: rewards[i], g: groups[i] })).filter((m) => m.g === g);
      const pos = members.filter((m) => m.r === 1).map((m) => -m.s / tau);
      const neg = members.filter((m) => m.r === 0).map((m) => m.s / tau);
      return logSumExp([0, ...pos]) + logSumExp([0, ...neg]);
    };
    const expected = (groupLoss(0) + groupLoss(2)) / 4;
    const loss = tf.tidy(
      () => realLossFromScores(tf.tensor1d(scores), rewards, groups, 4, tau).dataSync()[0],
    );
    assertClose(loss, expected, 1e-6);
  });

  it("has the gradient of eq. 9 for every rollout of random groups of mixed sizes, 0 outside valid groups", () => {
    for (const tau of [0.1, 0.5, 1, 2]) {
      for (let seed = 1; seed <= 25; seed++) {
        const { prompts, groups, rewards, scores } = randomBatch(seed * 7919 + Math.round(tau * 10));
        const gradient = scoreGradient(scores, rewards, groups, prompts, tau);
        const expected = scores.map((_, k) =>
          hasBothLabels(rewards, groups, groups[k])
            ? closedFormGradient(scores, rewards, groups, k, tau) / prompts
            : 0,
        );
        assertAllClose(gradient, expected, 1e-5, `tau=${tau} seed=${seed}`);
      }
    }
  });

  it("bounds each rollout's gradient by 1/tau, even for extreme scores", () => {
    for (const tau of [0.1, 0.5, 1]) {
      const scores = [-30, -5, 0, 5, 30, -30, -5, 0, 5, 30];
      const rewards = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
      const groups = scores.map((_, i) => i % 2);
      const gradient = scoreGradient(scores, rewards, groups, 1, tau);
      for (const g of gradient) {
        assert.ok(Number.isFinite(g));
        assert.ok(Math.abs(g) <= 1 / tau + 1e-6, `|${g}| > 1/${tau}`);
      }
    }
  });

  it("weighs a positive less the higher its score and a negative more the higher its score", () => {
    const tau = 0.5;
    const grid = Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);
    for (const label of [1, 0]) {
      // Rollout 0 moves along the grid; the others, fixed, make the group valid and C > 1.
      const magnitudes = grid.map((s) => {
        const rewards = [label, label, 1 - label];
        return Math.abs(scoreGradient([s, 0.3, -0.4], rewards, [0, 0, 0], 1, tau)[0]);
      });
      for (let i = 1; i < grid.length; i++) {
        if (label === 1) assert.ok(magnitudes[i] < magnitudes[i - 1], `positive at ${grid[i]}`);
        else assert.ok(magnitudes[i] > magnitudes[i - 1], `negative at ${grid[i]}`);
      }
    }
  });

  it("gives zero loss and zero gradient when every group is all correct or all wrong", () => {
    const scores = [0.4, -1.2, 3, 0.1, -0.5];
    const rewards = [1, 1, 0, 0, 1];
    const groups = [0, 0, 1, 1, 2];
    const loss = tf.tidy(
      () => realLossFromScores(tf.tensor1d(scores), rewards, groups, 3, 0.5).dataSync()[0],
    );
    assert.equal(loss, 0);
    assert.deepEqual(
      scoreGradient(scores, rewards, groups, 3, 0.5).map((g) => g === 0),
      scores.map(() => true),
    );
  });

  it("stays finite for scores far beyond exp's float32 range", () => {
    const loss = tf.tidy(
      () => realLossFromScores(tf.tensor1d([-200, 200, 150]), [1, 0, 0], [0, 0, 0], 1, 0.1).dataSync()[0],
    );
    assertClose(loss, 2000 + 2000, 1e-2);
  });
});
