/**
 * The memory estimate behind `rlvr train --dry-run` against what TensorFlow.js allocates: tf.profile's
 * peak bytes of the trainer's own update and of sampling, on the cpu backend, for a few shapes. The
 * estimate must not fall short of the measurement, nor exceed it by more than 60 %.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { parseModelConfig } from "../../../learner/model/config.ts";
import { generate } from "../../../learner/model/generate.ts";
import { countParams, createParams, disposeParams } from "../../../learner/model/params.ts";
import { createObjective } from "../../../learner/objectives/index.ts";
import { AdamW } from "../../../learner/optim/adamw.ts";
import { estimateTrainingMemory, parameterCount } from "../../../learner/train/memory.ts";
import type { Group } from "../../../learner/train/rollouts.ts";
import { updateOnGroups } from "../../../learner/train/update.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import "./support.ts";

interface Case {
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  intermediateSize: number;
  vocabSize: number;
  prompts: number;
  groupSize: number;
  promptTokens: number;
  responseTokens: number;
  microBatch?: number;
}

const CASES: Case[] = [
  {
    hiddenSize: 64,
    numLayers: 2,
    numHeads: 4,
    numKvHeads: 2,
    intermediateSize: 128,
    vocabSize: 100,
    prompts: 2,
    groupSize: 4,
    promptTokens: 12,
    responseTokens: 20,
  },
  {
    hiddenSize: 128,
    numLayers: 3,
    numHeads: 8,
    numKvHeads: 2,
    intermediateSize: 256,
    vocabSize: 3000,
    prompts: 2,
    groupSize: 4,
    promptTokens: 20,
    responseTokens: 60,
    microBatch: 1,
  },
  {
    hiddenSize: 32,
    numLayers: 4,
    numHeads: 4,
    numKvHeads: 1,
    intermediateSize: 64,
    vocabSize: 30000,
    prompts: 1,
    groupSize: 8,
    promptTokens: 16,
    responseTokens: 40,
    microBatch: 3,
  },
];

/** Peak bytes allocated while `run` runs, above what was allocated before. */
async function peakOf(run: () => unknown): Promise<number> {
  const before = tf.memory().numBytes;
  const profile = await tf.profile(async () => {
    await run();
  });
  return profile.peakBytes - before;
}

function groupsOf(c: Case): Group[] {
  const rng = seededRng(3);
  const tokens = (n: number) => Array.from({ length: n }, () => 4 + rng.int(c.vocabSize - 4));
  return Array.from({ length: c.prompts }, (_, p) => {
    const prompt = tokens(c.promptTokens);
    return {
      problem: { id: `p${p}`, problem: "", gold: "" },
      rewards: Array.from({ length: c.groupSize }, (_, j) => j % 2),
      rollouts: Array.from({ length: c.groupSize }, () => ({
        prompt,
        response: tokens(c.responseTokens),
        text: "",
        finished: false,
      })),
    };
  });
}

function assertBounds(estimate: number, measured: number, what: string) {
  assert.ok(measured > 0, `${what}: nothing measured`);
  assert.ok(estimate >= measured, `${what}: estimated ${estimate} bytes, measured ${measured}`);
  assert.ok(
    estimate <= 1.6 * measured,
    `${what}: estimated ${estimate} bytes, over 1.6 x the measured ${measured}`,
  );
}

describe("the training memory estimate", () => {
  for (const c of CASES) {
    const label = `hidden ${c.hiddenSize}, vocabulary ${c.vocabSize}, micro-batch ${c.microBatch ?? "none"}`;
    it(`bounds the update's and sampling's peaks closely (${label})`, async () => {
      const { prompts, groupSize, promptTokens, responseTokens, microBatch, ...sizes } = c;
      const config = parseModelConfig({ ...sizes, maxPositions: 512, tieEmbeddings: true });
      const model = { config, params: createParams(config, 1) };
      const optimizer = new AdamW({ lr: 1e-3 });
      const rollouts = c.prompts * c.groupSize;
      try {
        assert.equal(parameterCount(config), countParams(model.params));
        const estimate = estimateTrainingMemory(config, {
          microBatch: c.microBatch ?? rollouts,
          accumulating: (c.microBatch ?? rollouts) < rollouts,
          promptTokens: c.promptTokens,
          responseTokens: c.responseTokens,
          samplingPrompts: c.prompts,
          groupSize: c.groupSize,
          reference: false,
        });
        const groups = groupsOf(c);
        const update = await peakOf(() =>
          updateOnGroups(
            {
              model,
              padId: 0,
              optimizer,
              objective: createObjective("real"),
              temperature: 1,
              miniBatchPrompts: c.prompts,
              microBatch: c.microBatch,
            },
            groups,
          ),
        );
        // The update's first step also creates AdamW's moments.
        const { parts } = estimate;
        assertBounds(parts.optimizer + parts.gradients + parts.activations, update, `${label}, update`);
        const sampling = await peakOf(() => {
          generate(
            model,
            groups.map((g) => g.rollouts[0]!.prompt),
            {
              groupSize: c.groupSize,
              maxNewTokens: c.responseTokens,
              temperature: 1,
              eosIds: [],
              padId: 0,
              rng: seededRng(1),
            },
          );
        });
        assertBounds(parts.sampling, sampling, `${label}, sampling`);
      } finally {
        optimizer.dispose();
        disposeParams(model.params);
      }
    });
  }
});
