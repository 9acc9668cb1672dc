/**
 * Splits an answer into its value and its unit (`1.5\text{ m}`, `\$5`, `12 厘米`) when it ends in
 * a phrase made only of listed unit words. Runs on every answer, so it is one linear pass over the
 * tokens and never touches mathjs.
 */
import { canonicalText, type Factor } from "./canonical.ts";
import { type Token, tokenize } from "./lexer.ts";
import { lexeme } from "./lexicon.ts";
import { PhraseReader } from "./phrase.ts";

export interface Quantity {
  /** The value as written, without the unit: `1.5`, `\frac{1}{2}`, `-5`. */
  value: string;
  /** Canonical unit text (canonical.ts): `m`, `km/h`, `m^2`, `dollar`, `1` for a count. */
  unit: string;
}

/** Currency signs that may precede the value. A bare `$` counts only when no other `$` follows. */
const LEADING_SIGNS = new Set(["\\$", "€", "£", "₹", "₽"]);
/** An answer that is one text wrapper around everything: `\text{5 cm}`. */
export const WRAPPED = /^\s*\\(?:text|textrm|mbox|mathrm)\s*\{([^{}]*)\}\s*$/;

export function splitQuantity(text: string): Quantity | null {
  const wrapped = WRAPPED.exec(text);
  if (wrapped) return splitQuantity(wrapped[1]);
  const tokens = tokenize(text);
  const currency = leadingCurrency(text, tokens);
  const first = currency ? currency.index + 1 : 0;
  const reader = new PhraseReader(currency !== null);
  for (let i = first; i < tokens.length; i++) reader.feed(tokens[i], i);
  const phrase = reader.result();
  if (currency && phrase && !phrase.leadingPer) return null;
  if (!currency && !phrase) return null;
  const end = phrase ? phrase.start : tokens.length;
  if (end === first || !isValue(tokens.slice(first, end))) return null;
  const sign = currency?.index === 1 ? text.slice(tokens[0].start, tokens[0].end) : "";
  const factors = [...(currency?.factors ?? []), ...(phrase?.factors ?? [])];
  return {
    value: sign + text.slice(tokens[first].start, tokens[end - 1].end),
    unit: canonicalText(factors),
  };
}

/** `\$5`, `-€3`: the currency sign's token index and unit. */
function leadingCurrency(
  text: string,
  tokens: Token[],
): { index: number; factors: readonly Factor[] } | null {
  const index = tokens[0]?.kind === "other" && "+-−".includes(text[tokens[0].start]) ? 1 : 0;
  const token = tokens[index];
  if (!token) return null;
  const bareDollar = token.kind === "other" && text[token.start] === "$" && !text.includes("$", token.end);
  const sign = bareDollar ? "\\$" : token.kind === "word" ? token.text : null;
  if (sign === null || !LEADING_SIGNS.has(sign)) return null;
  const lex = lexeme(sign);
  return lex?.kind === "unit" ? { index, factors: lex.factors } : null;
}

/**
 * Whether the tokens before the unit can be a value: some number or command (`\pi`), balanced
 * braces, and no word at all: a text wrapper's words are part of the answer (`5 \text{ or } 6 m`),
 * `3 m 20 cm` and `5 thousand m` are not a value and a unit, and in `2\pi r h` the `h` is a height.
 */
function isValue(tokens: Token[]): boolean {
  let quantity = false;
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "wrapper" || token.kind === "word") return false;
    if (token.kind === "open") depth++;
    if (token.kind === "close" && --depth < 0) return false;
    quantity ||= token.kind === "number" || token.kind === "command";
  }
  return quantity && depth === 0;
}
