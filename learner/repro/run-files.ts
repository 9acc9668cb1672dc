/** What a run leaves in its scratch folder besides checkpoints: its metrics, step by step. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { StepMetrics } from "../train/metrics.ts";
import { METRICS_FILE } from "../train/rl.ts";

export async function readMetrics(dir: string): Promise<StepMetrics[]> {
  const text = await readFile(join(dir, METRICS_FILE), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as StepMetrics);
}
