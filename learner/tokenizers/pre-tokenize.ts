/** GPT-2's pre-tokenizer pattern, used by a ByteLevel pre-tokenizer with `use_regex`. */
export const GPT2_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/**
 * Rewrites the scoped case-insensitive groups `(?i:...)` that Qwen2's pattern uses (and Node 20's
 * RegExp lacks) into character classes: `(?i:'s|'re)` becomes `(?:'[sS]|'[rR][eE])`. Only literal
 * alternatives occur in such groups in the wild; anything else is refused rather than mistranslated.
 */
export function translatePattern(pattern: string): string {
  return pattern.replace(/\(\?i:([^()[\]\\]*)\)/g, (_, body: string) => {
    const cased = body.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
    return `(?:${cased})`;
  });
}

export function compilePattern(pattern: string): RegExp {
  const translated = translatePattern(pattern);
  if (translated.includes("(?i")) throw new Error(`unsupported inline flags in pattern ${pattern}`);
  return new RegExp(translated, "gu");
}

/**
 * Splits with the "Isolated" behaviour of Hugging Face's Split pre-tokenizer: every match is a
 * piece and so is every stretch between matches, so the pieces concatenate back to the input.
 */
export function splitIsolated(text: string, regex: RegExp): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (const m of text.matchAll(regex)) {
    if (m[0].length === 0) continue;
    if (m.index > last) pieces.push(text.slice(last, m.index));
    pieces.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}
