/**
 * Training curves of Figures 4 and 5 from the runs' metrics: each quantity's mean over a run's seeds
 * step by step with its standard deviation over them (the band), the per-step ones smoothed seed by
 * seed by a trailing moving average first. Validation Pass@1 starts at step 0, the starting
 * checkpoint, for runs that measured it.
 */
import { trailingMean } from "../../shared/reports/smoothing.ts";
import type { StepMetrics } from "../train/metrics.ts";
import { meanStd } from "./aggregate.ts";

export const CURVE_FIELDS = ["entropy", "valPass1", "meanReward", "allCorrectShare"] as const;
export type CurveField = (typeof CURVE_FIELDS)[number];

export const CURVE_TITLES: Record<CurveField, string> = {
  entropy: "Entropy (nats per token)",
  valPass1: "Validation Pass@1",
  meanReward: "Reward",
  allCorrectShare: "100% solved ratio",
};

/** Logged on every step (the others only on evaluation steps, and are never smoothed). */
export const PER_STEP_FIELDS: readonly CurveField[] = ["entropy", "meanReward", "allCorrectShare"];

/** One step of one seed: what its metrics line (or, at step 0, its start validation) recorded. */
export type SeedRecord = Pick<StepMetrics, "step"> & Partial<Pick<StepMetrics, CurveField>>;

export interface Point {
  x: number;
  /** Mean over the seeds that logged the field at this step. */
  y: number;
  /** Their sample standard deviation, where two or more seeds logged it. */
  std?: number;
}

/** Per step, the mean (and spread) over the seeds that logged the field at that step. */
export function meanOverSeeds(seeds: readonly (readonly SeedRecord[])[], field: CurveField): Point[] {
  const byStep = new Map<number, number[]>();
  for (const records of seeds) {
    for (const record of records) {
      const value = record[field];
      if (typeof value !== "number") continue;
      const values = byStep.get(record.step) ?? [];
      values.push(value);
      byStep.set(record.step, values);
    }
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([x, values]) => {
      const { mean, std, n } = meanStd(values);
      return n > 1 ? { x, y: mean, std } : { x, y: mean };
    });
}

export function curve(
  seeds: readonly (readonly SeedRecord[])[],
  field: CurveField,
  smoothing: number,
): Point[] {
  if (!PER_STEP_FIELDS.includes(field)) return meanOverSeeds(seeds, field);
  return meanOverSeeds(
    seeds.map((records) => smoothed(records, field, smoothing)),
    field,
  );
}

/** One seed's values of the field, step by step, each replaced by its trailing mean. */
function smoothed(records: readonly SeedRecord[], field: CurveField, window: number): SeedRecord[] {
  const logged = records.filter((r) => typeof r[field] === "number").sort((a, b) => a.step - b.step);
  const values = trailingMean(
    logged.map((r) => r[field]!),
    window,
  );
  return logged.map((r, i) => ({ step: r.step, [field]: values[i] }));
}
