import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { createObjective, type ObjectiveName, objectiveNames } from "../../../learner/objectives/index.ts";
import { realLossFromScores } from "../../../learner/objectives/real.ts";
import { assertClose, type BatchSpec, batchWith, lossAndGradient } from "./support.ts";

const spec: BatchSpec = {
  logpCurrent: [
    [-0.5, -1, -0.25],
    [-2, -0.75, 0],
    [-1, -1.5, -0.5],
    [-0.25, 0, 0],
  ],
  logpOld: [
    [-1, -1, -1],
    [-1, -1, 0],
    [-1, -1, -1],
    [-1, 0, 0],
  ],
  logpRef: [
    [-1, -1, -1],
    [-1, -1, 0],
    [-1, -1, -1],
    [-1, 0, 0],
  ],
  mask: [
    [1, 1, 1],
    [1, 1, 0],
    [1, 1, 1],
    [1, 0, 0],
  ],
  rewards: [1, 0, 1, 1],
  groups: [0, 0, 1, 1],
  prompts: 3,
};
// Scores (token-mean of s_t): 0.41666.., -0.375, 0, 0.75.
const scores = [(0.5 + 0 + 0.75) / 3, (-1 + 0.25) / 2, (0 - 0.5 + 0.5) / 3, 0.75];

function run(name: ObjectiveName, options = {}, batchSpec = spec) {
  const batch = batchWith(batchSpec, tf.tensor2d(batchSpec.logpCurrent));
  const { loss, metrics } = createObjective(name, options)(batch);
  const value = loss.dataSync()[0];
  tf.dispose([loss, batch.logpCurrent, batch.logpOld, batch.mask, ...(batch.logpRef ? [batch.logpRef] : [])]);
  return { loss: value, metrics };
}

describe("objective registry", () => {
  it("knows the six objectives and defaults to REAL with tau = 0.5", () => {
    assert.deepEqual([...objectiveNames], ["real", "real-bce", "real-no-anchor", "grpo", "dapo", "gspo"]);
    const expected = tf.tidy(
      () => realLossFromScores(tf.tensor1d(scores), spec.rewards, spec.groups, 3, 0.5).dataSync()[0],
    );
    const batch = batchWith(spec, tf.tensor2d(spec.logpCurrent));
    const loss = createObjective()(batch).loss;
    assertClose(loss.dataSync()[0], expected, 1e-6);
  });

  it("passes tau through to the REAL family", () => {
    const expected = tf.tidy(
      () => realLossFromScores(tf.tensor1d(scores), spec.rewards, spec.groups, 3, 1).dataSync()[0],
    );
    assertClose(run("real", { tau: 1 }).loss, expected, 1e-6);
    assert.notEqual(run("real-bce", { tau: 1 }).loss, run("real-bce").loss);
  });

  it("reports valid-group share, mean scores per label and the approximate KL to pi_old", () => {
    const { metrics } = run("real");
    assertClose(metrics.validGroupShare, 1 / 3, 1e-12);
    assertClose(metrics.meanPositiveScore!, (scores[0] + scores[2] + scores[3]) / 3, 1e-6);
    assertClose(metrics.meanNegativeScore!, scores[1], 1e-6);
    // Sum of s_t over the 9 response tokens is 0.5 + 0 + 0.75 - 1 + 0.25 + 0 - 0.5 + 0.5 + 0.75.
    assertClose(metrics.approxKlToOld, -1.25 / 9, 1e-6);
    assert.equal(metrics.clipFraction, undefined);
    assert.equal(run("real", {}, { ...spec, rewards: [1, 1, 1, 1] }).metrics.meanNegativeScore, null);
  });

  it("gives GRPO its KL to the reference (beta 0.001) unless turned off, and needs logpRef for it", () => {
    const withKl = run("grpo");
    const withoutKl = run("grpo", { kl: null });
    assert.ok(withKl.metrics.klPenalty! > 0);
    assertClose(withKl.loss - withoutKl.loss, withKl.metrics.klPenalty!, 1e-6);
    assert.equal(withoutKl.metrics.klPenalty, undefined);
    const { logpRef: _, ...withoutReference } = spec;
    assert.throws(() => run("grpo", {}, withoutReference), /logpRef/);
    assert.equal(run("dapo").metrics.klPenalty, undefined);
  });

  it("adds a KL term to any objective on request", () => {
    const plain = run("gspo");
    const penalised = run("gspo", { kl: { beta: 0.1, against: "old" } });
    assert.ok(penalised.metrics.klPenalty! > 0);
    assertClose(penalised.loss - plain.loss, penalised.metrics.klPenalty!, 1e-6);
  });

  it("rejects unknown names, misplaced options and inconsistent batches", () => {
    assert.throws(() => createObjective("ppo" as ObjectiveName), /unknown objective "ppo"/);
    assert.throws(() => createObjective("grpo", { tau: 0.5 }), /takes no tau/);
    assert.throws(() => createObjective("real", { clip: { low: 0.2, high: 0.2 } }), /takes no clip/);
    assert.throws(() => createObjective("real", { tau: 0 }), /tau/);
    assert.throws(() => run("real", {}, { ...spec, rewards: [1, 0, 1, 0.5] }), /reward of rollout 3/);
    assert.throws(() => run("real", {}, { ...spec, groups: [0, 0, 1, 3] }), /outside \[0, 3\)/);
    assert.throws(
      () => run("real", {}, { ...spec, mask: [...spec.mask.slice(0, 3), [0, 0, 0]] }),
      /no response/,
    );
  });

  it("does not leak tensors", () => {
    const run = () => {
      for (const name of objectiveNames) {
        const objective = createObjective(name);
        lossAndGradient(spec, (batch) => objective(batch).loss);
      }
    };
    run();
    const before = tf.memory().numTensors;
    run();
    assert.equal(tf.memory().numTensors, before);
  });
});

describe("gradients through a whole objective", () => {
  it("flow to logpCurrent for every objective on a batch with valid groups", () => {
    for (const name of objectiveNames) {
      const objective = createObjective(name);
      const { gradient } = lossAndGradient(spec, (batch) => objective(batch).loss);
      assert.ok(gradient.flat().every(Number.isFinite), name);
      // GSPO's range is so tight that both its informative rollouts here are clipped to zero gradient.
      if (name !== "gspo")
        assert.ok(
          gradient.flat().some((g) => g !== 0),
          name,
        );
    }
  });
});
