/**
 * The reproduction's result in one JSON value: what ran, on what, and what came out. What was measured
 * (the inputs) is read back by `summarySchema` to re-render a report; the tables, the outcome and
 * Figure 1 are derived from it by `summarize`, so a re-render applies the current code to them.
 */
import { z } from "zod";
import { type Figure1Data, figure1Data } from "../objectives/figure1.ts";
import { TrainConfigSchema } from "../train/config.ts";
import { type Table1, type Table4, table1, table4 } from "./aggregate.ts";
import { ReproConfigSchema } from "./config.ts";
import { CURVE_FIELDS, type CurveField } from "./curves.ts";
import { FamilyPass1Schema } from "./held-out.ts";
import { outcome } from "./outcome.ts";
import { CodeSchema, MachineSchema } from "./provenance.ts";
import { RunResultSchema } from "./run-files.ts";
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
  runs: z.array(RunResultSchema),
  /** Per run name: its curves, mean and std over seeds (smoothed as configured). */
  curves: z.record(z.string(), MethodCurvesSchema),
  /** Set when the report was rendered again from this file, by other code than the runs'. */
  rerendered: z.object({ at: z.string(), code: CodeSchema }).optional(),
});
export type SummaryInputs = z.output<typeof SummaryInputsSchema>;

export interface Summary extends SummaryInputs {
  table1: Table1;
  table4: Table4;
  outcome: string[];
  /** Figure 1's curves: autodiff through the project's losses and the closed forms. */
  figure1: Figure1Data;
}

export function summarize(inputs: SummaryInputs): Summary {
  const t1 = table1(inputs.families, inputs.config.runs, inputs.runs, inputs.start.pass1);
  const t4 = table4(inputs.families, inputs.config.runs, inputs.runs);
  return { ...inputs, table1: t1, table4: t4, outcome: outcome(t1, t4), figure1: figure1Data() };
}
