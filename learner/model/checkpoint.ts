/**
 * Checkpoint directories, in either of two layouts that `config.json` tells apart:
 * - the learner's own (`rlvr`): `config.json` is the ModelConfig, and `model.safetensors` holds the
 *   weights under their parameter names in the learner's shapes, any extra tensors the caller adds
 *   (optimizer moments, say) under names of its own, and a JSON metadata value (step, RNG state...);
 * - Hugging Face's (`hf`, a `config.json` with `model_type`): a Qwen2 checkpoint as `transformers`
 *   saves it, with the extras and metadata in a file beside it (hf/load.ts, hf/save.ts).
 */
import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type CheckpointExtras,
  CONFIG_FILE,
  decodeMetadata,
  encodeMetadata,
  exists,
  readConfigJson,
  replaceAtomically,
  WEIGHTS_FILE,
  writeJsonAtomically,
} from "./checkpoint-files.ts";
import { describeIssues, type ModelConfig, ModelConfigSchema } from "./config.ts";
import type { Model } from "./forward.ts";
import { isHfConfig, modelConfigFromHf } from "./hf/config.ts";
import { INDEX_FILE, readIndex, STATE_FILE } from "./hf/files.ts";
import { type HfSource, loadHfCheckpoint } from "./hf/load.ts";
import { type HfSaveOptions, saveHfCheckpoint } from "./hf/save.ts";
import { paramSpecs, paramsFromStored } from "./params.ts";
import type { StoredTensor } from "./safetensors.ts";
import {
  openSafetensors,
  type PendingTensor,
  readSafetensorsMetadata,
  writeSafetensors,
} from "./safetensors-stream.ts";

export { type CheckpointExtras, CONFIG_FILE, WEIGHTS_FILE };

export const SAVE_FORMATS = ["rlvr", "hf"] as const;
export type SaveFormat = (typeof SAVE_FORMATS)[number];
export type SaveLayout = { format: "rlvr" } | ({ format: "hf" } & HfSaveOptions);

export interface LoadedCheckpoint {
  model: Model;
  /** Tensors that are not model parameters, as stored. */
  tensors: Record<string, StoredTensor>;
  metadata: unknown;
  /** Set when the directory holds a Hugging Face checkpoint. */
  hf?: HfSource;
}

/**
 * How to save a model: in `format` when one is asked for, else in the layout it was loaded from
 * (Hugging Face's when `hf` is set), so that a run from a Hub checkpoint gives Hub checkpoints.
 */
export function saveLayoutFor(format: SaveFormat | undefined, hf: HfSource | undefined): SaveLayout {
  return (format ?? (hf ? "hf" : "rlvr")) === "hf" ? { format: "hf", source: hf } : { format: "rlvr" };
}

export async function saveCheckpoint(
  dir: string,
  model: Model,
  extras: CheckpointExtras = {},
  layout: SaveLayout = { format: "rlvr" },
): Promise<void> {
  const { format, ...options } = layout;
  if (format === "hf") return saveHfCheckpoint(dir, model, extras, options);
  const tensors: Record<string, PendingTensor> = {};
  for (const [name, v] of Object.entries(model.params)) {
    tensors[name] = { dtype: "F32", shape: [...v.shape], data: async () => (await v.data()) as Float32Array };
  }
  for (const [name, t] of Object.entries(extras.tensors ?? {})) {
    if (name in tensors) throw new Error(`extra tensor ${name} clashes with a parameter`);
    tensors[name] = { dtype: t.dtype, shape: t.shape, data: async () => t.data };
  }
  await mkdir(dir, { recursive: true });
  await replaceAtomically(join(dir, WEIGHTS_FILE), (tmp) =>
    writeSafetensors(tmp, tensors, encodeMetadata(extras.metadata)),
  );
  await writeJsonAtomically(join(dir, CONFIG_FILE), model.config);
}

function learnerConfig(dir: string, raw: unknown): ModelConfig {
  const parsed = ModelConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new Error(
    `${join(dir, CONFIG_FILE)} is neither the learner's model config (${describeIssues(parsed.error)}) nor a Hugging Face one (it has no model_type)`,
  );
}

async function loadLearnerCheckpoint(dir: string, raw: unknown): Promise<LoadedCheckpoint> {
  const config = learnerConfig(dir, raw);
  const reader = await openSafetensors(join(dir, WEIGHTS_FILE));
  try {
    const { entries, metadata } = reader.header;
    const names = new Set(paramSpecs(config).map((s) => s.name));
    // The extras first, so that no failure after the weights leaves them allocated.
    const tensors: Record<string, StoredTensor> = {};
    for (const name of Object.keys(entries)) if (!names.has(name)) tensors[name] = await reader.read(name);
    const params = await paramsFromStored(
      config,
      async (spec) => (spec.name in entries ? reader.read(spec.name) : undefined),
      dir,
    );
    return { model: { config, params }, tensors, metadata: decodeMetadata(metadata) };
  } finally {
    await reader.close();
  }
}

/** A checkpoint's model config, from its config.json alone (no weights are read). */
export async function readCheckpointConfig(dir: string): Promise<ModelConfig> {
  const raw = await readConfigJson(dir);
  return isHfConfig(raw) ? modelConfigFromHf(raw, join(dir, CONFIG_FILE)) : learnerConfig(dir, raw);
}

/** Loads either layout. */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const raw = await readConfigJson(dir);
  if (!isHfConfig(raw)) return loadLearnerCheckpoint(dir, raw);
  const { source, ...loaded } = await loadHfCheckpoint(dir, raw);
  return { ...loaded, hf: source };
}

/** The files that hold a checkpoint's weights (a sharded one's index first, then its shards). */
export async function weightFiles(dir: string): Promise<string[]> {
  const index = join(dir, INDEX_FILE);
  if (!(await exists(index))) {
    await access(join(dir, WEIGHTS_FILE));
    return [join(dir, WEIGHTS_FILE)];
  }
  const shards = new Set(Object.values(await readIndex(index)));
  return [index, ...[...shards].sort().map((f) => join(dir, f))];
}

/** A checkpoint's layout and metadata value, from headers alone (no weights are read). */
export async function inspectCheckpoint(dir: string): Promise<{ format: SaveFormat; metadata: unknown }> {
  const hf = isHfConfig(await readConfigJson(dir));
  const path = join(dir, hf ? STATE_FILE : WEIGHTS_FILE);
  const metadata = hf && !(await exists(path)) ? {} : await readSafetensorsMetadata(path);
  return { format: hf ? "hf" : "rlvr", metadata: decodeMetadata(metadata) };
}
