import type { Tokenizer } from "./tokenizer.ts";

const SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"] as const;
export const CHAR_PAD_ID = 0;
export const CHAR_BOS_ID = 1;
export const CHAR_EOS_ID = 2;
export const CHAR_UNK_ID = 3;

/**
 * Printable ASCII plus newline: digits, operators, letters and every character of LaTeX such as
 * `\boxed{}` or `\frac{1}{2}`. The built-in math tasks are written in this alphabet, so the
 * vocabulary stays around a hundred tokens and the tiny model's embedding stays small.
 */
const ALPHABET: readonly string[] = [
  "\n",
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
];

export const CHAR_VOCAB_SIZE = SPECIALS.length + ALPHABET.length;

/** One token per character; characters outside the alphabet become `<unk>` (decoded as U+FFFD). */
export function charTokenizer(): Tokenizer {
  const ids = new Map<string, number>(ALPHABET.map((c, i) => [c, SPECIALS.length + i]));
  return {
    vocabSize: CHAR_VOCAB_SIZE,
    eosId: CHAR_EOS_ID,
    padId: CHAR_PAD_ID,
    bosId: CHAR_BOS_ID,
    encode(text) {
      const out: number[] = [];
      for (const c of text) out.push(ids.get(c) ?? CHAR_UNK_ID);
      return out;
    },
    decode(tokens, options = {}) {
      let text = "";
      for (const id of tokens) {
        if (id >= SPECIALS.length && id < CHAR_VOCAB_SIZE) text += ALPHABET[id - SPECIALS.length];
        else if (id === CHAR_UNK_ID) text += "\uFFFD";
        else if (options.keepSpecial && id >= 0 && id < SPECIALS.length) text += SPECIALS[id];
      }
      return text;
    },
  };
}
