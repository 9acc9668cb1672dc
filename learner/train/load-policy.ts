import { join } from "node:path";
import { loadCheckpoint, type SaveLayout } from "../model/checkpoint.ts";
import { exists } from "../model/checkpoint-files.ts";
import { PRESETS } from "../model/config.ts";
import type { HfSource } from "../model/hf/load.ts";
import { createParams } from "../model/params.ts";
import type { StoredTensor } from "../model/safetensors.ts";
import { charTokenizer } from "../tokenizers/char.ts";
import { type ChatTemplate, compileChatTemplate } from "../tokenizers/chat-template.ts";
import { loadHfTokenizer, TOKENIZER_JSON } from "../tokenizers/hf-tokenizer.ts";
import type { Tokenizer } from "../tokenizers/tokenizer.ts";
import type { ModelSource, TokenizerConfig } from "./config.ts";
import type { Policy } from "./policy.ts";
import { charPrompts, chatPaperPrompts, type PromptFormat, plainPaperPrompts } from "./prompt-format.ts";

/** How a policy reads and writes text. */
export interface PolicyText {
  tokenizer: Tokenizer;
  prompts: PromptFormat;
  /** The tokenizer as resolved: what a run records, so that it resumes (and generates) with the same one. */
  config: TokenizerConfig;
}

/**
 * The tokenizer and prompts of a policy whose weights come from `checkpoint` (undefined for fresh
 * weights). Without a configured tokenizer: the checkpoint's own when it has a tokenizer.json, else
 * the character tokenizer.
 */
export async function loadPolicyText(
  configured: TokenizerConfig | undefined,
  checkpoint: string | undefined,
): Promise<PolicyText> {
  const ownFiles = checkpoint !== undefined && (await exists(join(checkpoint, TOKENIZER_JSON)));
  const config: TokenizerConfig = configured ?? (ownFiles ? { kind: "hf" } : { kind: "char" });
  if (config.kind === "char") {
    if (ownFiles) {
      // Its token ids would mean nothing to the model.
      throw new Error(
        `${checkpoint} has a tokenizer of its own, but the config names the character tokenizer: ` +
          'leave "tokenizer" out (or set {"kind": "hf"}) to use the checkpoint\'s',
      );
    }
    const tokenizer = charTokenizer();
    return { tokenizer, prompts: charPrompts(tokenizer), config };
  }
  const dir = config.dir ?? checkpoint;
  if (dir === undefined) {
    throw new Error(
      'the tokenizer {"kind": "hf"} without a "dir" is the model checkpoint\'s own, but the model has fresh weights: name the tokenizer\'s directory',
    );
  }
  const hf = await loadHfTokenizer(dir);
  if (hf.chatTemplate === undefined) {
    return { tokenizer: hf.tokenizer, prompts: plainPaperPrompts(hf.tokenizer, hf.generationEosIds), config };
  }
  let template: ChatTemplate;
  try {
    template = compileChatTemplate(hf.chatTemplate, hf.specialTokens);
  } catch (error) {
    throw new Error(`${dir}: ${(error as Error).message}`);
  }
  return {
    tokenizer: hf.tokenizer,
    prompts: chatPaperPrompts(hf.tokenizer, template, hf.generationEosIds),
    config,
  };
}

/**
 * A run whose tokenizer is its checkpoint's own files resumes from its step checkpoints' copies,
 * which only Hugging Face's layout carries.
 */
export function assertCheckpointsCarryTokenizer(tokenizer: TokenizerConfig, layout: SaveLayout): void {
  if (tokenizer.kind === "hf" && tokenizer.dir === undefined && layout.format !== "hf") {
    throw new Error(
      "the tokenizer is the starting checkpoint's own, and the learner's checkpoint layout does not carry tokenizer files: " +
        'save in Hugging Face\'s layout (saveFormat "hf") or name the tokenizer\'s directory ({"kind": "hf", "dir": ...})',
    );
  }
}

export interface LoadedPolicy {
  policy: Policy;
  /** What the checkpoint held besides the weights (empty for fresh weights). */
  tensors: Record<string, StoredTensor>;
  metadata: unknown;
  /** Set when the weights came from a Hugging Face checkpoint. */
  hf?: HfSource;
  /** The tokenizer as resolved (PolicyText's `config`). */
  tokenizer: TokenizerConfig;
}

export async function loadPolicy(
  source: ModelSource,
  tokenizerConfig: TokenizerConfig | undefined,
  seed: number,
): Promise<LoadedPolicy> {
  // Before any weights are read, so that a wrong tokenizer costs no loading time.
  const { config: tokenizer, ...text } = await loadPolicyText(
    tokenizerConfig,
    "checkpoint" in source ? source.checkpoint : undefined,
  );
  if ("checkpoint" in source) {
    const { model, tensors, metadata, hf } = await loadCheckpoint(source.checkpoint);
    assertFits(text.tokenizer, model.config.vocabSize);
    return { policy: { model, ...text }, tensors, metadata, hf, tokenizer };
  }
  const config = "preset" in source ? PRESETS[source.preset] : source.config;
  assertFits(text.tokenizer, config.vocabSize);
  return {
    policy: { model: { config, params: createParams(config, seed) }, ...text },
    tensors: {},
    metadata: {},
    tokenizer,
  };
}

function assertFits(tokenizer: Tokenizer, vocabSize: number): void {
  if (tokenizer.vocabSize > vocabSize) {
    throw new Error(`the tokenizer has ${tokenizer.vocabSize} tokens but the model only ${vocabSize}`);
  }
}
