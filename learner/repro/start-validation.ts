/**
 * The step-0 point of a run's validation curve: the starting checkpoint's validation Pass@1 on the
 * run's own held-out split, with the run's settings and evaluation stream (as training evaluates its
 * later steps), measured before the first step and kept in the run's folder.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { GraderClient } from "../../shared/clients/grader.ts";
import { loadTask } from "../train/data.ts";
import { validationPass1 } from "../train/rl.ts";
import { withCheckpointPolicy } from "./held-out.ts";
import type { PlannedRun } from "./plan.ts";

export const START_VALIDATION_FILE = "start-validation.json";

export const StartValidationSchema = z.object({
  valPass1: z.number().min(0).max(1),
  valPass1BySet: z.record(z.string(), z.number().min(0).max(1)),
  evalSeconds: z.number().min(0),
});
export type StartValidation = z.output<typeof StartValidationSchema>;

/** The run's step-0 validation, or undefined for a run recorded before it was measured. */
export async function readStartValidation(dir: string): Promise<StartValidation | undefined> {
  const text = await readFile(join(dir, START_VALIDATION_FILE), "utf8").catch(() => undefined);
  return text === undefined ? undefined : StartValidationSchema.parse(JSON.parse(text));
}

/** Measures the run's step-0 validation and writes it into the run's folder. */
export async function validateStart(run: PlannedRun, grader: GraderClient): Promise<StartValidation> {
  const { config } = run;
  if (!("checkpoint" in config.model))
    throw new Error(`${run.dir}: a reproduction run starts from a checkpoint`);
  const started = performance.now();
  const { test } = await loadTask(config.task, config.seed);
  const result = await withCheckpointPolicy(config.model.checkpoint, config.tokenizer, (policy) =>
    validationPass1(policy, test, grader, config, 0),
  );
  const validation: StartValidation = {
    valPass1: result.average,
    valPass1BySet: result.bySet,
    evalSeconds: (performance.now() - started) / 1000,
  };
  await writeFile(join(run.dir, START_VALIDATION_FILE), `${JSON.stringify(validation, null, 2)}\n`);
  return validation;
}
