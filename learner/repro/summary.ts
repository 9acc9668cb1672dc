/**
 * The reproduction's result in one JSON value: what ran, on what, and what came out. What was measured
 * (the inputs) is read back by `summarySchema` to re-render a report; the tables, the outcome and
 * Figure 1 are derived from it by `summarize`, so a re-render applies the current code to them.
 */
import { z } from "zod";
import { type Figure1Data, figure1Data } from "../objectives/figure1.ts";
import { TrainConfigSchema } from "../train/config.ts";
import { type Table1, type Table4, table1, table4 } from "./aggregate.ts";
import {
  learningRatePanels,
  type PairedDifference,
  type Panel,
  pairedDifferences,
  tauPanel,
} from "./comparisons.ts";
import { ReproConfigSchema } from "./config.ts";
import { CURVE_FIELDS, type CurveField } from "./curves.ts";
import { FamilyPass1Schema } from "./held-out.ts";
import { outcome } from "./outcome.ts";
import { CodeSchema, MachineSchema } from "./provenance.ts";
import { RunRecordSchema, RunResultSchema } from "./run-record.ts";
import { type StabilityRow, stabilityTable } from "./stability.ts";
import { StartingPointSchema } from "./start.ts";

const PointSchema = z.object({ x: z.number(), y: z.number(), std: z.number().min(0).optional() });

const MethodCurvesSchema = z.object({
  label: z.string(),
  /** The run's position in the config: its colour. */
  index: z.number().int().min(0),
  curves: z.object(
    Object.fromEntries(CURVE_FIELDS.map((f) => [f, z.array(PointSchema)])) as Record<
      CurveField,
      z.ZodArray<typeof PointSchema>
    >,
  ),
});
export type MethodCurves = z.output<typeof MethodCurvesSchema>;

/** One finished run's recorded curve, for the run-by-run stability verdicts. */
export const RunCurveSchema = z.object({
  name: z.string(),
  seed: z.number().int(),
  /** The commit the run was made with. */
  commit: z.string(),
  blockSteps: RunRecordSchema.shape.blockSteps,
  curve: RunRecordSchema.shape.curve,
});
export type RunCurve = z.output<typeof RunCurveSchema>;

export const SummaryInputsSchema = z.object({
  command: z.string(),
  configPath: z.string(),
  code: CodeSchema,
  machine: MachineSchema,
  /** ISO time this invocation started. */
  startedAt: z.string(),
  /** This invocation, start to report (resumed runs count only the part done now). */
  wallSeconds: z.number().min(0),
  /** Every run's training and evaluation time, whichever invocation did it. */
  computeSeconds: z.number().min(0),
  config: ReproConfigSchema,
  start: StartingPointSchema.extend({ pass1: FamilyPass1Schema }),
  /** The training settings every run shares (the REAL run's config; runs differ only in objective and seed). */
  shared: TrainConfigSchema,
  families: z.array(z.string()),
  /**
   * Per family, the share of held-out problems whose answer is also a training answer (REAL's first
   * seed's training set); absent from summaries written before it was measured.
   */
  answerOverlap: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** Runs × seeds the config plans; absent from summaries written only once every run had finished. */
  plannedRuns: z.number().int().min(1).optional(),
  /** The finished runs (all planned ones unless the study is still under way). */
  runs: z.array(RunResultSchema),
  /** Each finished run's recorded curve; absent from summaries written before records were kept. */
  runCurves: z.array(RunCurveSchema).optional(),
  /** Per run name: its curves, mean and std over seeds (smoothed as configured). */
  curves: z.record(z.string(), MethodCurvesSchema),
  /** Set when the report was rendered again from this file, by other code than the runs'. */
  rerendered: z.object({ at: z.string(), code: CodeSchema }).optional(),
});
export type SummaryInputs = z.output<typeof SummaryInputsSchema>;

export interface Summary extends SummaryInputs {
  table1: Table1;
  table4: Table4;
  /** REAL − each other Table 1 method, paired by seed. */
  pairs: PairedDifference[];
  learningRates: Panel[];
  tau?: Panel;
  stability: StabilityRow[];
  outcome: string[];
  /** Figure 1's curves: autodiff through the project's losses and the closed forms. */
  figure1: Figure1Data;
}

export function summarize(inputs: SummaryInputs): Summary {
  const { families, runs } = inputs;
  const specs = inputs.config.runs;
  const derived = {
    table1: table1(families, specs, runs, inputs.start.pass1),
    table4: table4(families, specs, runs),
    pairs: pairedDifferences(families, specs, runs),
    learningRates: learningRatePanels(families, specs, runs, inputs.shared.optimizer.lr),
    tau: tauPanel(families, specs, runs),
    stability: stabilityTable(specs, inputs.runCurves ?? []),
  };
  const progress = { finished: runs.length, planned: inputs.plannedRuns ?? runs.length };
  return { ...inputs, ...derived, outcome: outcome(derived, progress), figure1: figure1Data() };
}
