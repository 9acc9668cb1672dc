/**
 * Trainer checkpoints: `<run>/checkpoints/step-NNNNNN/` holds the weights, the optimizer moments,
 * the frozen reference weights when a KL term needs them, and in the metadata everything else a
 * resumed run needs to continue exactly (config, step, data cursor, sampling RNG state).
 */
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import { type SaveLayout, saveCheckpoint } from "../model/checkpoint.ts";
import type { Model } from "../model/forward.ts";
import type { Params } from "../model/params.ts";
import type { StoredTensor } from "../model/safetensors.ts";
import type { AdamW } from "../optim/adamw.ts";
import { TrainConfigSchema } from "./config.ts";

export const REFERENCE_PREFIX = "reference.";

export const TrainerStateSchema = z.object({
  kind: z.literal("rlvr-rl"),
  config: TrainConfigSchema,
  /** Steps completed. */
  step: z.number().int().min(0),
  /** Position in the training-problem stream. */
  cursor: z.number().int().min(0),
  rngState: z.number().int().min(0),
  optimizerStep: z.number().int().min(0),
});
export type TrainerState = z.output<typeof TrainerStateSchema>;

export const checkpointsDir = (runDir: string) => join(runDir, "checkpoints");
const stepDirName = (step: number) => `step-${String(step).padStart(6, "0")}`;

async function tensorsOf(params: Params, prefix: string): Promise<Record<string, StoredTensor>> {
  const out: Record<string, StoredTensor> = {};
  for (const [name, v] of Object.entries(params)) {
    out[`${prefix}${name}`] = { dtype: "F32", shape: [...v.shape], data: (await v.data()) as Float32Array };
  }
  return out;
}

export async function saveTrainerCheckpoint(
  runDir: string,
  model: Model,
  optimizer: AdamW,
  state: TrainerState,
  layout: SaveLayout,
  reference?: Model,
): Promise<string> {
  const dir = join(checkpointsDir(runDir), stepDirName(state.step));
  const tensors = {
    ...(await optimizer.stateTensors()),
    ...(reference ? await tensorsOf(reference.params, REFERENCE_PREFIX) : {}),
  };
  await saveCheckpoint(dir, model, { tensors, metadata: state }, layout);
  return dir;
}

/** The newest step checkpoint of a run, or undefined when it has none. */
export async function latestCheckpoint(runDir: string): Promise<string | undefined> {
  const names = await stepDirs(runDir);
  return names.length ? join(checkpointsDir(runDir), names[names.length - 1]!) : undefined;
}

/** Deletes all but the newest `keep` step checkpoints (0 keeps all). */
export async function pruneCheckpoints(runDir: string, keep: number): Promise<void> {
  if (keep === 0) return;
  const names = await stepDirs(runDir);
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    await rm(join(checkpointsDir(runDir), name), { recursive: true, force: true });
  }
}

async function stepDirs(runDir: string): Promise<string[]> {
  const names = await readdir(checkpointsDir(runDir)).catch(() => [] as string[]);
  return names.filter((n) => /^step-\d+$/.test(n)).sort();
}

/** Frozen weights from stored tensors under `prefix` (not trainable). */
export function paramsFromPrefixed(tensors: Record<string, StoredTensor>, prefix: string): Params {
  const params: Params = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!name.startsWith(prefix)) continue;
    const initial = tf.tensor(t.data as Float32Array, t.shape, "float32");
    params[name.slice(prefix.length)] = tf.variable(initial, false);
    initial.dispose();
  }
  return params;
}

/** A frozen copy of `params`. */
export function frozenCopy(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([name, v]) => [name, tf.variable(v, false)]));
}
