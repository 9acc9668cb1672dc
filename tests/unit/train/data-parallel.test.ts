/**
 * The data-parallel update (learner/parallel): REAL and GRPO training with two workers gives the
 * same rollouts, metrics and weights, bit for bit, as in one thread on the cpu backend, with rollouts
 * sampled in this thread or in shards by both lanes; a worker that fails ends the run with its
 * reason, and no worker outlives its pool.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createParams, disposeParams } from "../../../learner/model/params.ts";
import { decodeSafetensors } from "../../../learner/model/safetensors.ts";
import { startPolicyRunner } from "../../../learner/parallel/policy-runner.ts";
import { CHAR_PAD_ID } from "../../../learner/tokenizers/char.ts";
import { disposePacked, packMicroBatches } from "../../../learner/train/micro-batches.ts";
import { METRICS_FILE, trainRl } from "../../../learner/train/rl.ts";
import { latestCheckpoint } from "../../../learner/train/state.ts";
import type { GraderClient } from "../../../shared/clients/grader.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import { microTrainConfig, sevenGrader } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The seven-grader, keeping every response it is asked to grade: the rollouts, in order. */
function recordingGrader(): { grader: GraderClient; responses: string[] } {
  const inner = sevenGrader();
  const responses: string[] = [];
  return {
    responses,
    grader: {
      ...inner,
      gradeMany: async (items, options) => {
        responses.push(...items.map((item) => item.response));
        return inner.gradeMany(items, options);
      },
    },
  };
}

interface Run {
  responses: string[];
  metrics: Record<string, unknown>[];
  weights: Record<string, Uint8Array>;
}

/**
 * Three steps of 4 prompts x 4 rollouts, mini-batches of 2 prompts, micro-batches of 3 rollouts;
 * rollouts in shards of `rolloutShardPrompts` prompts when set.
 */
async function train(loss: "real" | "grpo", workers: number, rolloutShardPrompts?: number): Promise<Run> {
  const runDir = await mkdtemp(join(tmpdir(), "rlvr-parallel-"));
  dirs.push(runDir);
  const { grader, responses } = recordingGrader();
  const config = microTrainConfig({ loss, steps: 3, microBatch: 3, eval: { every: 0 }, rolloutShardPrompts });
  await trainRl(config, { runDir, grader, workers });
  const checkpoint = await latestCheckpoint(runDir);
  const { tensors } = decodeSafetensors(await readFile(join(checkpoint!, "model.safetensors")));
  const metrics = (await readFile(join(runDir, METRICS_FILE), "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map(({ stepSeconds: _, rolloutSeconds: __, ...rest }) => rest);
  const weights = Object.fromEntries(
    Object.entries(tensors).map(([name, t]) => [
      name,
      new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
    ]),
  );
  return { responses, metrics, weights };
}

function assertSameRuns(two: Run, one: Run): void {
  assert.deepEqual(two.responses, one.responses, "rollouts");
  assert.deepEqual(two.metrics, one.metrics, "metrics");
  assert.deepEqual(Object.keys(two.weights).sort(), Object.keys(one.weights).sort());
  for (const [name, bytes] of Object.entries(one.weights)) {
    assert.ok(Buffer.from(two.weights[name]!).equals(Buffer.from(bytes)), `weights ${name}`);
  }
}

describe("the data-parallel update", () => {
  for (const loss of ["real", "grpo"] as const) {
    it(`${loss}: two workers train bit for bit as one thread`, async () => {
      const one = await train(loss, 1);
      const two = await train(loss, 2);
      assert.equal(one.metrics.length, 3);
      assert.ok(
        one.metrics.some((m) => (m.gradNorm as number) > 0),
        "some gradient to learn from",
      );
      assertSameRuns(two, one);
    });
  }

  it("rollout shards: two lanes sample and train bit for bit as one thread", async () => {
    // Two shards of 2 prompts per step: the worker samples one while the main thread samples the other.
    const one = await train("real", 1, 2);
    const two = await train("real", 2, 2);
    assert.equal(one.responses.length, 3 * 4 * 4, "3 steps of 4 prompts x 4 rollouts graded");
    assert.ok(new Set(one.responses).size > 1, "rollouts that differ");
    assertSameRuns(two, one);
    // Each shard has its own stream: the rollouts are not the one-stream ones.
    const unsharded = await train("real", 1);
    assert.notDeepEqual(one.responses, unsharded.responses);
  });

  it("needs micro-batches to share out", async () => {
    const runDir = await mkdtemp(join(tmpdir(), "rlvr-parallel-"));
    dirs.push(runDir);
    await assert.rejects(
      trainRl(microTrainConfig(), { runDir, grader: sevenGrader(), workers: 2 }),
      /2 learner workers share out each mini-batch's micro-batches: set a micro-batch/,
    );
  });

  // With two lanes and two micro-batches the worker computes the first and the main thread the second.
  for (const [lane, badFirst] of [
    ["worker 1", true],
    ["main thread", false],
  ] as const) {
    it(`a lane that fails (the ${lane}) ends the run with its reason and closes the pool`, async () => {
      const model = { config: MICRO_MODEL, params: createParams(MICRO_MODEL, 1) };
      const runner = await startPolicyRunner(model, undefined, CHAR_PAD_ID, 2);
      // A token id past the vocabulary: the embedding lookup throws.
      const good = { prompt: [5, 6], response: [7] };
      const broken = { prompt: [5], response: [MICRO_MODEL.vocabSize + 100] };
      const bad = packMicroBatches(badFirst ? [broken, good] : [good, broken], CHAR_PAD_ID, 1);
      const name = lane === "worker 1" ? "worker \\d" : "main thread";
      try {
        await assert.rejects(runner.logProbs("policy", bad, 1, true), (error: Error) =>
          new RegExp(`^data-parallel ${name} failed: .+`).test(error.message),
        );
        await assert.rejects(runner.logProbs("policy", bad, 1, false), /data-parallel/);
      } finally {
        await runner.close();
        disposePacked(bad);
        disposeParams(model.params);
      }
    });
  }
});
