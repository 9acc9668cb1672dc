/** A short response taken whole, when nothing in it marks the answer. */
import { isAsciiLetter } from "./scan.ts";

/** Longer text is prose, whose answer cannot be told from the rest. */
export const MAX_WHOLE_CHARS = 100;

/** Characters that make a short text a formula rather than a number: "3x+2", "(1, 2)", "x^2". */
const FORMULA_MARKS = "^_{}()[]=+*/<>|";

/** A box that no box reader could read (`\boxed{}`, `\boxed{5`) is no answer, and neither is its text. */
export function hasBoxCommand(text: string): boolean {
  return text.includes("\\boxed") || text.includes("\\fbox");
}

/**
 * Whether a short text is a bare formula ("\frac{1}{2}", "(1, 2)", "x = 5") that should be taken whole
 * rather than cut down to its last number. A word of two or more letters outside a LaTeX command name
 * ("5 apples", "\text{cm}") makes it prose; a lone number ("1,234", "-5", "10\%") is left to the
 * number reader, which drops its separators.
 */
export function isBareFormula(text: string): boolean {
  if (text.length > MAX_WHOLE_CHARS) return false;
  let formula = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      let j = i + 1;
      while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
      if (j > i + 1) formula = true; // a command; `\$`, `\%`, `\,` are not
      i = Math.max(j - 1, i + 1);
    } else if (isAsciiLetter(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
      if (j - i > 1) return false;
      formula = true;
      i = j - 1;
    } else if (FORMULA_MARKS.includes(c)) formula = true;
  }
  return formula;
}
