import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SeedRecord } from "../../../learner/repro/curves.ts";
import { answerOverlap, heldOutFamilies, trainingAnswerOverlap } from "../../../learner/repro/held-out.ts";
import { type RunRecord, recordedWith, subsampleCurve } from "../../../learner/repro/run-record.ts";
import { HELD_OUT_ANSWER_PERCENT } from "../../../learner/tasks/curriculum.ts";
import { TrainConfigSchema } from "../../../learner/train/config.ts";

const steps = (n: number, every: number): SeedRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    step: i + 1,
    entropy: i + 1,
    meanReward: (i + 1) / n,
    ...((i + 1) % every === 0 && { valPass1: (i + 1) / (2 * n) }),
  }));

describe("run records", () => {
  it("keeps short curves point for point", () => {
    const records = [{ step: 0, valPass1: 0.1 }, ...steps(10, 5)];
    const { blockSteps, curve } = subsampleCurve(records, 10);
    assert.equal(blockSteps, 1);
    assert.deepEqual(curve, records);
  });

  it("averages long curves over blocks, each point at its block's last step, validations kept", () => {
    const records = [{ step: 0, valPass1: 0 }, ...steps(400, 40)];
    const { blockSteps, curve } = subsampleCurve(records, 400);
    assert.equal(blockSteps, 4);
    const perStep = curve.filter((p) => p.entropy !== undefined);
    assert.equal(perStep.length, 100);
    assert.deepEqual(
      perStep.slice(0, 2).map((p) => [p.step, p.entropy]),
      [
        [4, 2.5],
        [8, 6.5],
      ],
    );
    assert.equal(perStep.at(-1)!.step, 400);
    assert.deepEqual(
      curve.filter((p) => p.valPass1 !== undefined).map((p) => p.step),
      [0, 40, 80, 120, 160, 200, 240, 280, 320, 360, 400],
    );
  });

  it("cuts a budget that is not a multiple of the block into a shorter last block", () => {
    const { blockSteps, curve } = subsampleCurve(steps(205, 1000), 205);
    assert.equal(blockSteps, 3);
    assert.ok(curve.length <= 100);
    assert.deepEqual(curve.at(-2), { step: 204, entropy: 203, meanReward: 203 / 205 });
    assert.deepEqual(curve.at(-1), { step: 205, entropy: 205, meanReward: 1 });
  });

  it("spreads more validation points than the cap evenly, first and last kept", () => {
    const { curve } = subsampleCurve(steps(300, 1), 300);
    const validations = curve.filter((p) => p.valPass1 !== undefined).map((p) => p.step);
    assert.equal(validations.length, 100);
    assert.equal(validations[0], 1);
    assert.equal(validations.at(-1), 300);
  });

  it("matches a config by everything but the start's path", () => {
    const config = { seed: 1, steps: 10, model: { checkpoint: "a/start" }, optimizer: { lr: 1e-4 } };
    const record = { config } as unknown as RunRecord;
    assert.ok(
      recordedWith(record, { optimizer: { lr: 1e-4 }, steps: 10, seed: 1, model: { checkpoint: "b" } }),
    );
    assert.ok(!recordedWith(record, { ...config, optimizer: { lr: 3e-4 } }));
    assert.ok(!recordedWith(record, { ...config, seed: 2 }));
  });
});

describe("answer overlap", () => {
  it("is the share of held-out problems whose gold answer training teaches in the same family", () => {
    const set = (name: string, golds: string[]) => ({
      name,
      path: "",
      skipped: [],
      problems: golds.map((gold, i) => ({ id: `${name}-${i}`, problem: `${name} ${i}`, gold })),
    });
    assert.deepEqual(
      answerOverlap(
        [set("arithmetic", ["1", "2", "3", "4"]), set("fraction", ["9", "2"])],
        [
          { gold: "2", kind: "arithmetic" },
          { gold: "4", kind: "arithmetic" },
          { gold: "9", kind: "linear" },
        ],
      ),
      { arithmetic: 0.5, fraction: 0 },
    );
  });

  it("is 0 for every family the study's answer split holds out", () => {
    const task = {
      kind: "curriculum",
      trainSize: 4000,
      testSize: 10,
      levels: [1, 2, 3],
      split: "answer",
    } as const;
    const families = heldOutFamilies(TrainConfigSchema.shape.task.parse(task), {
      problemsPerFamily: 100,
      k: 1,
      seed: 2026,
      temperature: 0.6,
    });
    const overlap = trainingAnswerOverlap(TrainConfigSchema.shape.task.parse(task), 1, families);
    for (const family of Object.keys(HELD_OUT_ANSWER_PERCENT)) assert.equal(overlap[family], 0, family);
    assert.ok(overlap.linear! > 0.9 && overlap.remainder! > 0.9, JSON.stringify(overlap));
  });
});
