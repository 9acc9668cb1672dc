/**
 * The reproduction end to end: the shared start, its held-out Pass@1, every planned run (skipping the
 * finished, resuming the interrupted), then the tables, figures and outcome into the report folder.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { GraderClient } from "../../shared/clients/grader.ts";
import { readJsonConfig } from "../train/config.ts";
import type { SftStep } from "../train/sft.ts";
import { REFERENCE_RUN, type ReproConfig } from "./config.ts";
import { CURVE_FIELDS, type CurveField, curve, type Point } from "./curves.ts";
import {
  evaluateCheckpoint,
  type FamilyPass1,
  FamilyPass1Schema,
  type HeldOutEvaluation,
  heldOutFamilies,
  trainingAnswerOverlap,
} from "./held-out.ts";
import { planRuns, type Shard, shardOf } from "./plan.ts";
import { code, commandLine, machine } from "./provenance.ts";
import { writeReport } from "./report.ts";
import { RECORDS_DIR, type RunRecord, recordedRuns } from "./run-record.ts";
import { type RunnerEvents, runPlan } from "./runner.ts";
import { prepareStart, type StartingPoint } from "./start.ts";
import { type RunCurve, type Summary, summarize } from "./summary.ts";

export interface ReproduceOptions {
  configPath: string;
  grader: GraderClient;
  /** The tfjs backend in use, for the record. */
  backend: string;
  shouldStop: () => boolean;
  /** Data-parallel workers of each run's update (see trainRl). */
  workers?: number;
  /** Run only this share of the plan, so that several processes share a study out (see shardOf). */
  shard?: Shard;
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
    mayMake: (options.shard?.index ?? 1) === 1,
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
  const startPass1 = await startEvaluation(repro.reportDir, start, heldOut, options);
  const families = heldOut.families.map((f) => f.name);
  const overlap = trainingAnswerOverlap(shared.task, shared.seed, heldOut.families);
  const provenance = { code: await code([repro.reportDir]), machine: machine(options.backend) };
  // Always from every record on disk: another shard may have finished runs this process did not.
  const report = async () => {
    const records = await recordedRuns(plan, repro.reportDir);
    const summary = summarize({
      command: commandLine(),
      configPath: options.configPath,
      ...provenance,
      startedAt,
      wallSeconds: (performance.now() - started) / 1000,
      computeSeconds:
        startPass1.seconds +
        records.reduce((sum, r) => sum + r.result.trainSeconds + r.result.pass1.seconds, 0),
      config: repro,
      start: { ...start, pass1: startPass1 },
      shared,
      families,
      answerOverlap: overlap,
      plannedRuns: plan.length,
      runs: records.map((r) => r.result),
      runCurves: records.map(runCurve),
      curves: curvesByRun(repro, records),
    });
    return { summary, paths: await writeReport(repro.reportDir, summary) };
  };
  const ran = await runPlan(options.shard ? shardOf(plan, options.shard) : plan, {
    grader: options.grader,
    heldOut: { families: heldOut.families, finalEval: heldOut.finalEval },
    shouldStop: options.shouldStop,
    reportDir: repro.reportDir,
    provenance,
    recorded: async () => {
      await report();
    },
    workers: options.workers,
    events: options.events,
  });
  if (ran.stopped) return { stopped: true };
  return { stopped: false, ...(await report()) };
}

/** Beside the runs' records: the start's Pass@1 and what it was measured on. */
const START_RECORD = join(RECORDS_DIR, "start.json");

const StartRecordSchema = z.object({ finalEval: z.unknown(), sha256: z.string(), pass1: FamilyPass1Schema });

/**
 * The start's Pass@1, kept with the records together with the evaluation settings and the start's
 * hash: results evaluated under other settings, or trained from another start, are never mixed into
 * one table.
 */
async function startEvaluation(
  reportDir: string,
  start: StartingPoint,
  heldOut: HeldOutEvaluation,
  options: ReproduceOptions,
): Promise<FamilyPass1> {
  const path = join(reportDir, START_RECORD);
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text !== undefined) {
    const record = StartRecordSchema.parse(JSON.parse(text));
    if (!isDeepStrictEqual(record.finalEval, heldOut.finalEval))
      throw new Error(
        `the runs recorded in ${reportDir} were evaluated with other finalEval settings: use another --out`,
      );
    if (record.sha256 !== start.sha256)
      throw new Error(
        `the runs recorded in ${reportDir} started from other weights (sha256 ${record.sha256.slice(0, 16)}…, this start ${start.sha256.slice(0, 16)}…): use that start or another --out`,
      );
    return record.pass1;
  }
  options.events?.evaluatingStart?.(start.checkpoint);
  const pass1 = await evaluateCheckpoint(start.checkpoint, heldOut);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ finalEval: heldOut.finalEval, sha256: start.sha256, pass1 })}\n`);
  return pass1;
}

const runCurve = (record: RunRecord): RunCurve => ({
  name: record.result.name,
  seed: record.result.seed,
  commit: record.code.commit,
  blockSteps: record.blockSteps,
  curve: record.curve,
});

/** Per run, the mean and spread over its finished seeds of their recorded curves. */
function curvesByRun(repro: ReproConfig, records: readonly RunRecord[]): Summary["curves"] {
  const out: Summary["curves"] = {};
  for (const [index, spec] of repro.runs.entries()) {
    const seeds = records.filter((r) => r.result.name === spec.name);
    if (seeds.length === 0) continue;
    // The smoothing window is in steps; a record's point already averages blockSteps of them.
    const window = Math.max(1, Math.round(repro.smoothing / seeds[0]!.blockSteps));
    const curves = Object.fromEntries(
      CURVE_FIELDS.map((field) => [
        field,
        curve(
          seeds.map((s) => s.curve),
          field,
          window,
        ),
      ]),
    ) as Record<CurveField, Point[]>;
    out[spec.name] = { label: spec.label, index, curves };
  }
  return out;
}
