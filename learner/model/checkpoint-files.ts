/** The files both checkpoint layouts share, and how they are written and read. */
import { access, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoredTensor } from "./safetensors.ts";

export const CONFIG_FILE = "config.json";
export const WEIGHTS_FILE = "model.safetensors";

/** What a checkpoint holds besides the weights: tensors of the caller's (optimizer moments, say) and a JSON value. */
export interface CheckpointExtras {
  tensors?: Record<string, StoredTensor>;
  metadata?: unknown;
}

/** Writes through a temporary file, so a crash mid-write leaves the previous file intact. */
export async function replaceAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await write(`${path}.tmp`);
  await rename(`${path}.tmp`, path);
}

export function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  return replaceAtomically(path, (tmp) => writeFile(tmp, data));
}

export const writeJsonAtomically = (path: string, value: unknown) =>
  writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);

export const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A directory's `config.json`, parsed; the errors say which directory and why. */
export async function readConfigJson(dir: string): Promise<unknown> {
  const path = join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    const expected = `a directory with ${CONFIG_FILE} and the weights: an \`rlvr sft\` or \`rlvr train\` output, or a Hugging Face Qwen2 download`;
    if (!(await exists(dir))) throw new Error(`checkpoint not found: ${dir} (expected ${expected})`);
    throw new Error(`${dir} is not a checkpoint: it has no readable ${CONFIG_FILE} (expected ${expected})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
}

/** The safetensors metadata key under which a checkpoint keeps its JSON metadata value. */
const METADATA_KEY = "rlvr";

export function encodeMetadata(value: unknown): Record<string, string> {
  return value === undefined ? {} : { [METADATA_KEY]: JSON.stringify(value) };
}

export function decodeMetadata(metadata: Record<string, string>): unknown {
  const raw = metadata[METADATA_KEY];
  return raw === undefined ? undefined : JSON.parse(raw);
}
