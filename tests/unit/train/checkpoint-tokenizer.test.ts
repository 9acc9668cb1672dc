/**
 * A policy read from a Hugging Face checkpoint that ships Qwen's real tokenizer: the tokenizer and
 * prompts come from the checkpoint, sampling stops on the template's end tokens, grading follows
 * the template's `<think>`, and a run's checkpoints carry the tokenizer to resume and generate with.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { inspectCheckpoint } from "../../../learner/model/checkpoint.ts";
import { disposeParams } from "../../../learner/model/params.ts";
import { curriculum } from "../../../learner/tasks/curriculum.ts";
import {
  assertCheckpointsCarryTokenizer,
  loadPolicy,
  loadPolicyText,
} from "../../../learner/train/load-policy.ts";
import { paperQuestion } from "../../../learner/train/prompt-format.ts";
import { trainRl } from "../../../learner/train/rl.ts";
import { sampleGroups } from "../../../learner/train/rollouts.ts";
import { latestCheckpoint } from "../../../learner/train/state.ts";
import type { GraderClient } from "../../../shared/clients/grader.ts";
import type { GradeOptionsInput } from "../../../shared/contracts/grading.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import {
  QWEN_IDS,
  QWEN_MICRO_MODEL,
  QWEN_TOKENIZER_DIR,
  type QwenCheckpointOptions,
  THINKING_TEMPLATE,
  writeQwenCheckpoint,
} from "../../support/qwen-tokenizer.ts";
import { microTrainConfig, sevenGrader } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function qwenCheckpoint(options: QwenCheckpointOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rlvr-checkpoint-tokenizer-"));
  dirs.push(dir);
  await writeQwenCheckpoint(join(dir, "hub"), 17, options);
  return join(dir, "hub");
}
/** Qwen's tokenizer cut to 2,000 merges: a 2,282-token embedding, for runs that train. */
const SMALL = { merges: 2000 };

/** The seven grader, recording the options it was asked to grade with. */
function recordingGrader(): GraderClient & { options: (GradeOptionsInput | undefined)[] } {
  const inner = sevenGrader();
  const options: (GradeOptionsInput | undefined)[] = [];
  return {
    ...inner,
    options,
    gradeMany: (items, given) => {
      options.push(given);
      return inner.gradeMany(items, given);
    },
  };
}

const problems = curriculum({ split: "train", size: 2, seed: 3 });

describe("the tokenizer and prompts of a checkpoint", () => {
  it("are the checkpoint's own when the config names none", async () => {
    const hub = await qwenCheckpoint();
    const text = await loadPolicyText(undefined, hub);
    assert.deepEqual(text.config, { kind: "hf" });
    assert.equal(text.tokenizer.vocabSize, 151669);
    assert.equal(
      text.tokenizer.decode(text.prompts.encode(problems[0]!), { keepSpecial: true }),
      `<|im_start|>user\n${paperQuestion(problems[0]!)}<|im_end|>\n<|im_start|>assistant\n`,
    );
    assert.deepEqual(text.prompts.stopIds, [QWEN_IDS.imEnd, QWEN_IDS.endoftext]);
    assert.equal(text.prompts.requireThinkClose, false);
    const thinking = await loadPolicyText(
      undefined,
      await qwenCheckpoint({ tokenizerConfig: { chat_template: THINKING_TEMPLATE } }),
    );
    assert.equal(thinking.prompts.requireThinkClose, true);
  });

  it("say which checkpoint's chat template cannot be used", async () => {
    const hub = await qwenCheckpoint({ tokenizerConfig: { chat_template: "{% if %}" } });
    await assert.rejects(loadPolicyText(undefined, hub), (error: Error) => {
      assert.ok(error.message.startsWith(`${hub}: the chat template does not parse`), error.message);
      return true;
    });
  });

  it("stay the character ones for a checkpoint without tokenizer files, or fresh weights", async () => {
    assert.deepEqual((await loadPolicyText(undefined, undefined)).config, { kind: "char" });
    assert.deepEqual((await loadPolicyText(undefined, QWEN_TOKENIZER_DIR)).config, { kind: "hf" });
  });

  it("come from a named directory for fresh weights, which must hold the vocabulary", async () => {
    const named = { kind: "hf", dir: QWEN_TOKENIZER_DIR } as const;
    const { policy, tokenizer } = await loadPolicy({ config: QWEN_MICRO_MODEL }, named, 1);
    assert.deepEqual(tokenizer, named);
    assert.equal(policy.prompts.stopIds[0], QWEN_IDS.imEnd);
    disposeParams(policy.model.params);
    await assert.rejects(
      loadPolicy({ config: MICRO_MODEL }, named, 1),
      /the tokenizer has 151669 tokens but the model only 100/,
    );
    await assert.rejects(
      loadPolicy({ config: QWEN_MICRO_MODEL }, { kind: "hf" }, 1),
      /without a "dir" is the model checkpoint's own, but the model has fresh weights/,
    );
  });

  it("are refused in the learner's checkpoint layout, which does not carry them", () => {
    assert.throws(
      () => assertCheckpointsCarryTokenizer({ kind: "hf" }, { format: "rlvr" }),
      /does not carry tokenizer files/,
    );
    assertCheckpointsCarryTokenizer({ kind: "hf" }, { format: "hf" });
    assertCheckpointsCarryTokenizer({ kind: "hf", dir: QWEN_TOKENIZER_DIR }, { format: "rlvr" });
    assertCheckpointsCarryTokenizer({ kind: "char" }, { format: "rlvr" });
  });
});

describe("sampling and grading follow the prompt format", () => {
  it("samples from the format's prompts, stops on its ids, and grades as its template asks", async () => {
    const { policy } = await loadPolicy({ checkpoint: await qwenCheckpoint() }, undefined, 1);
    const grader = recordingGrader();
    const everyId = Array.from({ length: QWEN_MICRO_MODEL.vocabSize }, (_, i) => i) as [number, ...number[]];
    const groups = await sampleGroups(
      // Every id ends a response here, so each is one token long and finished.
      { ...policy, prompts: { ...policy.prompts, stopIds: everyId } },
      problems,
      { groupSize: 2, maxNewTokens: 5, temperature: 1, topP: 1, rng: seededRng(4) },
      grader,
    );
    groups.forEach((group, p) => {
      for (const rollout of group.rollouts) {
        assert.deepEqual(rollout.prompt, policy.prompts.encode(problems[p]!));
        assert.equal(rollout.response.length, 1);
        assert.equal(rollout.finished, true);
      }
    });
    assert.deepEqual(grader.options, [{ requireThinkClose: false }]);

    const thinking = await loadPolicy(
      { checkpoint: await qwenCheckpoint({ tokenizerConfig: { chat_template: THINKING_TEMPLATE } }) },
      undefined,
      1,
    );
    const thinkingGrader = recordingGrader();
    await sampleGroups(
      thinking.policy,
      problems.slice(0, 1),
      { groupSize: 1, maxNewTokens: 1, temperature: 1, topP: 1, rng: seededRng(4) },
      thinkingGrader,
    );
    assert.deepEqual(thinkingGrader.options, [{ requireThinkClose: true }]);
    disposeParams(policy.model.params);
    disposeParams(thinking.policy.model.params);
  });
});

describe("training from a checkpoint with its own tokenizer", () => {
  it("records it, saves its files with every checkpoint, and resumes with them", async () => {
    const runDir = await mkdtemp(join(tmpdir(), "rlvr-checkpoint-tokenizer-run-"));
    dirs.push(runDir);
    const config = microTrainConfig({
      model: { checkpoint: await qwenCheckpoint(SMALL) },
      steps: 1,
      batchPrompts: 2,
      groupSize: 2,
      miniBatchPrompts: 1,
      maxResponseTokens: 3,
      eval: { every: 0 },
    });
    await trainRl(config, { runDir, grader: sevenGrader() });
    const step1 = (await latestCheckpoint(runDir))!;
    assert.deepEqual(
      (await readdir(step1))
        .filter((f) => f.startsWith("tokenizer") || f === "generation_config.json")
        .sort(),
      ["generation_config.json", "tokenizer.json", "tokenizer_config.json"],
    );
    const { metadata } = await inspectCheckpoint(step1);
    assert.deepEqual((metadata as { config: { tokenizer: unknown } }).config.tokenizer, { kind: "hf" });

    await trainRl({ ...config, steps: 2 }, { runDir, grader: sevenGrader(), resume: true });
    assert.match((await latestCheckpoint(runDir))!, /step-000002$/);
  });

  it("refuses to save it in the learner's layout", async () => {
    const runDir = await mkdtemp(join(tmpdir(), "rlvr-checkpoint-tokenizer-run-"));
    dirs.push(runDir);
    const config = microTrainConfig({
      model: { checkpoint: await qwenCheckpoint(SMALL) },
      saveFormat: "rlvr",
    });
    await assert.rejects(
      trainRl(config, { runDir, grader: sevenGrader() }),
      /does not carry tokenizer files/,
    );
  });
});
