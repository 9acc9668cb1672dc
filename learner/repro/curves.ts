/**
 * Training curves of Figures 4 and 5 from the runs' metrics: each quantity averaged over a run's seeds
 * step by step, the per-step ones optionally smoothed by a trailing moving average.
 */
import { trailingMean } from "../../shared/reports/smoothing.ts";
import type { StepMetrics } from "../train/metrics.ts";

export const CURVE_FIELDS = ["entropy", "valPass1", "meanReward", "allCorrectShare"] as const;
export type CurveField = (typeof CURVE_FIELDS)[number];

export const CURVE_TITLES: Record<CurveField, string> = {
  entropy: "Entropy (nats per token)",
  valPass1: "Validation Pass@1",
  meanReward: "Reward",
  allCorrectShare: "100% solved ratio",
};

/** Logged on every step (the others only on evaluation steps, and are never smoothed). */
const PER_STEP: readonly CurveField[] = ["entropy", "meanReward", "allCorrectShare"];

export interface Point {
  x: number;
  y: number;
}

/** Per step, the mean over the seeds that logged the field at that step. */
export function meanOverSeeds(seeds: readonly (readonly StepMetrics[])[], field: CurveField): Point[] {
  const byStep = new Map<number, number[]>();
  for (const metrics of seeds) {
    for (const m of metrics) {
      const value = m[field];
      if (typeof value !== "number") continue;
      const values = byStep.get(m.step) ?? [];
      values.push(value);
      byStep.set(m.step, values);
    }
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([x, values]) => ({ x, y: values.reduce((a, b) => a + b, 0) / values.length }));
}

export function curve(
  seeds: readonly (readonly StepMetrics[])[],
  field: CurveField,
  smoothing: number,
): Point[] {
  const points = meanOverSeeds(seeds, field);
  if (!PER_STEP.includes(field)) return points;
  const smoothed = trailingMean(
    points.map((p) => p.y),
    smoothing,
  );
  return points.map((p, i) => ({ x: p.x, y: smoothed[i]! }));
}
