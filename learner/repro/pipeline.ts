/**
 * The reproduction end to end: the shared start, its held-out Pass@1, every planned run (skipping the
 * finished, resuming the interrupted), then the tables, figures and outcome into the report folder.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { GraderClient } from "../../shared/clients/grader.ts";
import { readJsonConfig } from "../train/config.ts";
import type { SftStep } from "../train/sft.ts";
import { REFERENCE_RUN, type ReproConfig } from "./config.ts";
import { CURVE_FIELDS, type CurveField, curve, type Point, type SeedRecord } from "./curves.ts";
import {
  evaluateCheckpoint,
  type FamilyPass1,
  FamilyPass1Schema,
  type HeldOutEvaluation,
  heldOutFamilies,
} from "./held-out.ts";
import { type PlannedRun, planRuns } from "./plan.ts";
import { code, commandLine, machine } from "./provenance.ts";
import { writeReport } from "./report.ts";
import { readMetrics } from "./run-files.ts";
import { type RunnerEvents, runPlan } from "./runner.ts";
import { prepareStart, type StartingPoint } from "./start.ts";
import { readStartValidation } from "./start-validation.ts";
import { type Summary, summarize } from "./summary.ts";

export interface ReproduceOptions {
  configPath: string;
  grader: GraderClient;
  /** The tfjs backend in use, for the record. */
  backend: string;
  shouldStop: () => boolean;
  /** Data-parallel workers of each run's update (see trainRl). */
  workers?: number;
  events?: RunnerEvents & {
    sftStep?(step: SftStep, total: number): void;
    evaluatingStart?(checkpoint: string): void;
  };
}

export type ReproduceOutcome =
  | { stopped: true }
  | { stopped: false; summary: Summary; paths: Awaited<ReturnType<typeof writeReport>> };

export async function reproduce(repro: ReproConfig, options: ReproduceOptions): Promise<ReproduceOutcome> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const start = await prepareStart(repro, {
    shouldStop: options.shouldStop,
    onSftStep: options.events?.sftStep,
  });
  if (!start) return { stopped: true };
  const plan = planRuns(repro, await readJsonConfig(repro.baseConfig), start.checkpoint);
  const shared = plan.find((r) => r.spec.name === REFERENCE_RUN)!.config;
  const heldOut = {
    families: heldOutFamilies(shared.task, repro.finalEval),
    finalEval: repro.finalEval,
    grader: options.grader,
    tokenizer: shared.tokenizer,
    maxNewTokens: shared.maxResponseTokens,
  };
  const startPass1 = await startEvaluation(repro.runsDir, start, heldOut, options);
  const ran = await runPlan(plan, {
    grader: options.grader,
    heldOut: { families: heldOut.families, finalEval: heldOut.finalEval },
    shouldStop: options.shouldStop,
    workers: options.workers,
    events: options.events,
  });
  if (ran.stopped) return { stopped: true };
  const summary = summarize({
    command: commandLine(),
    configPath: options.configPath,
    code: await code(),
    machine: machine(options.backend),
    startedAt,
    wallSeconds: (performance.now() - started) / 1000,
    computeSeconds:
      startPass1.seconds + ran.results.reduce((sum, r) => sum + r.trainSeconds + r.pass1.seconds, 0),
    config: repro,
    start: { ...start, pass1: startPass1 },
    shared,
    families: heldOut.families.map((f) => f.name),
    runs: ran.results,
    curves: await curvesByRun(repro, plan),
  });
  return { stopped: false, summary, paths: await writeReport(repro.reportDir, summary) };
}

const HELD_OUT_RECORD = "held-out.json";

const HeldOutRecordSchema = z.object({ finalEval: z.unknown(), start: FamilyPass1Schema });

/**
 * The start's Pass@1, kept with the runs together with the evaluation settings: results evaluated
 * under other settings are never mixed into one table.
 */
async function startEvaluation(
  runsDir: string,
  start: StartingPoint,
  heldOut: HeldOutEvaluation,
  options: ReproduceOptions,
): Promise<FamilyPass1> {
  const path = join(runsDir, HELD_OUT_RECORD);
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text !== undefined) {
    const record = HeldOutRecordSchema.parse(JSON.parse(text));
    if (!isDeepStrictEqual(record.finalEval, heldOut.finalEval))
      throw new Error(
        `the runs in ${runsDir} were evaluated with other finalEval settings: use another --runs-dir`,
      );
    return record.start;
  }
  options.events?.evaluatingStart?.(start.checkpoint);
  const pass1 = await evaluateCheckpoint(start.checkpoint, heldOut);
  await writeFile(path, `${JSON.stringify({ finalEval: heldOut.finalEval, start: pass1 }, null, 2)}\n`);
  return pass1;
}

async function curvesByRun(repro: ReproConfig, plan: readonly PlannedRun[]): Promise<Summary["curves"]> {
  const out: Summary["curves"] = {};
  for (const [index, spec] of repro.runs.entries()) {
    const seeds = await Promise.all(plan.filter((r) => r.spec === spec).map((r) => seedRecords(r.dir)));
    const curves = Object.fromEntries(
      CURVE_FIELDS.map((field) => [field, curve(seeds, field, repro.smoothing)]),
    ) as Record<CurveField, Point[]>;
    out[spec.name] = { label: spec.label, index, curves };
  }
  return out;
}

/** A run's metrics, after its step-0 validation where it measured one. */
async function seedRecords(dir: string): Promise<SeedRecord[]> {
  const start = await readStartValidation(dir);
  const metrics = await readMetrics(dir);
  return start ? [{ step: 0, valPass1: start.valPass1 }, ...metrics] : metrics;
}
