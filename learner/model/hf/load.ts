/** Loads a Hugging Face Qwen2 checkpoint directory into the learner's model, tensor by tensor. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_FILE, decodeMetadata, exists } from "../checkpoint-files.ts";
import type { Model } from "../forward.ts";
import { paramSpecs, paramsFromStored } from "../params.ts";
import type { StoredTensor } from "../safetensors.ts";
import { readSafetensors } from "../safetensors-stream.ts";
import { modelConfigFromHf, QWEN2_ARCHITECTURE } from "./config.ts";
import { GENERATION_CONFIG_FILE, openHfWeights, STATE_FILE, TOKENIZER_FILES } from "./files.ts";
import { fromHfLayout, isIgnoredHfTensor } from "./weights.ts";

/**
 * What a checkpoint saved from this model carries over from the one it was loaded from: the config
 * (token ids and other fields the learner does not read) and the tokenizer and generation files,
 * held in memory so that a run may delete the directory they came from (old step checkpoints).
 */
export interface HfSource {
  config: Record<string, unknown>;
  files: Record<string, Uint8Array>;
}

export interface LoadedHfCheckpoint {
  model: Model;
  /** The learner's own tensors saved beside the weights (optimizer moments...), if any. */
  tensors: Record<string, StoredTensor>;
  metadata: unknown;
  source: HfSource;
}

async function sourceFiles(dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of [...TOKENIZER_FILES, GENERATION_CONFIG_FILE]) {
    const path = join(dir, name);
    if (await exists(path)) files[name] = await readFile(path);
  }
  return files;
}

/** `raw` is the directory's parsed `config.json`. */
export async function loadHfCheckpoint(dir: string, raw: unknown): Promise<LoadedHfCheckpoint> {
  const config = modelConfigFromHf(raw, join(dir, CONFIG_FILE));
  // Read before the weights, so that no failure after them leaves weights allocated.
  const state = (await exists(join(dir, STATE_FILE)))
    ? await readSafetensors(join(dir, STATE_FILE))
    : { tensors: {}, metadata: {} };
  const files = await sourceFiles(dir);
  const weights = await openHfWeights(dir);
  let model: Model;
  try {
    const expected = new Set(paramSpecs(config).map((s) => s.name));
    const unexpected = weights.names.filter((n) => !expected.has(n) && !isIgnoredHfTensor(n, config));
    if (unexpected.length) {
      const more = unexpected.length > 5 ? ` and ${unexpected.length - 5} more` : "";
      throw new Error(
        `${dir} holds tensors that a ${QWEN2_ARCHITECTURE} of its config.json lacks: ${unexpected.slice(0, 5).join(", ")}${more}`,
      );
    }
    const present = new Set(weights.names);
    const params = await paramsFromStored(
      config,
      async (spec) =>
        present.has(spec.name) ? fromHfLayout(spec, await weights.read(spec.name)) : undefined,
      dir,
    );
    model = { config, params };
  } finally {
    await weights.close();
  }
  return {
    model,
    tensors: state.tensors,
    metadata: decodeMetadata(state.metadata),
    source: { config: raw as Record<string, unknown>, files },
  };
}
