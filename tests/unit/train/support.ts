import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { type TrainConfigInput, TrainConfigSchema } from "../../../learner/train/config.ts";
import type { GraderClient } from "../../../shared/clients/grader.ts";
import type { GradeRequest, Verdict } from "../../../shared/contracts/grading.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";

// The cpu backend: bit-for-bit reproducible, which resume tests rely on.
await tf.setBackend("cpu");

/**
 * A verifier for untrained models, which never answer right: a response "is correct" when it holds
 * a 7, so that groups come out mixed and the objectives have something to learn from.
 */
export function sevenGrader(): GraderClient {
  const verdict = (item: GradeRequest): Verdict => ({
    correct: item.response.includes("7"),
    status: "ok",
    extracted: null,
    extractedBy: null,
    normalized: { response: null, gold: null },
    matchedGold: null,
    method: "none",
    elapsedMs: 0,
  });
  return {
    grade: async (item) => verdict(item),
    gradeMany: async (items) => items.map(verdict),
    close: async () => {},
  };
}

export function microTrainConfig(overrides: Partial<TrainConfigInput> = {}) {
  return TrainConfigSchema.parse({
    seed: 5,
    model: { config: MICRO_MODEL },
    task: { kind: "curriculum", trainSize: 200, testSize: 10 },
    steps: 4,
    batchPrompts: 4,
    groupSize: 4,
    miniBatchPrompts: 2,
    maxResponseTokens: 8,
    optimizer: { lr: 1e-2, weightDecay: 0.01 },
    eval: { every: 2, k: 2, problems: 5 },
    checkpointEvery: 1,
    keepCheckpoints: 0,
    ...overrides,
  });
}

export function snapshot(params: Record<string, tf.Variable>): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(params).map(([n, v]) => [n, v.dataSync().slice() as Float32Array]),
  );
}
