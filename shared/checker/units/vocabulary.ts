/**
 * Which words are units: the public face of the closed list in lexicon.ts. A word or phrase is a
 * unit only when every part of it is listed; the answer is null otherwise, and the caller keeps the
 * words as part of the answer.
 */
import { canonicalText } from "./canonical.ts";
import { tokenize } from "./lexer.ts";
import { lexeme } from "./lexicon.ts";
import { PhraseReader } from "./phrase.ts";

/** The canonical unit of one unit as models write it (`cm`, `hours`, `km/h`, `°C`, `厘米`), or null. */
export function unitOf(word: string): string | null {
  const lex = lexeme(word.trim());
  if (lex) return lex.kind === "unit" ? canonicalText(lex.factors) : null;
  return unitPhrase(word);
}

/**
 * The canonical unit of a whole phrase (`square feet`, `km per hour`, `m/s^2`, `\text{ m}^2`,
 * `N \cdot m`, `平方米`), or null when any part of it is not a listed unit word.
 */
export function unitPhrase(text: string): string | null {
  const tokens = tokenize(text);
  const reader = new PhraseReader(false);
  for (const [index, token] of tokens.entries()) if (!reader.feed(token, index)) return null;
  const phrase = reader.result();
  return phrase && phrase.start === 0 ? canonicalText(phrase.factors) : null;
}
