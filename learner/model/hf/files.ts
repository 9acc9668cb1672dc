/**
 * The files of a Hugging Face checkpoint directory besides `config.json`: the weights, in one
 * `model.safetensors` or in shards that `model.safetensors.index.json` maps tensor by tensor, the
 * tokenizer's files and `generation_config.json`; and the one file the learner adds beside them.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { exists, WEIGHTS_FILE } from "../checkpoint-files.ts";
import { describeIssues } from "../config.ts";
import type { StoredTensor } from "../safetensors.ts";
import { openSafetensors, type SafetensorsReader } from "../safetensors-stream.ts";

export const INDEX_FILE = "model.safetensors.index.json";
export const GENERATION_CONFIG_FILE = "generation_config.json";
/**
 * The learner's own tensors (optimizer moments, reference weights) and metadata (a run's state):
 * kept out of the weights files, which `transformers` and vLLM read name by name.
 */
export const STATE_FILE = "rlvr-state.safetensors";
/** What the tokenizer of a checkpoint may consist of; copied as they are into a saved checkpoint. */
export const TOKENIZER_FILES = [
  "tokenizer.json",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "added_tokens.json",
  "vocab.json",
  "merges.txt",
  "tokenizer.model",
  "chat_template.jinja",
];
const PYTORCH_WEIGHTS = ["pytorch_model.bin", "pytorch_model.bin.index.json"];

const IndexSchema = z.looseObject({
  metadata: z.looseObject({ total_size: z.number().int().min(0).optional() }).optional(),
  weight_map: z.record(z.string(), z.string()),
});

/** Shard file names as transformers writes them: `model-00001-of-00003.safetensors`. */
export const shardName = (index: number, count: number) =>
  `model-${String(index).padStart(5, "0")}-of-${String(count).padStart(5, "0")}.safetensors`;

export interface HfWeights {
  names: string[];
  read(name: string): Promise<StoredTensor>;
  close(): Promise<void>;
}

async function closeAll(readers: SafetensorsReader[]): Promise<void> {
  await Promise.all(readers.map((r) => r.close()));
}

/** The tensor-to-shard map of an index file. */
export async function readIndex(path: string): Promise<Record<string, string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = IndexSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: ${describeIssues(parsed.error)}`);
  return parsed.data.weight_map;
}

async function missingWeights(dir: string): Promise<Error> {
  const pytorch: string[] = [];
  for (const file of PYTORCH_WEIGHTS) if (await exists(join(dir, file))) pytorch.push(file);
  return new Error(
    pytorch.length
      ? `${dir} holds PyTorch weights (${pytorch.join(", ")}); the learner reads safetensors only: save them with transformers' save_pretrained(dir, safe_serialization=True)`
      : `${dir} has neither ${WEIGHTS_FILE} nor ${INDEX_FILE}`,
  );
}

/** The weights of a directory, sharded or not; each tensor is read on request. */
export async function openHfWeights(dir: string): Promise<HfWeights> {
  const indexPath = join(dir, INDEX_FILE);
  const index = (await exists(indexPath)) ? await readIndex(indexPath) : undefined;
  if (!index && !(await exists(join(dir, WEIGHTS_FILE)))) throw await missingWeights(dir);
  const files = index ? [...new Set(Object.values(index))].sort() : [WEIGHTS_FILE];
  const readers: SafetensorsReader[] = [];
  try {
    for (const file of files) readers.push(await openSafetensors(join(dir, file)));
    const fileOf =
      index ??
      Object.fromEntries(Object.keys(readers[0]!.header.entries).map((name) => [name, WEIGHTS_FILE]));
    const readerOf = new Map<string, SafetensorsReader>();
    for (const [name, file] of Object.entries(fileOf)) {
      const reader = readers[files.indexOf(file)]!;
      if (!(name in reader.header.entries))
        throw new Error(`${indexPath} puts ${name} in ${file}, which lacks it`);
      readerOf.set(name, reader);
    }
    return {
      names: [...readerOf.keys()],
      read: async (name) => {
        const reader = readerOf.get(name);
        if (!reader) throw new Error(`${dir} has no tensor ${name}`);
        return reader.read(name);
      },
      close: () => closeAll(readers),
    };
  } catch (error) {
    await closeAll(readers);
    throw error;
  }
}
