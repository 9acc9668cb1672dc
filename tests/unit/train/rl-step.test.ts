import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { createParams, disposeParams } from "../../../learner/model/params.ts";
import { createObjective } from "../../../learner/objectives/index.ts";
import { AdamW } from "../../../learner/optim/adamw.ts";
import { curriculum } from "../../../learner/tasks/curriculum.ts";
import { charTokenizer } from "../../../learner/tokenizers/char.ts";
import type { Policy } from "../../../learner/train/policy.ts";
import { charPrompts } from "../../../learner/train/prompt-format.ts";
import { type Group, sampleGroups } from "../../../learner/train/rollouts.ts";
import { updateOnGroups } from "../../../learner/train/update.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import { sevenGrader, snapshot } from "./support.ts";

const problems = curriculum({ split: "train", size: 4, seed: 2 });

async function setup() {
  const tokenizer = charTokenizer();
  const policy: Policy = {
    model: { config: MICRO_MODEL, params: createParams(MICRO_MODEL, 3) },
    tokenizer,
    prompts: charPrompts(tokenizer),
  };
  const groups = await sampleGroups(
    policy,
    problems,
    { groupSize: 4, maxNewTokens: 8, temperature: 0.6, topP: 1, rng: seededRng(11) },
    sevenGrader(),
  );
  // Without weight decay, an update that sees no gradient leaves every weight exactly as it was.
  const optimizer = new AdamW({ lr: 1e-2, weightDecay: 0 });
  const context = {
    model: policy.model,
    padId: policy.tokenizer.padId,
    optimizer,
    objective: createObjective("real"),
    temperature: 0.6,
    miniBatchPrompts: 2,
  };
  return { policy, groups, optimizer, context };
}

function changed(before: Record<string, Float32Array>, after: Record<string, Float32Array>): number {
  return Object.keys(before).filter((n) => before[n]!.some((x, i) => x !== after[n]![i])).length;
}

describe("one REAL step on a tiny model", () => {
  it("samples, grades, updates per mini-batch and changes the weights", async () => {
    const { policy, groups, optimizer, context } = await setup();
    assert.ok(
      groups.some((g) => g.rewards.includes(0) && g.rewards.includes(1)),
      "a mixed group",
    );
    const before = snapshot(policy.model.params);
    const tensorsBefore = tf.memory().numTensors;
    const metrics = await updateOnGroups(context, groups);
    assert.equal(metrics.updates, 2);
    assert.ok(metrics.gradNorm > 0 && Number.isFinite(metrics.loss) && metrics.entropy > 0);
    assert.ok(changed(before, snapshot(policy.model.params)) > 0);
    // Only the optimizer's moments are new (two per parameter, created on the first update).
    const parameters = Object.keys(policy.model.params).length;
    assert.equal(tf.memory().numTensors, tensorsBefore + 2 * parameters);
    await updateOnGroups(context, groups);
    assert.equal(tf.memory().numTensors, tensorsBefore + 2 * parameters, "no tensor leaks per step");
    disposeParams(policy.model.params);
    optimizer.dispose();
  });

  it("learns nothing from all-correct or all-wrong groups", async () => {
    const { policy, groups, optimizer, context } = await setup();
    const uniform: Group[] = groups.map((g, i) => ({ ...g, rewards: g.rewards.map(() => i % 2) }));
    const before = snapshot(policy.model.params);
    const metrics = await updateOnGroups(context, uniform);
    assert.equal(metrics.loss, 0);
    assert.equal(metrics.gradNorm, 0);
    assert.equal(changed(before, snapshot(policy.model.params)), 0);
    disposeParams(policy.model.params);
    optimizer.dispose();
  });
});
