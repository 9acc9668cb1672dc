/** What a run leaves in its folder besides checkpoints: its metrics and, once finished, its result. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { StepMetrics } from "../train/metrics.ts";
import { METRICS_FILE } from "../train/rl.ts";
import { FamilyPass1Schema } from "./held-out.ts";

export const RESULT_FILE = "result.json";

/** A finished run: its final held-out Pass@1 per family. */
export const RunResultSchema = z.object({
  name: z.string(),
  seed: z.number().int(),
  steps: z.number().int(),
  pass1: FamilyPass1Schema,
  /** Training and periodic evaluation, summed over the run's steps (across resumptions). */
  trainSeconds: z.number().min(0),
});
export type RunResult = z.output<typeof RunResultSchema>;

export async function readResult(dir: string): Promise<RunResult | undefined> {
  const text = await readFile(join(dir, RESULT_FILE), "utf8").catch(() => undefined);
  return text === undefined ? undefined : RunResultSchema.parse(JSON.parse(text));
}

export async function writeResult(dir: string, result: RunResult): Promise<void> {
  await writeFile(join(dir, RESULT_FILE), `${JSON.stringify(result, null, 2)}\n`);
}

export async function readMetrics(dir: string): Promise<StepMetrics[]> {
  const text = await readFile(join(dir, METRICS_FILE), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as StepMetrics);
}
