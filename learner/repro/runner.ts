/**
 * Runs the plan one run at a time (two cores do not gain from more), each from the shared starting
 * checkpoint into its own folder, whose validation Pass@1 it measures first (the curve's step 0). Rerunning skips finished runs and resumes an interrupted one from its
 * newest checkpoint, so a reproduction can be stopped and continued at will.
 */
import { mkdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { GraderClient } from "../../shared/clients/grader.ts";
import type { StepMetrics } from "../train/metrics.ts";
import { trainRl } from "../train/rl.ts";
import { latestCheckpoint } from "../train/state.ts";
import { evaluateCheckpoint, type HeldOutEvaluation } from "./held-out.ts";
import type { PlannedRun } from "./plan.ts";
import { type RunResult, readMetrics, readResult, writeResult } from "./run-files.ts";
import { readStartValidation, type StartValidation, validateStart } from "./start-validation.ts";

export interface RunnerEvents {
  skipped?(run: PlannedRun, index: number, total: number): void;
  started?(run: PlannedRun, index: number, total: number, fromStep: number): void;
  /** The starting checkpoint's validation Pass@1 on the run's held-out split: its curve's step 0. */
  validatedStart?(run: PlannedRun, validation: StartValidation): void;
  step?(run: PlannedRun, metrics: StepMetrics): void;
  evaluating?(run: PlannedRun): void;
  finished?(run: PlannedRun, result: RunResult, seconds: number): void;
}

export interface RunnerOptions {
  grader: GraderClient;
  heldOut: Omit<HeldOutEvaluation, "grader" | "tokenizer" | "maxNewTokens">;
  shouldStop: () => boolean;
  events?: RunnerEvents;
  /** Data-parallel workers of each run's update (see trainRl). */
  workers?: number;
}

export interface RunnerOutcome {
  results: RunResult[];
  /** Stopped on request before every run finished. */
  stopped: boolean;
}

export async function runPlan(plan: readonly PlannedRun[], options: RunnerOptions): Promise<RunnerOutcome> {
  const results: RunResult[] = [];
  for (const [index, run] of plan.entries()) {
    const result = await runOne(run, index, plan.length, options);
    if (!result) return { results, stopped: true };
    results.push(result);
  }
  return { results, stopped: false };
}

async function runOne(
  run: PlannedRun,
  index: number,
  total: number,
  options: RunnerOptions,
): Promise<RunResult | undefined> {
  const events = options.events ?? {};
  const existing = await readResult(run.dir);
  const checkpoint = await latestCheckpoint(run.dir);
  if (existing || checkpoint) await assertSameConfig(run);
  if (existing) {
    events.skipped?.(run, index, total);
    return existing;
  }
  const started = performance.now();
  const fromStep = checkpoint ? stepOf(checkpoint) : 0;
  events.started?.(run, index, total, fromStep);
  if (fromStep === 0 && run.config.eval.every > 0) {
    // Measured again when a run restarts from scratch, so that it always matches the run's config.
    await mkdir(run.dir, { recursive: true });
    const validation = await validateStart(run, options.grader);
    events.validatedStart?.(run, validation);
  }
  if (fromStep < run.config.steps) {
    const trained = await trainRl(run.config, {
      runDir: run.dir,
      grader: options.grader,
      resume: checkpoint !== undefined,
      shouldStop: options.shouldStop,
      workers: options.workers,
      onStep: (metrics) => events.step?.(run, metrics),
    });
    if (trained.stopped) return undefined;
  }
  events.evaluating?.(run);
  const final = await latestCheckpoint(run.dir);
  if (!final) throw new Error(`${run.dir}: training left no checkpoint`);
  const pass1 = await evaluateCheckpoint(final, {
    ...options.heldOut,
    grader: options.grader,
    tokenizer: run.config.tokenizer,
    maxNewTokens: run.config.maxResponseTokens,
  });
  const metrics = await readMetrics(run.dir);
  const startSeconds = (await readStartValidation(run.dir))?.evalSeconds ?? 0;
  const result: RunResult = {
    name: run.spec.name,
    seed: run.seed,
    steps: run.config.steps,
    pass1,
    trainSeconds: metrics.reduce((sum, m) => sum + m.stepSeconds + (m.evalSeconds ?? 0), startSeconds),
  };
  await writeResult(run.dir, result);
  events.finished?.(run, result, (performance.now() - started) / 1000);
  return result;
}

/** A run folder holds the run this plan describes, or the reproduction refuses to mix them. */
async function assertSameConfig(run: PlannedRun): Promise<void> {
  const text = await readFile(join(run.dir, "config.json"), "utf8").catch(() => undefined);
  if (text === undefined) throw new Error(`${run.dir} holds a run without its config.json`);
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(run.config))
    throw new Error(
      `${run.dir} holds a run with another config than this reproduction's: move it away or use another --runs-dir`,
    );
}

const stepOf = (checkpoint: string) => Number(/(\d+)$/.exec(basename(checkpoint))![1]);
