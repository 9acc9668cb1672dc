import "@tensorflow/tfjs-backend-cpu";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { AdamW } from "../../../learner/optim/adamw.ts";
import { learningRateAt, ScheduleSchema } from "../../../learner/optim/schedule.ts";

await tf.setBackend("cpu");

const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-6) => {
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
  }
};

describe("AdamW", () => {
  it("matches a hand-computed step with decoupled weight decay and global-norm clipping", () => {
    const p = { w: tf.variable(tf.tensor1d([1, -2])), b: tf.variable(tf.tensor1d([0.5])) };
    const optimizer = new AdamW({
      lr: 0.1,
      weightDecay: 0.1,
      maxGradNorm: 1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
    });
    // Global norm of (3, 4, 12) is 13: every gradient is scaled by 1 / 13.
    const report = optimizer.apply(p, { w: tf.tensor1d([3, 4]), b: tf.tensor1d([12]) });
    assert.ok(Math.abs(report.gradNorm - 13) < 1e-5);
    // Step 1: corrected moments are g and g^2, so the Adam direction is g / (|g| + eps) = sign(g).
    const step1 = (x: number, g: number) => x * (1 - 0.1 * 0.1) - (0.1 * g) / (Math.abs(g) + 1e-8);
    close(p.w.dataSync(), [step1(1, 3 / 13), step1(-2, 4 / 13)]);
    close(p.b.dataSync(), [step1(0.5, 12 / 13)]);

    // Step 2, unclipped (norm 0.5): the bias corrections 1 - 0.9^2 and 1 - 0.999^2 apply.
    const before = [...p.w.dataSync()];
    optimizer.apply(p, { w: tf.tensor1d([-0.3, 0.4]), b: tf.tensor1d([0]) });
    const expected = before.map((x, i) => {
      const g1 = [3 / 13, 4 / 13][i]!;
      const g2 = [-0.3, 0.4][i]!;
      const m = 0.9 * 0.1 * g1 + 0.1 * g2;
      const v = 0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2;
      const denom = Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-8;
      return x * (1 - 0.01) - (0.1 / (1 - 0.9 ** 2)) * (m / denom);
    });
    close(p.w.dataSync(), expected);
    optimizer.dispose();
  });

  it("restores moments and step from its saved state exactly", async () => {
    const make = () => ({ w: tf.variable(tf.tensor1d([0.3, -0.7, 1.1])) });
    const grads = [tf.tensor1d([0.2, -0.1, 0.4]), tf.tensor1d([-0.5, 0.3, 0.1])];
    const config = {
      lr: 0.01,
      weightDecay: 0.01,
      schedule: { kind: "cosine" as const, warmupSteps: 1, totalSteps: 4 },
    };
    const straight = new AdamW(config);
    const a = make();
    straight.apply(a, { w: grads[0]! });
    const saved = await straight.stateTensors();
    const resumed = new AdamW(config);
    resumed.loadState(saved, straight.step);
    const b = { w: tf.variable(a.w.clone()) };
    straight.apply(a, { w: grads[1]! });
    resumed.apply(b, { w: grads[1]! });
    assert.deepEqual([...b.w.dataSync()], [...a.w.dataSync()]);
    assert.equal(resumed.step, 2);
  });
});

describe("learning-rate schedules", () => {
  it("warms up linearly, then holds, decays linearly or along a cosine", () => {
    const constant = ScheduleSchema.parse({ kind: "constant", warmupSteps: 4 });
    assert.deepEqual(
      [1, 2, 4, 5, 100].map((s) => learningRateAt(1, constant, s)),
      [0.25, 0.5, 1, 1, 1],
    );
    const linear = ScheduleSchema.parse({ kind: "linear", warmupSteps: 2, totalSteps: 12, minRatio: 0 });
    assert.deepEqual(
      [2, 7, 12, 20].map((s) => learningRateAt(2, linear, s)),
      [2, 1, 0, 0],
    );
    const cosine = ScheduleSchema.parse({ kind: "cosine", totalSteps: 10, minRatio: 0.1 });
    close(
      [0, 5, 10].map((s) => learningRateAt(1, cosine, s)),
      [1, 0.55, 0.1],
      1e-12,
    );
  });

  it("refuses a decay without its length", () => {
    assert.throws(() => ScheduleSchema.parse({ kind: "cosine" }), /totalSteps/);
  });
});
