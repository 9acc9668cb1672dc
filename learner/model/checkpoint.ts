import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { type ModelConfig, parseModelConfig } from "./config.ts";
import type { Model } from "./forward.ts";
import { type Params, paramSpecs } from "./params.ts";
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from "./safetensors.ts";

export const CONFIG_FILE = "config.json";
export const WEIGHTS_FILE = "model.safetensors";
const METADATA_KEY = "rlvr";

/**
 * A checkpoint directory: `config.json` (the model config) and `model.safetensors` holding the
 * weights under their parameter names, any extra tensors the caller adds (optimizer moments, say)
 * under names of its own, and a JSON metadata value (step, RNG state...) in `__metadata__`.
 */
export interface CheckpointExtras {
  tensors?: Record<string, StoredTensor>;
  metadata?: unknown;
}

export interface LoadedCheckpoint {
  model: Model;
  /** Tensors that are not model parameters, as stored. */
  tensors: Record<string, StoredTensor>;
  metadata: unknown;
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  // A crash mid-write leaves the previous file intact.
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
}

export async function saveCheckpoint(
  dir: string,
  model: Model,
  extras: CheckpointExtras = {},
): Promise<void> {
  const tensors: Record<string, StoredTensor> = {};
  for (const [name, v] of Object.entries(model.params)) {
    tensors[name] = { dtype: "F32", shape: [...v.shape], data: (await v.data()) as Float32Array };
  }
  for (const [name, t] of Object.entries(extras.tensors ?? {})) {
    if (name in tensors) throw new Error(`extra tensor ${name} clashes with a parameter`);
    tensors[name] = t;
  }
  const metadata: Record<string, string> =
    extras.metadata === undefined ? {} : { [METADATA_KEY]: JSON.stringify(extras.metadata) };
  await mkdir(dir, { recursive: true });
  await writeAtomically(join(dir, WEIGHTS_FILE), encodeSafetensors({ tensors, metadata }));
  await writeAtomically(join(dir, CONFIG_FILE), `${JSON.stringify(model.config, null, 2)}\n`);
}

/** Weights from stored tensors, checked against the config's layout. */
export function paramsFromTensors(config: ModelConfig, tensors: Record<string, StoredTensor>): Params {
  const params: Params = {};
  for (const spec of paramSpecs(config)) {
    const t = tensors[spec.name];
    if (!t) throw new Error(`checkpoint lacks ${spec.name}`);
    if (t.dtype !== "F32" || t.shape.join(",") !== spec.shape.join(",")) {
      throw new Error(`${spec.name}: expected F32 [${spec.shape}], found ${t.dtype} [${t.shape}]`);
    }
    const initial = tf.tensor(t.data, spec.shape, "float32");
    params[spec.name] = tf.variable(initial, true);
    initial.dispose();
  }
  return params;
}

export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const config = parseModelConfig(JSON.parse(await readFile(join(dir, CONFIG_FILE), "utf8")));
  const file = decodeSafetensors(await readFile(join(dir, WEIGHTS_FILE)));
  const params = paramsFromTensors(config, file.tensors);
  const tensors = Object.fromEntries(Object.entries(file.tensors).filter(([name]) => !(name in params)));
  const raw = file.metadata[METADATA_KEY];
  return { model: { config, params }, tensors, metadata: raw === undefined ? undefined : JSON.parse(raw) };
}
