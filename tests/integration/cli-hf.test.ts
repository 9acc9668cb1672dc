import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { randomWeights, writeHfCheckpoint } from "../support/hf-checkpoint.ts";
import { MICRO_MODEL } from "../support/micro-model.ts";
import { THINKING_TEMPLATE, writeQwenCheckpoint } from "../support/qwen-tokenizer.ts";
import { rlvr } from "../support/rlvr.ts";

const ON_CPU_GRADING_LOCALLY = ["--backend", "cpu", "--via", "local", "--workers", "1"];
const GENERATE_FLAGS = ["--problems", "2", "--k", "1", "--max-new-tokens", "4"];
const ONE_TINY_STEP = [
  ...["--steps", "1", "--batch-prompts", "2", "--group-size", "2", "--mini-batch-prompts", "1"],
  ...["--max-response-tokens", "4", "--eval-every", "0", "--levels", "1"],
];

/** Two samples from the checkpoint into `out`, on the cpu backend. */
const generateOnCpu = (checkpoint: string, out: string) =>
  rlvr("generate", "--checkpoint", checkpoint, ...GENERATE_FLAGS, "--out", out, "--backend", "cpu");

/** One tiny RL step from the checkpoint into `runDir`, graded in-process. */
const trainOneStep = (checkpoint: string, runDir: string) =>
  rlvr("train", "--init", checkpoint, "--out", runDir, ...ONE_TINY_STEP, ...ON_CPU_GRADING_LOCALLY);

describe("rlvr with Hugging Face checkpoints (tiny sizes, cpu)", () => {
  let dir: string;
  let hf: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-cli-hf-"));
    hf = join(dir, "hub");
    await writeHfCheckpoint(hf, MICRO_MODEL, randomWeights(MICRO_MODEL, 31, "BF16"), {
      dtype: "BF16",
      shards: 2,
    });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("trains from one into Hugging Face step checkpoints that generate samples", async () => {
    const runDir = join(dir, "run");
    const train = await trainOneStep(hf, runDir);
    assert.equal(train.code, 0, train.stderr);
    const step = join(runDir, "checkpoints", "step-000001");
    const config = JSON.parse(await readFile(join(step, "config.json"), "utf8"));
    assert.equal(config.model_type, "qwen2");
    const samples = join(dir, "gen", "samples.jsonl");
    const generate = await generateOnCpu(step, samples);
    assert.equal(generate.code, 0, generate.stderr);
    assert.equal((await readFile(samples, "utf8")).trim().split("\n").length, 2);
  });

  it("generates from a Hub checkpoint with its own tokenizer and chat template", async () => {
    // Qwen's real tokenizer files, and an embedding of Qwen's 151,936 rows.
    const hub = join(dir, "qwen");
    await writeQwenCheckpoint(hub, 41);
    const samples = join(dir, "qwen-gen", "samples.jsonl");
    const result = await generateOnCpu(hub, samples);
    assert.equal(result.code, 0, result.stderr);
    const lines = (await readFile(samples, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(line.response.length > 0, "four sampled tokens decode to text");
    assert.doesNotMatch(result.stderr, /require-think-close/, "Qwen3's template leaves <think> to the model");
  });

  it("says to grade with --require-think-close when the template opens <think>", async () => {
    const hub = join(dir, "thinking");
    await writeQwenCheckpoint(hub, 42, { tokenizerConfig: { chat_template: THINKING_TEMPLATE } });
    const out = join(dir, "thinking-gen", "samples.jsonl");
    const result = await generateOnCpu(hub, out);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /opens <think> in the prompt: grade these samples with `rlvr eval --require-think-close`/,
    );
  });

  it("trains from a Hub checkpoint with its tokenizer into checkpoints that carry it", async () => {
    const hub = join(dir, "small-qwen");
    await writeQwenCheckpoint(hub, 43, { merges: 2000 });
    const runDir = join(dir, "small-qwen-run");
    const train = await trainOneStep(hub, runDir);
    assert.equal(train.code, 0, train.stderr);
    const step = join(runDir, "checkpoints", "step-000001");
    assert.equal(
      await readFile(join(step, "tokenizer.json"), "utf8"),
      await readFile(join(hub, "tokenizer.json"), "utf8"),
    );
    assert.deepEqual(JSON.parse(await readFile(join(runDir, "config.json"), "utf8")).tokenizer, {
      kind: "hf",
    });
    const samples = join(dir, "small-qwen-gen", "samples.jsonl");
    const generate = await generateOnCpu(step, samples);
    assert.equal(generate.code, 0, generate.stderr);
    assert.equal((await readFile(samples, "utf8")).trim().split("\n").length, 2);
  });

  it("runs on an explicitly requested backend or stops, naming the reason, but never falls back", async () => {
    const result = await rlvr("generate", "--checkpoint", hf, ...GENERATE_FLAGS, "--backend", "tensorflow");
    assert.equal(result.code, 1);
    const started = /\[backend\] native TensorFlow/.test(result.stderr);
    if (!started) {
      // This machine: the tfjs-node packages install without libtensorflow.
      assert.match(
        result.stderr,
        /^rlvr: the tensorflow backend cannot start: @tensorflow\/tfjs-node-gpu: .+; @tensorflow\/tfjs-node: .+/m,
      );
    }
    assert.doesNotMatch(result.stderr, /wasm|cpu \(pure/, "no other backend was taken");
    assert.doesNotMatch(result.stderr, /already registered/, "no warning per kernel of a failed import");
  });
});
