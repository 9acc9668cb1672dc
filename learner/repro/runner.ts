/**
 * Runs the plan one run at a time (two cores do not gain from more), each from the shared starting
 * checkpoint into its own scratch folder, whose validation Pass@1 it measures first (the curve's step
 * 0). A finished run leaves its record beside the report; rerunning skips runs with a record (made
 * with the same config) and resumes an interrupted one from its newest checkpoint, so a reproduction
 * can be stopped and continued at will, and across machines as long as the records travel.
 */
import { mkdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { GraderClient } from "../../shared/clients/grader.ts";
import type { StepMetrics } from "../train/metrics.ts";
import { trainRl } from "../train/rl.ts";
import { latestCheckpoint } from "../train/state.ts";
import { evaluateCheckpoint, type HeldOutEvaluation } from "./held-out.ts";
import type { PlannedRun } from "./plan.ts";
import { readMetrics } from "./run-files.ts";
import {
  type RunRecord,
  type RunResult,
  readPlannedRecord,
  recordPath,
  subsampleCurve,
  writeRecord,
} from "./run-record.ts";
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
  /** Where the records go: `<reportDir>/runs/<run>/seed-<n>.json`. */
  reportDir: string;
  /** Recorded with each run. */
  provenance: Pick<RunRecord, "code" | "machine">;
  /** After each run finishes and is recorded (a partial report is rendered then). */
  recorded?(): Promise<void>;
  events?: RunnerEvents;
  /** Data-parallel workers of each run's update (see trainRl). */
  workers?: number;
}

export interface RunnerOutcome {
  /** Stopped on request before every run finished. */
  stopped: boolean;
}

export async function runPlan(plan: readonly PlannedRun[], options: RunnerOptions): Promise<RunnerOutcome> {
  for (const [index, run] of plan.entries()) {
    const outcome = await runOne(run, index, plan.length, options);
    if (outcome === "stopped") return { stopped: true };
    if (outcome === "recorded") await options.recorded?.();
  }
  return { stopped: false };
}

async function runOne(
  run: PlannedRun,
  index: number,
  total: number,
  options: RunnerOptions,
): Promise<"skipped" | "recorded" | "stopped"> {
  const events = options.events ?? {};
  const path = recordPath(options.reportDir, run.spec.name, run.seed);
  if (await readPlannedRecord(run, options.reportDir)) {
    events.skipped?.(run, index, total);
    return "skipped";
  }
  const checkpoint = await latestCheckpoint(run.dir);
  if (checkpoint) await assertSameConfig(run);
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
    if (trained.stopped) return "stopped";
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
  const start = await readStartValidation(run.dir);
  const result: RunResult = {
    name: run.spec.name,
    seed: run.seed,
    steps: run.config.steps,
    pass1,
    trainSeconds: metrics.reduce(
      (sum, m) => sum + m.stepSeconds + (m.evalSeconds ?? 0),
      start?.evalSeconds ?? 0,
    ),
  };
  const curve = [...(start ? [{ step: 0, valPass1: start.valPass1 }] : []), ...metrics];
  const record: RunRecord = {
    result,
    config: run.config,
    ...options.provenance,
    ...subsampleCurve(curve, run.config.steps),
  };
  await writeRecord(path, record);
  events.finished?.(run, result, (performance.now() - started) / 1000);
  return "recorded";
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
