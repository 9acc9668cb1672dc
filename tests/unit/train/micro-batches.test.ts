/**
 * Micro-batches with gradient accumulation: an update taken a few rollouts at a time equals the
 * update of the whole mini-batch at once (gradients, loss, metrics and the updated weights), for
 * REAL and for GRPO with its KL term against the reference, and SFT's update likewise.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../../../learner/model/forward.ts";
import { createParams, disposeParams } from "../../../learner/model/params.ts";
import { createObjective, type ObjectiveName } from "../../../learner/objectives/index.ts";
import { AdamW } from "../../../learner/optim/adamw.ts";
import { curriculum } from "../../../learner/tasks/curriculum.ts";
import {
  CHAR_EOS_ID,
  CHAR_PAD_ID,
  CHAR_VOCAB_SIZE,
  charTokenizer,
} from "../../../learner/tokenizers/char.ts";
import { packMicroBatches } from "../../../learner/train/micro-batches.ts";
import { charPrompts } from "../../../learner/train/prompt-format.ts";
import type { Group } from "../../../learner/train/rollouts.ts";
import { sftUpdate } from "../../../learner/train/sft.ts";
import { updateOnGroups } from "../../../learner/train/update.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import "./support.ts";

function tokens(length: number, seed: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length }, () => 4 + rng.int(CHAR_VOCAB_SIZE - 4));
}

/** Four prompts of different lengths, four responses each of different lengths, mixed rewards. */
function fixedGroups(): Group[] {
  const rewards = [
    [1, 0, 0, 1],
    [1, 1, 1, 1],
    [0, 1, 0, 0],
    [0, 0, 1, 1],
  ];
  return rewards.map((groupRewards, p) => ({
    problem: { id: `p${p}`, problem: "", gold: "" },
    rewards: groupRewards,
    rollouts: groupRewards.map((_, j) => {
      const body = tokens(2 + ((3 * p + j) % 6), 200 + 10 * p + j);
      return {
        prompt: tokens(3 + 2 * p, 100 + p),
        response: j % 2 === 0 ? [...body, CHAR_EOS_ID] : body,
        text: "",
        finished: j % 2 === 0,
      };
    }),
  }));
}

/** AdamW that keeps a copy of every gradient it is handed. */
class RecordingAdamW extends AdamW {
  readonly seen: Record<string, Float32Array> = {};

  override apply(params: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>) {
    for (const [name, grad] of Object.entries(grads)) {
      this.seen[`update ${this.step + 1}: ${name}`] = grad.dataSync().slice() as Float32Array;
    }
    return super.apply(params, grads);
  }
}

interface Outcome {
  metrics: Record<string, number>[];
  gradients: Record<string, Float32Array>;
  weights: Record<string, Float32Array>;
}

const policy = (seed: number): Model => ({ config: MICRO_MODEL, params: createParams(MICRO_MODEL, seed) });

/** Two steps of two mini-batches (two prompts, eight rollouts each) with `microBatch` rollouts per pass. */
async function trainerSteps(loss: ObjectiveName, microBatch: number | undefined): Promise<Outcome> {
  const model = policy(7);
  const reference = policy(8);
  // eps 1e-3: Adam's first steps are lr * g / (|g| + eps), which would magnify float32 rounding of
  // near-zero gradient elements into visibly different weights.
  const optimizer = new RecordingAdamW({ lr: 1e-2, eps: 1e-3, weightDecay: 0.1 });
  try {
    const context = {
      model,
      reference,
      padId: CHAR_PAD_ID,
      optimizer,
      objective: createObjective(loss),
      temperature: 0.7,
      miniBatchPrompts: 2,
      microBatch,
    };
    const metrics: Record<string, number>[] = [];
    for (const _ of [1, 2]) {
      const { updates, ...values } = await updateOnGroups(context, fixedGroups());
      assert.equal(updates, 2);
      metrics.push(
        Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "number")) as Record<
          string,
          number
        >,
      );
    }
    const weights = Object.fromEntries(
      Object.entries(model.params).map(([n, v]) => [n, v.dataSync().slice() as Float32Array]),
    );
    return { metrics, gradients: optimizer.seen, weights };
  } finally {
    optimizer.dispose();
    disposeParams(model.params);
    disposeParams(reference.params);
  }
}

/** |a - b| within `relative` of the largest magnitude of `b`, entry by entry. */
function assertAllClose(a: ArrayLike<number>, b: ArrayLike<number>, relative: number, what: string) {
  assert.equal(a.length, b.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) {
    assert.ok(
      Math.abs(a[i]! - b[i]!) <= relative * scale + 1e-7,
      `${what}[${i}]: ${a[i]} against ${b[i]} (scale ${scale})`,
    );
  }
}

function assertSameOutcome(actual: Outcome, expected: Outcome, label: string) {
  assert.deepEqual(Object.keys(actual.gradients).sort(), Object.keys(expected.gradients).sort());
  for (const [key, g] of Object.entries(expected.gradients)) {
    assert.ok(
      g.some((x) => x !== 0),
      `${label}, ${key}: a zero gradient compares nothing`,
    );
    assertAllClose(actual.gradients[key]!, g, 1e-4, `${label}, gradient ${key}`);
  }
  for (const [name, w] of Object.entries(expected.weights))
    assertAllClose(actual.weights[name]!, w, 1e-5, `${label}, weights ${name}`);
  expected.metrics.forEach((step, i) => {
    for (const [key, value] of Object.entries(step))
      assertAllClose([actual.metrics[i]![key]!], [value], 1e-4, `${label}, step ${i + 1} ${key}`);
  });
}

describe("micro-batches with gradient accumulation", () => {
  for (const loss of ["real", "grpo"] as const) {
    it(`${loss}: the update in micro-batches equals the whole mini-batch's`, async () => {
      const whole = await trainerSteps(loss, undefined);
      for (const microBatch of [1, 3]) {
        assertSameOutcome(await trainerSteps(loss, microBatch), whole, `${loss}, micro-batch ${microBatch}`);
      }
    });
  }

  it("a micro-batch as large as the mini-batch is one pass", () => {
    const sequences = fixedGroups().flatMap((g) => g.rollouts);
    const packed = packMicroBatches(sequences, CHAR_PAD_ID, sequences.length);
    assert.equal(packed.microBatches.length, 1);
    assert.equal(packMicroBatches(sequences, CHAR_PAD_ID, 5).microBatches.length, 4);
  });

  it("sft: the update in micro-batches equals the whole batch's", () => {
    const tokenizer = charTokenizer();
    const problems = curriculum({ split: "train", size: 6, seed: 3 });
    const run = (microBatch: number | undefined) => {
      const model = policy(9);
      const optimizer = new RecordingAdamW({ lr: 1e-2, eps: 1e-3 });
      try {
        const report = sftUpdate(
          { model, tokenizer, prompts: charPrompts(tokenizer) },
          optimizer,
          problems,
          microBatch,
        );
        return { report, gradients: optimizer.seen };
      } finally {
        optimizer.dispose();
        disposeParams(model.params);
      }
    };
    const whole = run(undefined);
    assert.ok(whole.report.loss > 0);
    for (const microBatch of [1, 4]) {
      const parts = run(microBatch);
      assertAllClose(
        [parts.report.loss, parts.report.gradNorm],
        [whole.report.loss, whole.report.gradNorm],
        1e-5,
        "loss, norm",
      );
      for (const [key, g] of Object.entries(whole.gradients))
        assertAllClose(parts.gradients[key]!, g, 1e-4, `micro-batch ${microBatch}, ${key}`);
    }
  });
});
