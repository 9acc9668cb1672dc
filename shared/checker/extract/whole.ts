/** A short response taken whole, when nothing in it marks the answer. */
import { isAsciiLetter } from "./scan.ts";

/** Longer text is prose, whose answer cannot be told from the rest. */
export const MAX_WHOLE_CHARS = 100;
/** A bare formula may be longer (a list of tuples), as long as it holds no words. */
export const MAX_FORMULA_CHARS = 1_000;

/** Characters that make a short text a formula rather than a number: "3x+2", "(1, 2)", "x^2". */
const FORMULA_MARKS = "^_{}()[]=+*/<>|";

/** A box that no box reader could read (`\boxed{}`, `\boxed{5`) is no answer, and neither is its text. */
export function hasBoxCommand(text: string): boolean {
  return text.includes("\\boxed") || text.includes("\\fbox");
}

/** A letter that is neither ASCII nor Greek: a word of another script. */
const OTHER_SCRIPT_LETTER = /(?![\u0370-\u03ff])(?=\p{L})[^\p{ASCII}]/u;

/** Commands whose braced argument is words or an environment name, not variables. */
const WORD_ARGUMENT_COMMANDS = new Set([
  "text",
  "mbox",
  "mathrm",
  "textbf",
  "textit",
  "textrm",
  "mathbf",
  "mathit",
  "operatorname",
  "begin",
  "end",
]);

/** LaTeX spacing inside a number (`10,\!080`, `1\,000`): the math normaliser reads it, the number reader cannot. */
const NUMBER_SPACING = new Set(["!", ",", ";", ":"]);

/**
 * Short letter runs that are words, not products of variables: prose connectives and units. A unit
 * after a number ("5 cm") is left to the number reader; in `\text{}` it is the normaliser's.
 */
const WORDS = new Set(
  (
    "a an and are as at be by for from get has have if in is it no not of on or so the then thus to we " +
    "yes cm mm km kg mg ft in m mi mph hr hrs min sec ms lb lbs oz yd units unit cents"
  ).split(" "),
);

/** Longer letter runs are prose ("apples", "total"); up to this many may be a product like `RC`. */
const MAX_VARIABLE_RUN = 3;

/**
 * Whether a short text is a bare formula ("\frac{1}{2}", "(1, 2)", "x = 5", "2RC + R + C",
 * "864 \mbox{ inches}^2") that should be taken whole rather than cut down to its last number. A word
 * ("5 apples", "the answer") makes it prose; a lone plain number ("1,234", "-5", "10\%") is left to the
 * number reader, which drops its separators.
 */
export function isBareFormula(text: string): boolean {
  // Letters of other scripts (Greek aside) are words: "所以 x 的值是 5" is a sentence.
  if (text.length > MAX_FORMULA_CHARS || OTHER_SCRIPT_LETTER.test(text)) return false;
  let formula = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      let j = i + 1;
      while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
      const command = text.slice(i + 1, j);
      if (command.length > 0) {
        formula = true;
        if (WORD_ARGUMENT_COMMANDS.has(command) && text[j] === "{") {
          const close = text.indexOf("}", j);
          j = close < 0 ? text.length : close + 1;
        }
        i = j - 1;
      } else {
        if (NUMBER_SPACING.has(text[i + 1] ?? "")) formula = true;
        i++; // `\$`, `\%`, `\{`: one escaped character
      }
    } else if (isAsciiLetter(c.charCodeAt(0))) {
      let j = i + 1;
      while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
      const run = text.slice(i, j);
      // `it` in "2it" or `at` in "e^{-at}" are variables; only a free-standing one is a word.
      const standalone = /^\s?$/.test(text[i - 1] ?? "") && /^[\s.,;:!?]?$/.test(text[j] ?? "");
      if (run.length > 1 && (run.length > MAX_VARIABLE_RUN || (standalone && WORDS.has(run.toLowerCase())))) {
        return false;
      }
      formula = true;
      i = j - 1;
    } else if (FORMULA_MARKS.includes(c)) formula = true;
  }
  return formula || isNumberList(text);
}

/** "-2, 1" or "3,5" is a list of numbers; "1,234" and "12,345,678" are one number in thousands. */
function isNumberList(text: string): boolean {
  const trimmed = text.trim();
  return /\d\s*,\s*[-+]?\d/.test(trimmed) && !/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed);
}
