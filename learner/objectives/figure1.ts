import * as tf from "@tensorflow/tfjs-core";
import { grpoLoss } from "./grpo.ts";
import { realLossFromScores } from "./real.ts";
import { tokenLogRatios } from "./scores.ts";

/** Settings of the paper's Figure 1. */
export const FIGURE1 = { epsilon: 0.2, advantage: 1, tau: 0.5, c: 4 } as const;

export interface GradientCurve {
  /** |dL/ds| by automatic differentiation through the project's loss. */
  autodiff: number[];
  /** The paper's closed form at the same points. */
  closedForm: number[];
}

export interface Figure1Data {
  /** The x axis: s_t for GRPO, sbar for REAL. */
  scores: number[];
  grpo: { positive: GradientCurve; negative: GradientCurve };
  real: { positive: GradientCurve; negative: GradientCurve };
}

export function scoreGrid(from = -2, to = 2, points = 81): number[] {
  return Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}

/**
 * Gradient magnitude against relative log-probability for GRPO (one token, eq. 3) and REAL (one
 * rollout, eq. 9), each for a positive and a negative, computed both ways.
 */
export function figure1Data(scores: readonly number[] = scoreGrid()): Figure1Data {
  return {
    scores: [...scores],
    grpo: {
      positive: {
        autodiff: grpoAutodiff(scores, FIGURE1.advantage),
        closedForm: scores.map((s) => grpoClosedForm(s, FIGURE1.advantage)),
      },
      negative: {
        autodiff: grpoAutodiff(scores, -FIGURE1.advantage),
        closedForm: scores.map((s) => grpoClosedForm(s, -FIGURE1.advantage)),
      },
    },
    real: {
      positive: { autodiff: realAutodiff(scores, 1), closedForm: scores.map((s) => realClosedForm(s, 1)) },
      negative: { autodiff: realAutodiff(scores, 0), closedForm: scores.map((s) => realClosedForm(s, 0)) },
    },
  };
}

/** Eq. 3: |A e^s| while the token is not clipped, else 0. */
export function grpoClosedForm(s: number, advantage: number): number {
  const ratio = Math.exp(s);
  const kept = advantage > 0 ? ratio <= 1 + FIGURE1.epsilon : ratio >= 1 - FIGURE1.epsilon;
  return kept ? Math.abs(advantage * ratio) : 0;
}

/** Eq. 9: (1/tau) / (1 + C e^{-+sbar/tau}), with + for a positive and - for a negative. */
export function realClosedForm(s: number, reward: 0 | 1): number {
  const sign = reward === 1 ? 1 : -1;
  return 1 / FIGURE1.tau / (1 + FIGURE1.c * Math.exp((sign * s) / FIGURE1.tau));
}

/**
 * Every grid point is a one-token rollout of its own with advantage A; GRPO averages over rollouts, so
 * each point's own gradient is the autodiff gradient times the number of points.
 */
function grpoAutodiff(scores: readonly number[], advantage: number): number[] {
  return tf.tidy(() => {
    const points = scores.length;
    const logpOld = tf.zeros([points, 1]) as tf.Tensor2D;
    const mask = tf.ones([points, 1]) as tf.Tensor2D;
    const advantages = scores.map(() => advantage);
    const loss = (logpCurrent: tf.Tensor) => {
      const logRatios = tokenLogRatios(logpCurrent as tf.Tensor2D, logpOld, mask);
      return grpoLoss(logRatios, advantages, mask, { low: FIGURE1.epsilon, high: FIGURE1.epsilon }).loss;
    };
    const gradient = tf.grad(loss)(tf.tensor2d([...scores], [points, 1]));
    return Array.from(gradient.dataSync(), (g) => Math.abs(g * points));
  });
}

/**
 * Every grid point is the rollout under study in a group of its own, next to a companion of the same
 * label whose exp term is C - 1 = 3 (so the spec's C is 4) and one rollout of the other label that makes
 * the group valid. The loss divides by the number of prompts, which the gradient is multiplied back by.
 */
function realAutodiff(scores: readonly number[], reward: 0 | 1): number[] {
  return tf.tidy(() => {
    const sign = reward === 1 ? -1 : 1;
    // exp(sign * companion / tau) = C - 1.
    const companion = sign * FIGURE1.tau * Math.log(FIGURE1.c - 1);
    const groupScores = scores.flatMap((s) => [s, companion, 0]);
    const rewards = scores.flatMap(() => [reward, reward, 1 - reward]);
    const groups = scores.flatMap((_, g) => [g, g, g]);
    const loss = (all: tf.Tensor) =>
      realLossFromScores(all as tf.Tensor1D, rewards, groups, scores.length, FIGURE1.tau);
    const gradient = tf.grad(loss)(tf.tensor1d(groupScores)).dataSync();
    return scores.map((_, g) => Math.abs(gradient[3 * g] * scores.length));
  });
}
