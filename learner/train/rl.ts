/**
 * RL training, Algorithm 1 of the paper: per step, B prompts with G rollouts each from pi_old, graded
 * by the verifier; pi_old log-probs once; one optimizer update per mini-batch of prompts; periodic
 * Pass@1 on the held-out split; a metrics line per step; checkpoints that resume exactly.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GraderClient } from "../../shared/clients/grader.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { type Rng, seededRng } from "../../shared/random/seeded.ts";
import { loadCheckpoint, type SaveLayout, saveLayoutFor } from "../model/checkpoint.ts";
import type { Model } from "../model/forward.ts";
import { disposeParams } from "../model/params.ts";
import { createObjective, type Objective, sampleInformativeGroups } from "../objectives/index.ts";
import { AdamW } from "../optim/adamw.ts";
import { startPolicyRunner } from "../parallel/policy-runner.ts";
import type { TrainConfig } from "./config.ts";
import { loadTask, problemsAt, type TaskData } from "./data.ts";
import { type PassAtOne, passAtOne } from "./evaluate.ts";
import { assertCheckpointsCarryTokenizer, loadPolicy, loadPolicyText } from "./load-policy.ts";
import { rolloutStatistics, type StepMetrics } from "./metrics.ts";
import { localRunner, type MicroBatchRunner } from "./micro-batch-runner.ts";
import type { Policy } from "./policy.ts";
import { type Group, sampleGroups } from "./rollouts.ts";
import {
  frozenCopy,
  latestCheckpoint,
  paramsFromPrefixed,
  pruneCheckpoints,
  REFERENCE_PREFIX,
  saveTrainerCheckpoint,
  type TrainerState,
  TrainerStateSchema,
} from "./state.ts";
import { updateOnGroups } from "./update.ts";

export const METRICS_FILE = "metrics.jsonl";

export interface RlOptions {
  runDir: string;
  grader: GraderClient;
  /** Continue from the run's newest checkpoint (its config; `config.steps` may extend it). */
  resume?: boolean;
  onStep?: (metrics: StepMetrics, totalSteps: number) => void;
  /** Polled after every step: true saves a checkpoint and returns (Ctrl-C). */
  shouldStop?: () => boolean;
  /**
   * Data-parallel workers that compute the update's micro-batches (default 1: this thread alone).
   * The results are the same bit for bit for any number on the cpu backend.
   */
  workers?: number;
}

export interface RlResult {
  step: number;
  stopped: boolean;
  lastCheckpoint?: string;
}

interface Trainer {
  config: TrainConfig;
  policy: Policy;
  reference?: Model;
  optimizer: AdamW;
  objective: Objective;
  data: TaskData;
  rng: Rng;
  step: number;
  cursor: number;
  /** How step checkpoints are saved. */
  saveLayout: SaveLayout;
}

export async function trainRl(config: TrainConfig, options: RlOptions): Promise<RlResult> {
  await mkdir(options.runDir, { recursive: true });
  if (!options.resume && (await latestCheckpoint(options.runDir))) {
    throw new Error(
      `${options.runDir} already holds checkpoints: resume it, or train into another directory`,
    );
  }
  const trainer = options.resume ? await resumeTrainer(config, options.runDir) : await startTrainer(config);
  const workers = options.workers ?? 1;
  assertMicroBatchesToShare(trainer.config, workers);
  const metricsPath = join(options.runDir, METRICS_FILE);
  await keepMetricsUpTo(metricsPath, trainer.step);
  if (!options.resume)
    await writeFile(join(options.runDir, "config.json"), `${JSON.stringify(trainer.config, null, 2)}\n`);
  const total = trainer.config.steps;
  let lastCheckpoint: string | undefined;
  const save = async () => {
    lastCheckpoint = await saveTrainerCheckpoint(
      options.runDir,
      trainer.policy.model,
      trainer.optimizer,
      stateOf(trainer),
      trainer.saveLayout,
      trainer.reference,
    );
    await pruneCheckpoints(options.runDir, trainer.config.keepCheckpoints);
  };
  let runner: MicroBatchRunner | undefined;
  try {
    runner =
      workers > 1
        ? await startPolicyRunner(
            trainer.policy.model,
            trainer.reference,
            trainer.policy.tokenizer.padId,
            workers,
          )
        : localRunner(trainer.policy.model, trainer.reference);
    while (trainer.step < total) {
      const metrics = await runStep(trainer, options.grader, runner);
      await appendLine(metricsPath, metrics);
      options.onStep?.(metrics, total);
      const every = trainer.config.checkpointEvery;
      const stopping = options.shouldStop?.() ?? false;
      if (stopping || trainer.step === total || (every > 0 && trainer.step % every === 0)) await save();
      if (stopping) return { step: trainer.step, stopped: true, lastCheckpoint };
    }
    return { step: trainer.step, stopped: false, lastCheckpoint };
  } finally {
    await runner?.close();
    disposeParams(trainer.policy.model.params);
    if (trainer.reference) disposeParams(trainer.reference.params);
    trainer.optimizer.dispose();
  }
}

/** Workers compute whole micro-batches: without them there would be one to share. */
function assertMicroBatchesToShare(config: TrainConfig, workers: number): void {
  if (workers === 1 || config.microBatch !== undefined) return;
  const rollouts = config.miniBatchPrompts * config.groupSize;
  throw new Error(
    `${workers} learner workers share out each mini-batch's micro-batches: set a micro-batch ` +
      `(--micro-batch, "microBatch" in the config), e.g. ${Math.ceil(rollouts / (2 * workers))}`,
  );
}

async function runStep(
  trainer: Trainer,
  grader: GraderClient,
  runner: MicroBatchRunner,
): Promise<StepMetrics> {
  const { config } = trainer;
  const started = performance.now();
  const { kept, sampled } = await sampleStep(trainer, grader, runner);
  const rolloutSeconds = (performance.now() - started) / 1000;
  const update = await updateOnGroups(
    {
      model: trainer.policy.model,
      padId: trainer.policy.tokenizer.padId,
      optimizer: trainer.optimizer,
      objective: trainer.objective,
      temperature: config.temperature,
      miniBatchPrompts: config.miniBatchPrompts,
      microBatch: config.microBatch,
      reference: trainer.reference,
      runner,
    },
    kept,
  );
  trainer.step++;
  const { updates: _, ...updateMetrics } = update;
  const metrics: StepMetrics = {
    step: trainer.step,
    ...rolloutStatistics(sampled),
    ...updateMetrics,
    stepSeconds: (performance.now() - started) / 1000,
    rolloutSeconds,
  };
  const every = config.eval.every;
  if (every > 0 && (trainer.step % every === 0 || trainer.step === config.steps)) {
    const evalStarted = performance.now();
    const result = await validationPass1(trainer.policy, trainer.data.test, grader, config, trainer.step);
    metrics.valPass1 = result.average;
    metrics.valPass1BySet = result.bySet;
    metrics.evalSeconds = (performance.now() - evalStarted) / 1000;
  }
  return metrics;
}

/** The step's groups: B prompts, or under dynamic sampling B mixed groups from as many batches as it takes. */
async function sampleStep(
  trainer: Trainer,
  grader: GraderClient,
  runner: MicroBatchRunner,
): Promise<{ kept: Group[]; sampled: Group[] }> {
  const { config } = trainer;
  const promptsPerShard = config.rolloutShardPrompts;
  const sharding = promptsPerShard !== undefined ? { promptsPerShard, runner } : undefined;
  const sampled: Group[] = [];
  const sampleBatch = async () => {
    const problems = problemsAt(trainer.data.train, trainer.cursor, config.batchPrompts, config.seed);
    trainer.cursor += config.batchPrompts;
    const groups = await sampleGroups(
      trainer.policy,
      problems,
      {
        groupSize: config.groupSize,
        maxNewTokens: config.maxResponseTokens,
        temperature: config.temperature,
        topP: config.topP,
        rng: trainer.rng,
      },
      grader,
      sharding,
    );
    sampled.push(...groups);
    return groups;
  };
  if (!config.dynamicSampling.enabled) {
    const groups = await sampleBatch();
    return { kept: groups, sampled };
  }
  const { groups } = await sampleInformativeGroups(
    sampleBatch,
    config.batchPrompts,
    config.dynamicSampling.maxBatches,
  );
  return { kept: groups, sampled };
}

function objectiveOf(config: TrainConfig): Objective {
  return createObjective(config.loss, {
    ...(config.tau !== undefined && { tau: config.tau }),
    ...(config.clip && { clip: config.clip }),
    ...(config.kl !== undefined && { kl: config.kl }),
  });
}

/** Whether the objective, as configured, has a KL term against the frozen reference model. */
export function needsReference(config: TrainConfig): boolean {
  if (config.kl !== undefined) return config.kl?.against === "reference";
  return config.loss === "grpo";
}

async function startTrainer(config: TrainConfig): Promise<Trainer> {
  const { policy, hf, tokenizer } = await loadPolicy(config.model, config.tokenizer, config.seed);
  const saveLayout = saveLayoutFor(config.saveFormat, hf);
  assertCheckpointsCarryTokenizer(tokenizer, saveLayout);
  const reference = needsReference(config)
    ? { config: policy.model.config, params: frozenCopy(policy.model.params) }
    : undefined;
  return {
    config: { ...config, tokenizer },
    policy,
    reference,
    optimizer: new AdamW(config.optimizer),
    objective: objectiveOf(config),
    data: await loadTask(config.task, config.seed),
    rng: seededRng(config.seed),
    step: 0,
    cursor: 0,
    saveLayout,
  };
}

async function resumeTrainer(requested: TrainConfig, runDir: string): Promise<Trainer> {
  const dir = await latestCheckpoint(runDir);
  if (!dir) throw new Error(`${runDir} has no checkpoint to resume from`);
  const { model, tensors, metadata, hf } = await loadCheckpoint(dir);
  const state = TrainerStateSchema.parse(metadata);
  // The micro-batch changes memory, not results: a resumed run may take another.
  const config = {
    ...state.config,
    steps: requested.steps,
    ...(requested.microBatch !== undefined && { microBatch: requested.microBatch }),
  };
  const text = await loadPolicyText(config.tokenizer, dir);
  const optimizer = new AdamW(config.optimizer);
  optimizer.loadState(tensors, state.optimizerStep);
  const reference = needsReference(config)
    ? { config: model.config, params: paramsFromPrefixed(tensors, REFERENCE_PREFIX) }
    : undefined;
  return {
    config,
    policy: { model, tokenizer: text.tokenizer, prompts: text.prompts },
    reference,
    optimizer,
    objective: objectiveOf(config),
    data: await loadTask(config.task, config.seed),
    rng: seededRng(state.rngState),
    step: state.step,
    cursor: state.cursor,
    saveLayout: saveLayoutFor(config.saveFormat, hf),
  };
}

function stateOf(trainer: Trainer): TrainerState {
  return {
    kind: "rlvr-rl",
    config: trainer.config,
    step: trainer.step,
    cursor: trainer.cursor,
    rngState: trainer.rng.state(),
    optimizerStep: trainer.optimizer.step,
  };
}

/**
 * Validation Pass@1 after `step` steps (0: the starting weights) on the run's held-out split. Evaluation
 * draws from its own stream, so evaluating (or not) never changes the training run.
 */
export function validationPass1(
  policy: Policy,
  test: readonly ProblemSet[],
  grader: GraderClient,
  config: TrainConfig,
  step: number,
): Promise<PassAtOne> {
  return passAtOne(policy, test, grader, {
    k: config.eval.k,
    temperature: config.eval.temperature,
    maxNewTokens: config.maxResponseTokens,
    seed: (Math.imul(config.seed + 1, 0x9e3779b1) ^ step) >>> 0,
    limit: config.eval.problems,
  });
}

async function appendLine(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value)}\n`, { flag: "a" });
}

/** Drops metric lines of steps after the checkpoint a run resumes from (logged, then lost to a crash). */
async function keepMetricsUpTo(path: string, step: number): Promise<void> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return;
  const kept = text
    .split("\n")
    .filter((line) => line.trim() !== "" && (JSON.parse(line) as { step: number }).step <= step);
  await writeFile(path, kept.map((l) => `${l}\n`).join(""));
}
