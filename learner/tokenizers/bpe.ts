import { z } from "zod";
import { describeIssues } from "../model/config.ts";
import { byteCharsToBytes, textToByteChars } from "./byte-level.ts";
import { compilePattern, GPT2_PATTERN, splitIsolated } from "./pre-tokenize.ts";
import type { Tokenizer } from "./tokenizer.ts";

/** Added tokens match their exact text only: whitespace-absorbing or whole-word ones are refused. */
const AddedTokenSchema = z.object({
  id: z.number().int(),
  content: z.string(),
  special: z.boolean(),
  lstrip: z.literal(false).optional(),
  rstrip: z.literal(false).optional(),
  single_word: z.literal(false).optional(),
});

const NormalizerSchema: z.ZodType<Normalizer> = z.lazy(() =>
  z.union([
    z.object({ type: z.enum(["NFC", "NFD", "NFKC", "NFKD"]) }),
    z.object({ type: z.literal("Sequence"), normalizers: z.array(NormalizerSchema) }),
  ]),
);
type Normalizer = { type: "NFC" | "NFD" | "NFKC" | "NFKD" } | { type: "Sequence"; normalizers: Normalizer[] };

const PreTokenizerSchema: z.ZodType<PreTokenizer> = z.lazy(() =>
  z.union([
    z.object({
      type: z.literal("ByteLevel"),
      add_prefix_space: z.boolean().default(false),
      use_regex: z.boolean().default(true),
    }),
    z.object({
      type: z.literal("Split"),
      pattern: z.union([z.object({ Regex: z.string() }), z.object({ String: z.string() })]),
      behavior: z.literal("Isolated"),
      invert: z.literal(false).default(false),
    }),
    z.object({ type: z.literal("Sequence"), pretokenizers: z.array(PreTokenizerSchema) }),
  ]),
);
type PreTokenizer =
  | { type: "ByteLevel"; add_prefix_space: boolean; use_regex: boolean }
  | { type: "Split"; pattern: { Regex: string } | { String: string }; behavior: "Isolated"; invert: false }
  | { type: "Sequence"; pretokenizers: PreTokenizer[] };

/** The parts of a Hugging Face `tokenizer.json` that a byte-level BPE (GPT-2, Qwen2) uses. */
export const TokenizerJsonSchema = z.object({
  added_tokens: z.array(AddedTokenSchema).default([]),
  normalizer: NormalizerSchema.nullable().default(null),
  pre_tokenizer: PreTokenizerSchema,
  model: z.object({
    type: z.literal("BPE"),
    vocab: z.record(z.string(), z.number().int().nonnegative()),
    merges: z.array(z.union([z.string(), z.tuple([z.string(), z.string()])])),
    ignore_merges: z.boolean().default(false),
  }),
});
export type TokenizerJson = z.input<typeof TokenizerJsonSchema>;

export interface BpeTokenizerOptions {
  /** Token strings of the roles the learner needs, e.g. `{ eos: "<|endoftext|>" }`. */
  eos: string;
  pad?: string;
  bos?: string;
}

function normalize(text: string, n: Normalizer | null): string {
  if (!n) return text;
  if (n.type === "Sequence") return n.normalizers.reduce((t, inner) => normalize(t, inner), text);
  return text.normalize(n.type);
}

/** Raw-text pieces, in order; each is byte-level encoded separately. */
function preTokenize(text: string, p: PreTokenizer, regexes: Map<string, RegExp>): string[] {
  const compiled = (pattern: string) => {
    let r = regexes.get(pattern);
    if (!r) {
      r = compilePattern(pattern);
      regexes.set(pattern, r);
    }
    return r;
  };
  switch (p.type) {
    case "Sequence":
      return p.pretokenizers.reduce(
        (pieces, inner) => pieces.flatMap((s) => preTokenize(s, inner, regexes)),
        [text],
      );
    case "Split": {
      const pattern =
        "Regex" in p.pattern ? p.pattern.Regex : p.pattern.String.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return splitIsolated(text, compiled(pattern));
    }
    case "ByteLevel": {
      const prefixed = p.add_prefix_space && !text.startsWith(" ") ? ` ${text}` : text;
      return p.use_regex ? splitIsolated(prefixed, compiled(GPT2_PATTERN)) : [prefixed];
    }
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A byte-level BPE tokenizer read from a Hugging Face `tokenizer.json`: added tokens are cut out of
 * the text first (longest first), the rest is normalized, pre-tokenized, mapped to byte characters
 * and merged pair by pair, lowest merge rank first. Decoding joins the tokens' bytes and reads them
 * as UTF-8. Post-processors (templates that add BOS/EOS) are not applied: prompts carry their own.
 */
export function bpeTokenizer(json: unknown, options: BpeTokenizerOptions): Tokenizer {
  const parsed = TokenizerJsonSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`not a byte-level BPE tokenizer.json the learner reads: ${describeIssues(parsed.error)}`);
  const spec = parsed.data;
  const vocab = new Map(Object.entries(spec.model.vocab));
  const byId = new Map<number, string>([...vocab].map(([token, id]) => [id, token]));
  const added = new Map(spec.added_tokens.map((t) => [t.content, t]));
  const addedById = new Map(spec.added_tokens.map((t) => [t.id, t]));
  const ranks = new Map<string, number>();
  spec.model.merges.forEach((m, rank) => {
    const [a, b] = typeof m === "string" ? [m.slice(0, m.indexOf(" ")), m.slice(m.indexOf(" ") + 1)] : m;
    ranks.set(`${a}\u0000${b}`, rank);
  });
  const addedRegex = added.size
    ? new RegExp(
        [...added.keys()]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegex)
          .join("|"),
        "gu",
      )
    : undefined;
  const regexes = new Map<string, RegExp>();
  const cache = new Map<string, number[]>();

  const idOf = (token: string) => {
    const id = added.get(token)?.id ?? vocab.get(token);
    if (id === undefined) throw new Error(`token ${JSON.stringify(token)} is not in the vocabulary`);
    return id;
  };

  const merge = (word: string): number[] => {
    const cached = cache.get(word);
    if (cached) return cached;
    let symbols = Array.from(word);
    if (!(spec.model.ignore_merges && vocab.has(word))) {
      for (;;) {
        let best = Infinity;
        for (let i = 0; i + 1 < symbols.length; i++) {
          best = Math.min(best, ranks.get(`${symbols[i]}\u0000${symbols[i + 1]}`) ?? Infinity);
        }
        if (best === Infinity) break;
        const merged: string[] = [];
        for (let i = 0; i < symbols.length; i++) {
          if (i + 1 < symbols.length && ranks.get(`${symbols[i]}\u0000${symbols[i + 1]}`) === best) {
            merged.push(symbols[i]! + symbols[i + 1]!);
            i++;
          } else merged.push(symbols[i]!);
        }
        symbols = merged;
      }
    } else symbols = [word];
    const ids = symbols.map((s) => {
      const id = vocab.get(s);
      if (id === undefined) throw new Error(`byte symbol ${JSON.stringify(s)} is not in the vocabulary`);
      return id;
    });
    cache.set(word, ids);
    return ids;
  };

  const encodePlain = (text: string, out: number[]) => {
    for (const piece of preTokenize(normalize(text, spec.normalizer), spec.pre_tokenizer, regexes)) {
      out.push(...merge(textToByteChars(piece)));
    }
  };

  // A loop, not Math.max(...ids): a real vocabulary overflows the call stack as arguments.
  let vocabSize = 0;
  for (const id of [...vocab.values(), ...addedById.keys()]) vocabSize = Math.max(vocabSize, id + 1);
  const utf8 = new TextDecoder("utf-8");
  return {
    vocabSize,
    eosId: idOf(options.eos),
    padId: idOf(options.pad ?? options.eos),
    bosId: options.bos === undefined ? undefined : idOf(options.bos),
    encode(text) {
      const out: number[] = [];
      let last = 0;
      for (const m of addedRegex ? text.matchAll(addedRegex) : []) {
        if (m.index > last) encodePlain(text.slice(last, m.index), out);
        out.push(added.get(m[0])!.id);
        last = m.index + m[0].length;
      }
      if (last < text.length) encodePlain(text.slice(last), out);
      return out;
    },
    decode(ids, decodeOptions = {}) {
      let text = "";
      let bytes: number[] = [];
      const flush = () => {
        text += utf8.decode(Uint8Array.from(bytes));
        bytes = [];
      };
      for (const id of ids) {
        const a = addedById.get(id);
        if (a) {
          flush();
          if (!a.special || decodeOptions.keepSpecial) text += a.content;
          continue;
        }
        const token = byId.get(id);
        if (token === undefined || !byteCharsToBytes(token, bytes)) {
          flush();
          text += "\uFFFD";
        }
      }
      flush();
      return text;
    },
  };
}

/** The pre-tokenizer pattern of Qwen2's `tokenizer.json` (its Split step, before ByteLevel). */
export const QWEN2_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
