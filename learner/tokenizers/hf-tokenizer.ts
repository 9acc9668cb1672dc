/**
 * The tokenizer of a Hugging Face directory (a checkpoint's, usually), from its files alone:
 * `tokenizer.json` for the byte-level BPE, `tokenizer_config.json` for the roles of the special
 * tokens and the chat template (or `chat_template.jinja`, where newer transformers saves it), and
 * `generation_config.json` for the ids that end generation. Nothing is downloaded.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { exists } from "../model/checkpoint-files.ts";
import { describeIssues } from "../model/config.ts";
import { bpeTokenizer } from "./bpe.ts";
import type { Tokenizer } from "./tokenizer.ts";

export const TOKENIZER_JSON = "tokenizer.json";
const TOKENIZER_CONFIG = "tokenizer_config.json";
const CHAT_TEMPLATE_FILE = "chat_template.jinja";
const GENERATION_CONFIG = "generation_config.json";

/** A special token as transformers writes it: the string, or an AddedToken object holding it. */
const TokenRoleSchema = z
  .union([z.string(), z.looseObject({ content: z.string() })])
  .nullish()
  .transform((t) => (t == null ? undefined : typeof t === "string" ? t : t.content));

const TokenizerConfigJsonSchema = z.looseObject({
  bos_token: TokenRoleSchema,
  eos_token: TokenRoleSchema,
  pad_token: TokenRoleSchema,
  unk_token: TokenRoleSchema,
  /** Whether plain text gets the BOS token in front (LlamaTokenizerFast, as R1-Distill-Qwen's, does). */
  add_bos_token: z.boolean().default(false),
  /** One template, or several by name, of which transformers uses "default". */
  chat_template: z
    .union([z.string(), z.array(z.object({ name: z.string(), template: z.string() }))])
    .optional(),
});

const TokenIdsSchema = z.union([z.number().int().min(0), z.array(z.number().int().min(0))]).nullish();
const GenerationConfigSchema = z.looseObject({ eos_token_id: TokenIdsSchema });

const SPECIAL_ROLES = ["bos_token", "eos_token", "pad_token", "unk_token"] as const;

export interface HfTokenizer {
  tokenizer: Tokenizer;
  /** The chat template's Jinja source, when the directory has one. */
  chatTemplate: string | undefined;
  /** The special tokens by role (`bos_token`, `eos_token`...), as chat templates refer to them. */
  specialTokens: Partial<Record<(typeof SPECIAL_ROLES)[number], string>>;
  /** What `generation_config.json` says ends generation (none without the file). */
  generationEosIds: number[];
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} is not readable JSON: ${(error as Error).message}`);
  }
}

function parseFile<S extends z.ZodType>(schema: S, raw: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function templateOf(config: z.output<typeof TokenizerConfigJsonSchema>, path: string): string | undefined {
  const template = config.chat_template;
  if (template === undefined || typeof template === "string") return template;
  const named = template.find((t) => t.name === "default");
  if (!named) throw new Error(`${path}: none of the chat templates is named "default"`);
  return named.template;
}

async function generationEosIds(dir: string): Promise<number[]> {
  const path = join(dir, GENERATION_CONFIG);
  if (!(await exists(path))) return [];
  const ids = parseFile(GenerationConfigSchema, await readJson(path), path).eos_token_id;
  return ids == null ? [] : [ids].flat();
}

export async function loadHfTokenizer(dir: string): Promise<HfTokenizer> {
  const jsonPath = join(dir, TOKENIZER_JSON);
  const configPath = join(dir, TOKENIZER_CONFIG);
  for (const path of [jsonPath, configPath]) {
    if (!(await exists(path))) {
      throw new Error(
        `${dir} has no ${path === jsonPath ? TOKENIZER_JSON : TOKENIZER_CONFIG}; the learner reads a Hugging Face ` +
          "tokenizer from tokenizer.json and tokenizer_config.json (save it with a fast tokenizer's save_pretrained)",
      );
    }
  }
  const config = parseFile(TokenizerConfigJsonSchema, await readJson(configPath), configPath);
  const specialTokens = Object.fromEntries(
    SPECIAL_ROLES.flatMap((role) => (config[role] === undefined ? [] : [[role, config[role]]])),
  );
  const eos = config.eos_token;
  if (eos === undefined) throw new Error(`${configPath} names no eos_token`);
  let tokenizer: Tokenizer;
  try {
    tokenizer = bpeTokenizer(await readJson(jsonPath), {
      eos,
      pad: config.pad_token,
      bos: config.add_bos_token ? config.bos_token : undefined,
    });
  } catch (error) {
    throw new Error(`${jsonPath}: ${(error as Error).message}`);
  }
  const templatePath = join(dir, CHAT_TEMPLATE_FILE);
  const chatTemplate = (await exists(templatePath))
    ? await readFile(templatePath, "utf8")
    : templateOf(config, configPath);
  return { tokenizer, chatTemplate, specialTokens, generationEosIds: await generationEosIds(dir) };
}
