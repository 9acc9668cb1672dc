import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { inspectCheckpoint, loadCheckpoint } from "../../../learner/model/checkpoint.ts";
import { disposeParams } from "../../../learner/model/params.ts";
import { loadPolicy } from "../../../learner/train/load-policy.ts";
import { trainRl } from "../../../learner/train/rl.ts";
import { latestCheckpoint } from "../../../learner/train/state.ts";
import { randomWeights, writeHfCheckpoint } from "../../support/hf-checkpoint.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import { microTrainConfig, sevenGrader } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "rlvr-hf-run-"));
  dirs.push(dir);
  return dir;
}

/** A Hugging Face checkpoint of the micro model over the character vocabulary, with generation files. */
async function hfStart(files: Record<string, string> = {}) {
  const dir = await tempDir();
  await writeHfCheckpoint(dir, MICRO_MODEL, randomWeights(MICRO_MODEL, 21, "BF16"), {
    dtype: "BF16",
    files: { "generation_config.json": '{"eos_token_id": 2}', ...files },
  });
  return dir;
}

describe("training from a Hugging Face checkpoint", () => {
  it("saves Hugging Face step checkpoints, and resumes from them", async () => {
    const start = await hfStart();
    const runDir = await tempDir();
    const config = microTrainConfig({
      model: { checkpoint: start },
      steps: 2,
      eval: { every: 0 },
      loss: "grpo",
    });
    await trainRl(config, { runDir, grader: sevenGrader() });
    const step2 = (await latestCheckpoint(runDir))!;
    assert.deepEqual((await readdir(step2)).sort(), [
      "config.json",
      "generation_config.json",
      "model.safetensors",
      "rlvr-state.safetensors",
    ]);
    const saved = JSON.parse(await readFile(join(step2, "config.json"), "utf8"));
    assert.equal(saved.architectures[0], "Qwen2ForCausalLM");
    assert.equal(await readFile(join(step2, "generation_config.json"), "utf8"), '{"eos_token_id": 2}');
    const { format, metadata } = await inspectCheckpoint(step2);
    assert.equal(format, "hf");
    assert.equal((metadata as { step: number }).step, 2);

    await trainRl({ ...config, steps: 3 }, { runDir, grader: sevenGrader(), resume: true });
    const step3 = (await latestCheckpoint(runDir))!;
    assert.match(step3, /step-000003$/);
    const loaded = await loadCheckpoint(step3);
    assert.ok(loaded.hf, "still Hugging Face's layout after resuming");
    assert.ok(
      Object.keys(loaded.tensors).some((n) => n.startsWith("reference.")),
      "GRPO's reference weights travel in the state file",
    );
    assert.equal(await readFile(join(step3, "generation_config.json"), "utf8"), '{"eos_token_id": 2}');
    disposeParams(loaded.model.params);
  });

  it("saves the learner's layout when asked to", async () => {
    const runDir = await tempDir();
    const config = microTrainConfig({ model: { checkpoint: await hfStart() }, steps: 1, eval: { every: 0 } });
    await trainRl({ ...config, saveFormat: "rlvr" }, { runDir, grader: sevenGrader() });
    assert.equal((await inspectCheckpoint((await latestCheckpoint(runDir))!)).format, "rlvr");
  });

  it("refuses a Hugging Face model's own tokenizer paired with the character one", async () => {
    const start = await hfStart({ "tokenizer.json": "{}" });
    await assert.rejects(
      loadPolicy({ checkpoint: start }, { kind: "char" }, 1),
      /has a tokenizer of its own, but the config names the character tokenizer: leave "tokenizer" out/,
    );
  });
});
