/**
 * What the dashboard's server-sent events carry (`GET /events`): a run joins, a run logs a step, the
 * command finished and left these files. The page and any other client read them with this schema.
 */
import { z } from "zod";

export const RunJoinedSchema = z.object({
  type: z.literal("run"),
  run: z.string(),
  label: z.string(),
});

/** A step's metrics line as `metrics.jsonl` holds it (StepMetrics); fields vary with the objective. */
export const StepLoggedSchema = z.object({
  type: z.literal("step"),
  run: z.string(),
  metrics: z.looseObject({ step: z.number().int().min(0) }),
});

export const FinishedSchema = z.object({
  type: z.literal("finished"),
  /** The command's outputs, each served at `href` by the dashboard while it runs. */
  links: z.array(z.object({ label: z.string(), href: z.string(), path: z.string() })),
});

export const DashboardEventSchema = z.discriminatedUnion("type", [
  RunJoinedSchema,
  StepLoggedSchema,
  FinishedSchema,
]);
export type DashboardEvent = z.output<typeof DashboardEventSchema>;
export type StepLogged = z.output<typeof StepLoggedSchema>;
