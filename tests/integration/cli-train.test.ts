import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { access, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { EvaluationResultSchema } from "../../shared/contracts/evaluation.ts";
import { MICRO_MODEL } from "../support/micro-model.ts";
import { RLVR, rlvr } from "../support/rlvr.ts";

/** The cpu backend and the in-process grader: the test needs no accelerator and no services. */
const ON_CPU_GRADING_LOCALLY = ["--backend", "cpu", "--via", "local", "--workers", "1"];

/** The spec's per-step metrics (docs/algorithm.md, "Metrics to log every step"). */
const STEP_FIELDS = [
  "step",
  "meanReward",
  "entropy",
  "allCorrectShare",
  "validGroupShare",
  "meanResponseLength",
  "meanPositiveScore",
  "meanNegativeScore",
  "gradNorm",
  "approxKlToOld",
  "stepSeconds",
  "rolloutSeconds",
];

const TRAIN_FLAGS = [
  "--batch-prompts",
  "4",
  "--group-size",
  "4",
  "--mini-batch-prompts",
  "2",
  "--max-response-tokens",
  "8",
  "--eval-every",
  "2",
  "--eval-k",
  "1",
  "--eval-problems",
  "4",
  "--checkpoint-every",
  "1",
  "--levels",
  "1",
  ...ON_CPU_GRADING_LOCALLY,
];

describe("rlvr sft, train, generate (tiny sizes, cpu)", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-cli-train-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints --help for every command", async () => {
    for (const command of ["sft", "train", "generate"]) {
      const result = await rlvr(command, "--help");
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /--out/);
    }
  });

  it("warm-starts with sft, trains two steps, resumes for a third", async () => {
    const sftConfig = join(dir, "sft.json");
    await writeFile(
      sftConfig,
      JSON.stringify({
        model: { config: MICRO_MODEL },
        task: { kind: "curriculum", trainSize: 100, testSize: 10, levels: [1] },
        steps: 3,
        batchSize: 8,
        eval: { k: 1, problems: 4, maxNewTokens: 8 },
      }),
    );
    const sft = await rlvr(
      "sft",
      "--config",
      sftConfig,
      "--out",
      join(dir, "sft"),
      ...ON_CPU_GRADING_LOCALLY,
    );
    assert.equal(sft.code, 0, sft.stderr);
    assert.match(sft.stdout, /held-out Pass@1 \d/);
    await access(join(dir, "sft", "model.safetensors"));

    const runDir = join(dir, "run");
    const train = await rlvr(
      "train",
      "--init",
      join(dir, "sft"),
      "--out",
      runDir,
      "--steps",
      "2",
      ...TRAIN_FLAGS,
    );
    assert.equal(train.code, 0, train.stderr);
    assert.match(train.stdout, /finished at step 2/);
    assert.deepEqual(await readdir(join(runDir, "checkpoints")), ["step-000001", "step-000002"]);

    const resumed = await rlvr("train", "--resume", "--out", runDir, "--steps", "3", ...TRAIN_FLAGS);
    assert.equal(resumed.code, 0, resumed.stderr);
    const lines = (await readFile(join(runDir, "metrics.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.step),
      [1, 2, 3],
    );
    for (const line of lines) {
      for (const field of STEP_FIELDS) assert.ok(field in line, `${field} in ${JSON.stringify(line)}`);
      const [rollout, step] = [line.rolloutSeconds as number, line.stepSeconds as number];
      assert.ok(rollout > 0 && rollout <= step, "sampling and grading are part of the step");
    }
    assert.equal(typeof lines[1]!.valPass1, "number", "evaluated at step 2");
    assert.deepEqual(await readdir(join(runDir, "checkpoints")), ["step-000002", "step-000003"]);
  });

  it("saves a checkpoint and exits cleanly on Ctrl-C", async () => {
    const runDir = join(dir, "interrupted");
    const child = spawn(
      process.execPath,
      [RLVR, "train", "--init", join(dir, "sft"), "--out", runDir, "--steps", "1000", ...TRAIN_FLAGS],
      { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // The first step's progress line says the loop is running.
    while (!/step 1 /.test(output)) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill("SIGINT");
    assert.equal(await exited, 0, output);
    assert.match(output, /stopped at step \d+/);
    const [checkpoint] = await readdir(join(runDir, "checkpoints"));
    assert.match(checkpoint!, /^step-\d{6}$/);
  });

  it("generates samples that rlvr eval scores", async () => {
    const samples = join(dir, "gen", "samples.jsonl");
    const generated = await rlvr(
      "generate",
      "--checkpoint",
      join(dir, "sft"),
      "--problems",
      "5",
      "--k",
      "2",
      "--max-new-tokens",
      "8",
      "--out",
      samples,
      "--backend",
      "cpu",
    );
    assert.equal(generated.code, 0, generated.stderr);
    const evaluated = await rlvr(
      "eval",
      samples,
      "--data",
      join(dir, "gen", "curriculum-test.jsonl"),
      "--k",
      "2",
      "--out",
      join(dir, "eval"),
      "--via",
      "local",
      "--workers",
      "1",
    );
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const result = EvaluationResultSchema.parse(
      JSON.parse(await readFile(join(dir, "eval", "result.json"), "utf8")),
    );
    assert.equal(result.benchmarks[0]!.benchmark, "curriculum-test");
    assert.equal(result.benchmarks[0]!.problems, 5);
  });
});
