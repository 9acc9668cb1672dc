/**
 * Saves a model as a Hugging Face Qwen2 checkpoint that `transformers` and vLLM open unchanged:
 * `config.json`, float32 weights under Hugging Face names and shapes (sharded with an index above a
 * size), `generation_config.json` and the source checkpoint's tokenizer files. The learner's own
 * tensors and metadata go to a file of their own beside them.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type CheckpointExtras,
  CONFIG_FILE,
  encodeMetadata,
  replaceAtomically,
  WEIGHTS_FILE,
  writeFileAtomically,
  writeJsonAtomically,
} from "../checkpoint-files.ts";
import type { Model } from "../forward.ts";
import { paramSpecs } from "../params.ts";
import { elementCount } from "../safetensors.ts";
import { type PendingTensor, writeSafetensors } from "../safetensors-stream.ts";
import { hfConfigFor } from "./config.ts";
import { GENERATION_CONFIG_FILE, INDEX_FILE, STATE_FILE, shardName } from "./files.ts";
import type { HfSource } from "./load.ts";
import { hfShape, toHfLayout } from "./weights.ts";

/** transformers' `save_pretrained` default ("5GB"). */
const DEFAULT_SHARD_BYTES = 5e9;

export interface HfSaveOptions {
  /** The checkpoint the model was loaded from, whose config fields and files carry over. */
  source?: HfSource;
  /** Weights files hold at most this many bytes (a larger single tensor gets a file of its own). */
  shardBytes?: number;
}

/** The model's weights as Hugging Face stores them, in the learner's parameter order. */
function hfTensors(model: Model): [string, PendingTensor][] {
  // Qwen2's q, k and v projections always have a bias: a model without them saves zeros, which compute the same.
  return paramSpecs({ ...model.config, qkvBias: true }).map((spec) => {
    const variable = model.params[spec.name];
    const data = variable
      ? async () => toHfLayout(spec, (await variable.data()) as Float32Array)
      : async () => new Float32Array(elementCount(spec.shape));
    return [spec.name, { dtype: "F32", shape: hfShape(spec), data }];
  });
}

/** Consecutive groups of tensors of at most `limit` bytes each. */
function shardsOf(tensors: [string, PendingTensor][], limit: number): [string, PendingTensor][][] {
  const shards: [string, PendingTensor][][] = [];
  let current: [string, PendingTensor][] = [];
  let bytes = 0;
  for (const entry of tensors) {
    const size = elementCount(entry[1].shape) * 4;
    if (current.length && bytes + size > limit) {
      shards.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  shards.push(current);
  return shards;
}

// transformers refuses safetensors weights whose metadata does not name a framework.
const WEIGHTS_METADATA = { format: "pt" };

async function writeWeights(dir: string, model: Model, shardBytes: number): Promise<void> {
  const shards = shardsOf(hfTensors(model), shardBytes);
  if (shards.length === 1) {
    await replaceAtomically(join(dir, WEIGHTS_FILE), (tmp) =>
      writeSafetensors(tmp, Object.fromEntries(shards[0]!), WEIGHTS_METADATA),
    );
    // An index left by an earlier sharded save would take precedence over the new file.
    await rm(join(dir, INDEX_FILE), { force: true });
    return;
  }
  const weightMap: Record<string, string> = {};
  let totalSize = 0;
  for (const [i, shard] of shards.entries()) {
    const file = shardName(i + 1, shards.length);
    await replaceAtomically(join(dir, file), (tmp) =>
      writeSafetensors(tmp, Object.fromEntries(shard), WEIGHTS_METADATA),
    );
    for (const [name, t] of shard) {
      weightMap[name] = file;
      totalSize += elementCount(t.shape) * 4;
    }
  }
  const sorted = Object.fromEntries(Object.entries(weightMap).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeJsonAtomically(join(dir, INDEX_FILE), {
    metadata: { total_size: totalSize },
    weight_map: sorted,
  });
  await rm(join(dir, WEIGHTS_FILE), { force: true });
}

async function writeState(dir: string, extras: CheckpointExtras): Promise<void> {
  const path = join(dir, STATE_FILE);
  const tensors = Object.entries(extras.tensors ?? {});
  if (!tensors.length && extras.metadata === undefined) {
    await rm(path, { force: true });
    return;
  }
  const pending = Object.fromEntries(
    tensors.map(([name, t]) => [name, { dtype: t.dtype, shape: t.shape, data: async () => t.data }]),
  );
  await replaceAtomically(path, (tmp) => writeSafetensors(tmp, pending, encodeMetadata(extras.metadata)));
}

/** What transformers writes for a model without a generation config of its own. */
function defaultGenerationConfig(config: Record<string, unknown>): Record<string, unknown> {
  const ids = ["bos_token_id", "eos_token_id", "pad_token_id"].filter((k) => config[k] !== undefined);
  return { _from_model_config: true, ...Object.fromEntries(ids.map((k) => [k, config[k]])) };
}

export async function saveHfCheckpoint(
  dir: string,
  model: Model,
  extras: CheckpointExtras = {},
  options: HfSaveOptions = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeWeights(dir, model, options.shardBytes ?? DEFAULT_SHARD_BYTES);
  await writeState(dir, extras);
  const files = options.source?.files ?? {};
  for (const [name, bytes] of Object.entries(files)) await writeFileAtomically(join(dir, name), bytes);
  const config = hfConfigFor(model.config, options.source?.config);
  if (!(GENERATION_CONFIG_FILE in files)) {
    await writeJsonAtomically(join(dir, GENERATION_CONFIG_FILE), defaultGenerationConfig(config));
  }
  // Last: a directory with a config.json is a complete checkpoint.
  await writeJsonAtomically(join(dir, CONFIG_FILE), config);
}
