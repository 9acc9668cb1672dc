import { z } from "zod";

/**
 * Learning rate by optimizer step (1-based): a linear warmup from 0 over `warmupSteps`, then constant,
 * or a linear or cosine decay down to `minRatio * peak` at `totalSteps`.
 */
export const ScheduleSchema = z
  .object({
    kind: z.enum(["constant", "linear", "cosine"]).default("constant"),
    warmupSteps: z.number().int().min(0).default(0),
    /** Where a decay ends (optimizer steps); required by linear and cosine. */
    totalSteps: z.number().int().positive().optional(),
    minRatio: z.number().min(0).max(1).default(0),
  })
  .strict()
  .refine((s) => s.kind === "constant" || s.totalSteps !== undefined, {
    message: "linear and cosine schedules need totalSteps",
    path: ["totalSteps"],
  });
export type Schedule = z.output<typeof ScheduleSchema>;
export type ScheduleInput = z.input<typeof ScheduleSchema>;

export function learningRateAt(peak: number, schedule: Schedule, step: number): number {
  if (schedule.warmupSteps > 0 && step <= schedule.warmupSteps) return (peak * step) / schedule.warmupSteps;
  if (schedule.kind === "constant") return peak;
  const span = Math.max(1, schedule.totalSteps! - schedule.warmupSteps);
  const progress = Math.min(1, (step - schedule.warmupSteps) / span);
  const shape = schedule.kind === "linear" ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
  return peak * (schedule.minRatio + (1 - schedule.minRatio) * shape);
}
