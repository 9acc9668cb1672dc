import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { groupAdvantages } from "../../../learner/objectives/advantages.ts";
import type { ClipRange } from "../../../learner/objectives/index.ts";
import { createObjective, DAPO_CLIP, GRPO_CLIP, GSPO_CLIP } from "../../../learner/objectives/index.ts";
import { k3KlPenalty } from "../../../learner/objectives/kl.ts";
import { assertAllClose, assertClose, type BatchSpec, batchWith, lossAndGradient } from "./support.ts";

const old = [
  [-1.5, -0.5, -2],
  [-1, -0.25, 0],
  [-0.75, 0, 0],
  [-2, -1, -0.5],
  [-1.25, -1.5, -0.25],
];
const mask = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [1, 1, 1],
  [1, 1, 1],
];
const rewards = [1, 0, 0, 1, 0];
const groups = [0, 0, 0, 1, 1];

/** logpCurrent = logpOld + s on response tokens; padding holds garbage that must never matter. */
function specWithLogRatios(logRatios: number[][], extra: Partial<BatchSpec> = {}): BatchSpec {
  const garbage = [Number.NEGATIVE_INFINITY, 1e3];
  return {
    logpCurrent: old.map((row, i) =>
      row.map((o, t) => (mask[i][t] ? o + logRatios[i][t] : garbage[(i + t) % 2])),
    ),
    logpOld: old,
    mask,
    rewards,
    groups,
    prompts: 2,
    ...extra,
  };
}

/** s_t as tf sees them: the difference of the float32 log-probs. */
function float32LogRatios(spec: BatchSpec): number[][] {
  return spec.logpCurrent.map((row, i) =>
    row.map((c, t) => (mask[i][t] ? Math.fround(c) - Math.fround(spec.logpOld[i][t]) : 0)),
  );
}

const ln = Math.log;
// Token ratios chosen on both sides of both clip ranges, for positive (rows 0, 3) and negative
// (rows 1, 2, 4) advantages; the last column of rows 1 and 2 is padding.
const tokenRatios = [
  [1.25, 0.7, 1.1], // A > 0: 1.25 is clipped by GRPO (> 1.2) but not by DAPO (< 1.28); 0.7 is not clipped
  [1.5, 0.75, 1], // A < 0: 1.5 is not clipped (the unbounded side), 0.75 is clipped (< 0.8)
  [0.9, 1, 1], // A < 0: inside
  [1.3, 1.05, 0.5], // A > 0: 1.3 is clipped by both, 0.5 is not
  [0.85, 1.22, 0.6], // A < 0: 0.6 is clipped, 1.22 is not
];
const tokenSpec = specWithLogRatios(tokenRatios.map((row) => row.map(ln)));

const expectedAdvantages = [
  2 / Math.sqrt(3),
  -1 / Math.sqrt(3),
  -1 / Math.sqrt(3),
  Math.SQRT1_2,
  -Math.SQRT1_2,
];

/** Loss and gradient of one clipped surrogate term -A*ratio with respect to log ratio, by hand. */
function surrogate(ratio: number, advantage: number, clip: ClipRange): { loss: number; slope: number } {
  const clipped = Math.min(Math.max(ratio, 1 - clip.low), 1 + clip.high);
  const gradientKept = advantage > 0 ? ratio <= 1 + clip.high : ratio >= 1 - clip.low;
  return {
    loss: Math.max(-advantage * ratio, -advantage * clipped),
    slope: gradientKept ? -advantage * ratio : 0,
  };
}

function lengthOf(i: number): number {
  return mask[i].reduce((a, b) => a + b, 0);
}

function tokenLevelReference(spec: BatchSpec, clip: ClipRange, aggregation: "sequence" | "token") {
  const s = float32LogRatios(spec);
  const advantages = groupAdvantages(rewards, groups);
  const tokens = mask.flat().reduce((a, b) => a + b, 0);
  const weight = (i: number) => (aggregation === "sequence" ? 1 / (mask.length * lengthOf(i)) : 1 / tokens);
  let loss = 0;
  const gradient = s.map((row, i) =>
    row.map((st, t) => {
      if (!mask[i][t]) return 0;
      const term = surrogate(Math.exp(st), advantages[i], clip);
      loss += weight(i) * term.loss;
      return weight(i) * term.slope;
    }),
  );
  return { loss, gradient };
}

function objectiveLoss(name: "grpo" | "dapo" | "gspo", spec: BatchSpec) {
  const objective = createObjective(name, { kl: null });
  return lossAndGradient(spec, (batch) => objective(batch).loss);
}

function metricsOf(name: "grpo" | "dapo" | "gspo", spec: BatchSpec) {
  const batch = batchWith(spec, tf.tensor2d(spec.logpCurrent));
  const { loss, metrics } = createObjective(name, { kl: null })(batch);
  tf.dispose([loss, batch.logpCurrent, batch.logpOld, batch.mask]);
  return metrics;
}

describe("group-normalised advantages", () => {
  it("use the sample std (n - 1) and 1e-6 in the denominator", () => {
    const advantages = groupAdvantages(rewards, groups);
    assertAllClose(advantages, expectedAdvantages, 1e-5);
    assertClose(advantages[0], 2 / 3 / (Math.sqrt(1 / 3) + 1e-6), 1e-12);
  });

  it("are 0 for all-correct and all-wrong groups and r / (1 + 1e-6) for a group of one", () => {
    assert.deepEqual(groupAdvantages([1, 1, 0, 0, 0], [0, 0, 1, 1, 1]), [0, 0, 0, 0, 0]);
    assert.deepEqual(groupAdvantages([1, 0], [0, 1]), [1 / (1 + 1e-6), 0]);
  });
});

describe("GRPO", () => {
  it("matches the hand-computed clipped surrogate, sequence-mean of token-mean, loss and gradient", () => {
    const expected = tokenLevelReference(tokenSpec, GRPO_CLIP, "sequence");
    const actual = objectiveLoss("grpo", tokenSpec);
    assertClose(actual.loss, expected.loss, 1e-6, "loss");
    assertAllClose(actual.gradient.flat(), expected.gradient.flat(), 1e-6, "gradient");
  });

  it("reports the share of clipped response tokens: 4 of 12", () => {
    assertClose(metricsOf("grpo", tokenSpec).clipFraction!, 4 / 12, 1e-7);
  });

  it("adds beta = 0.001 times the k3 KL to the reference by default", () => {
    const reference = old.map((row) => row.map((o) => o - 0.3));
    const spec = { ...tokenSpec, logpRef: reference };
    const s = float32LogRatios(spec);
    let k3Sum = 0;
    for (const [i, row] of s.entries()) {
      for (const t of row.keys()) {
        if (!mask[i][t]) continue;
        const d = Math.fround(reference[i][t]) - Math.fround(spec.logpCurrent[i][t]);
        k3Sum += Math.exp(d) - d - 1;
      }
    }
    const withKl = lossAndGradient(spec, (batch) => createObjective("grpo")(batch).loss);
    const expected = tokenLevelReference(spec, GRPO_CLIP, "sequence").loss + (0.001 * k3Sum) / 12;
    assertClose(withKl.loss, expected, 1e-6);
  });
});

describe("DAPO", () => {
  it("matches the hand-computed asymmetric clip with token-mean aggregation, loss and gradient", () => {
    const expected = tokenLevelReference(tokenSpec, DAPO_CLIP, "token");
    const actual = objectiveLoss("dapo", tokenSpec);
    assertClose(actual.loss, expected.loss, 1e-6, "loss");
    assertAllClose(actual.gradient.flat(), expected.gradient.flat(), 1e-6, "gradient");
  });

  it("keeps the gradient of a positive token at ratio 1.25, which GRPO clips", () => {
    const dapo = objectiveLoss("dapo", tokenSpec).gradient[0][0];
    const grpo = objectiveLoss("grpo", tokenSpec).gradient[0][0];
    assertClose(dapo, (-expectedAdvantages[0] * 1.25) / 12, 1e-6);
    assert.equal(grpo, 0);
    assertClose(metricsOf("dapo", tokenSpec).clipFraction!, 3 / 12, 1e-7);
  });

  it("weighs tokens equally where GRPO weighs rollouts equally", () => {
    // Row 2 has one response token: GRPO gives it the weight of a whole rollout (1/5), DAPO 1/12.
    const advantage = expectedAdvantages[2];
    assertClose(objectiveLoss("grpo", tokenSpec).gradient[2][0], (-advantage * 0.9) / 5, 1e-6);
    assertClose(objectiveLoss("dapo", tokenSpec).gradient[2][0], (-advantage * 0.9) / 12, 1e-6);
  });
});

describe("GSPO", () => {
  // Token log-ratios whose means sit inside, above and below the tiny range [1 - 3e-4, 1 + 4e-4].
  const sequenceLogRatios = [
    [1e-4, 3e-4, 2e-4], // A > 0, mean 2e-4: inside
    [-2e-3, 0, 0], // A < 0, mean -1e-3: below, clipped
    [1e-3, 0, 0], // A < 0, mean 1e-3: above, not clipped (the unbounded side)
    [3e-3, 0, 0], // A > 0, mean 1e-3: above, clipped
    [-3e-4, 0, 0], // A < 0, mean -1e-4: inside
  ];
  const spec = specWithLogRatios(sequenceLogRatios);

  function reference(batch: BatchSpec) {
    const s = float32LogRatios(batch);
    const advantages = groupAdvantages(batch.rewards, batch.groups);
    let loss = 0;
    const gradient = s.map((row, i) => {
      const mean = row.reduce((a, b) => a + b, 0) / lengthOf(i);
      const capped = Math.min(mean, 10);
      const term = surrogate(Math.exp(capped), advantages[i], GSPO_CLIP);
      loss += term.loss / s.length;
      const slope = mean <= 10 ? term.slope : 0;
      return row.map((_, t) => (mask[i][t] ? slope / (s.length * lengthOf(i)) : 0));
    });
    return { loss, gradient };
  }

  it("matches the hand-computed sequence ratio and tiny clip range, loss and gradient", () => {
    const expected = reference(spec);
    const actual = objectiveLoss("gspo", spec);
    assertClose(actual.loss, expected.loss, 1e-6, "loss");
    assertAllClose(actual.gradient.flat(), expected.gradient.flat(), 1e-6, "gradient");
    assert.equal(actual.gradient[1][0], 0);
    assert.equal(actual.gradient[3][0], 0);
    // Clipped rollouts 1 and 3 hold 2 + 3 of the 12 response tokens.
    assertClose(metricsOf("gspo", spec).clipFraction!, 5 / 12, 1e-7);
  });

  it("caps the log ratio at 10, cutting the gradient of a negative that drifted far up", () => {
    const drifted = specWithLogRatios([
      [0, 0, 0],
      [24, 12, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const expected = reference(drifted);
    const actual = objectiveLoss("gspo", drifted);
    // Rollout 1 contributes -A * e^10 / 5 rather than -A * e^18 / 5; the others, at ratio 1, -A / 5.
    const advantages = groupAdvantages(rewards, groups);
    const literal = advantages.reduce(
      (a, advantage, i) => a - (advantage * (i === 1 ? Math.exp(10) : 1)) / 5,
      0,
    );
    assertClose(expected.loss, literal, 1e-9);
    assertClose(actual.loss / literal, 1, 1e-6, "loss ratio");
    assertAllClose(actual.gradient.flat(), expected.gradient.flat(), 1e-6, "gradient");
    assert.deepEqual(actual.gradient[1], [0, 0, 0]);
  });
});

describe("k3 KL penalty", () => {
  it("equals beta * mean over response tokens of exp(ref - cur) - (ref - cur) - 1, and its gradient", () => {
    const reference = old.map((row, i) => row.map((o, t) => o + 0.2 * (i - t)));
    const beta = 0.5;
    const spec = { ...tokenSpec, logpRef: reference };
    let expectedLoss = 0;
    const expectedGradient = spec.logpCurrent.map((row, i) =>
      row.map((c, t) => {
        if (!mask[i][t]) return 0;
        const d = Math.fround(reference[i][t]) - Math.fround(c);
        expectedLoss += (beta * (Math.exp(d) - d - 1)) / 12;
        return (beta * (1 - Math.exp(d))) / 12;
      }),
    );
    const actual = lossAndGradient(spec, (batch) =>
      k3KlPenalty(batch.logpCurrent, batch.logpRef!, batch.mask, beta),
    );
    assertClose(actual.loss, expectedLoss, 1e-6, "loss");
    assertAllClose(actual.gradient.flat(), expectedGradient.flat(), 1e-6, "gradient");
  });

  it("against the old policy is zero, with zero gradient, while pi_theta equals pi_old", () => {
    const onPolicy = specWithLogRatios(old.map((row) => row.map(() => 0)));
    const objective = createObjective("real", { kl: { beta: 1, against: "old" } });
    const actual = lossAndGradient(onPolicy, (batch) => {
      const result = objective(batch);
      assert.equal(result.metrics.klPenalty, 0);
      return result.loss;
    });
    assert.ok(actual.gradient.flat().every((g) => Number.isFinite(g)));
  });
});
