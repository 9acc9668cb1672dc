/** `summary.json`: what a demo run did and measured, for people and for tests to read back. */
import { z } from "zod";
import { EvaluationResultSchema } from "../../shared/contracts/evaluation.ts";
import { TrainConfigSchema } from "../train/config.ts";
import { Pass1ChangeSchema } from "./comparison.ts";

export const DemoSummarySchema = z.object({
  /** The command line, as typed. */
  command: z.string(),
  quick: z.boolean(),
  /** The RL recipe's config file and the checkpoint training started from. */
  recipe: z.string(),
  warmStart: z.string(),
  /** The training config as run (the recipe with the flags applied). */
  config: TrainConfigSchema,
  /** How Pass@1 was measured before and after, by the evaluation service. */
  evaluation: z.object({
    k: z.number().int().positive(),
    problemsPerFamily: z.number().int().positive(),
    temperature: z.number().positive(),
    maxNewTokens: z.number().int().positive(),
    seed: z.number().int().min(0),
  }),
  before: EvaluationResultSchema,
  after: EvaluationResultSchema,
  comparison: z.array(Pass1ChangeSchema),
  seconds: z.object({
    stack: z.number(),
    before: z.number(),
    training: z.number(),
    after: z.number(),
    total: z.number(),
  }),
  machine: z.object({ cpus: z.number().int(), cpu: z.string(), backend: z.string(), node: z.string() }),
  /** The processes the demo started (all stopped before this file is written). */
  processes: z.array(z.object({ name: z.string(), pid: z.number().int() })),
});
export type DemoSummary = z.output<typeof DemoSummarySchema>;
