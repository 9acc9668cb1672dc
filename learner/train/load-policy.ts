import { readFile } from "node:fs/promises";
import { loadCheckpoint } from "../model/checkpoint.ts";
import { PRESETS } from "../model/config.ts";
import { createParams } from "../model/params.ts";
import type { StoredTensor } from "../model/safetensors.ts";
import { bpeTokenizer } from "../tokenizers/bpe.ts";
import { charTokenizer } from "../tokenizers/char.ts";
import type { Tokenizer } from "../tokenizers/tokenizer.ts";
import type { ModelSource, TokenizerConfig } from "./config.ts";
import type { Policy } from "./policy.ts";

export async function loadTokenizer(config: TokenizerConfig): Promise<Tokenizer> {
  if (config.kind === "char") return charTokenizer();
  const json = JSON.parse(await readFile(config.path, "utf8"));
  return bpeTokenizer(json, { eos: config.eos, pad: config.pad, bos: config.bos });
}

export interface LoadedPolicy {
  policy: Policy;
  /** What the checkpoint held besides the weights (empty for fresh weights). */
  tensors: Record<string, StoredTensor>;
  metadata: unknown;
}

export async function loadPolicy(
  source: ModelSource,
  tokenizerConfig: TokenizerConfig,
  seed: number,
): Promise<LoadedPolicy> {
  const tokenizer = await loadTokenizer(tokenizerConfig);
  if ("checkpoint" in source) {
    const { model, tensors, metadata } = await loadCheckpoint(source.checkpoint);
    assertFits(tokenizer, model.config.vocabSize);
    return { policy: { model, tokenizer }, tensors, metadata };
  }
  const config = "preset" in source ? PRESETS[source.preset] : source.config;
  assertFits(tokenizer, config.vocabSize);
  return {
    policy: { model: { config, params: createParams(config, seed) }, tokenizer },
    tensors: {},
    metadata: {},
  };
}

function assertFits(tokenizer: Tokenizer, vocabSize: number): void {
  if (tokenizer.vocabSize > vocabSize) {
    throw new Error(`the tokenizer has ${tokenizer.vocabSize} tokens but the model only ${vocabSize}`);
  }
}
