import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createObjective, objectiveNames } from "../../../learner/objectives/index.ts";
import { type BatchSpec, lossAndGradient } from "./support.ts";

// Three groups of at least two rollouts, each all correct or all wrong; log ratios far from 0 so
// that nothing is zero by accident, and garbage on the padding.
const spec: BatchSpec = {
  logpCurrent: [
    [-0.4, -2.2, -1],
    [-3, -0.1, Number.NEGATIVE_INFINITY],
    [-0.2, -0.9, -1.7],
    [-1.1, 5, 5],
    [-2.5, -0.3, -0.6],
    [-0.7, -1.4, 40],
  ],
  logpOld: [
    [-1, -1.5, -0.5],
    [-1.2, -0.8, 0],
    [-1.1, -0.3, -0.7],
    [-0.2, 0, 0],
    [-1, -1, -1],
    [-1.6, -0.2, 0],
  ],
  logpRef: [
    [-0.9, -1.1, -0.8],
    [-1, -1, 0],
    [-1, -1, -1],
    [-1, 0, 0],
    [-1, -1, -1],
    [-1, -1, 0],
  ],
  mask: [
    [1, 1, 1],
    [1, 1, 0],
    [1, 1, 1],
    [1, 0, 0],
    [1, 1, 1],
    [1, 1, 0],
  ],
  rewards: [1, 1, 0, 0, 1, 1],
  groups: [0, 0, 1, 1, 2, 2],
  prompts: 4,
};

describe("all-correct and all-wrong groups", () => {
  for (const name of objectiveNames) {
    it(`give ${name} a zero loss and a zero (not NaN) gradient that is still on the graph`, () => {
      const objective = createObjective(name, { kl: null });
      let validGroupShare = Number.NaN;
      const { loss, gradient } = lossAndGradient(spec, (batch) => {
        const result = objective(batch);
        validGroupShare = result.metrics.validGroupShare;
        return result.loss;
      });
      assert.ok(loss === 0, `loss ${loss}`);
      assert.deepEqual(
        gradient.flat().map((g) => g === 0),
        gradient.flat().map(() => true),
        `gradient ${gradient}`,
      );
      assert.equal(validGroupShare, 0);
    });
  }
});
