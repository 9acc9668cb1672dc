/** The last number in the text, as a plain number string. */
import { digitRunStart, isAsciiLetter, isDigit, lastDigit } from "./scan.ts";

const CURRENCY = "$€£¥";
const MINUS = "-−";
/** LaTeX writes a thousands comma as `{,}` so that no space follows it. */
const LATEX_COMMA = "{,}";
/** What may precede a number written without its leading zero (".5"); after a word a point ends a sentence. */
const LEADING_POINT_AFTER = " \t\n-−($=";
const LIST_OPENERS = "([{,";
const LIST_CLOSERS = ",)]}";

const THOUSANDS_COMMA = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const THOUSANDS_DOT = /^\d{1,3}(?:\.\d{3})+,\d+$/;
const DECIMAL_DOT = /^\d*\.\d+$/;
const DECIMAL_COMMA = /^\d+,(?:\d{1,2}|\d{4,})$/;

/**
 * A run of digits and separators as one number: thousands separators dropped, a decimal comma made a
 * point. `3,5` is read as 3.5 only when it cannot be thousands (`3,500`) and is not inside a tuple or
 * list (`(1,5)`, `1,5,7`); a run that is a list gives its last item.
 */
function readDigits(run: string, listContext: boolean): string {
  if (THOUSANDS_COMMA.test(run)) return run.replaceAll(",", "");
  if (THOUSANDS_DOT.test(run)) return run.replaceAll(".", "").replace(",", ".");
  if (DECIMAL_DOT.test(run) || /^\d+$/.test(run)) return run;
  if (!listContext && DECIMAL_COMMA.test(run)) return run.replace(",", ".");
  const cut = Math.max(run.lastIndexOf(","), run.lastIndexOf("."));
  return run.slice(cut + 1);
}

/** The last number of the text and where it stands. */
export interface NumberFound {
  text: string;
  start: number;
  end: number;
}

/** `^2`, `^{2}` (and `²`, read as `^{2}`): an exponent, as of a unit (`1,000.99 m²`), never the answer. */
const EXPONENT_BEFORE = /\^\s*\{?\s*-?$/;

export function lastNumber(text: string): NumberFound | null {
  let end = text.length;
  // A few exponents in a row at most (`m^2 s^{-1}`); a long run of them is no answer, and stays linear.
  for (let skipped = 0; skipped <= MAX_EXPONENTS_SKIPPED; skipped++) {
    const found = lastNumberBefore(text, end);
    if (found === null) return null;
    const caret = EXPONENT_BEFORE.exec(text.slice(Math.max(0, found.start - 8), found.start));
    if (caret === null) return found;
    end = found.start - caret[0].length;
  }
  return null;
}

const MAX_EXPONENTS_SKIPPED = 4;

function lastNumberBefore(whole: string, end: number): NumberFound | null {
  const text = end === whole.length ? whole : whole.slice(0, end);
  const last = lastDigit(text);
  if (last < 0) return null;
  let start = digitRunStart(text, last);
  if (
    start > 0 &&
    text[start - 1] === "." &&
    (start === 1 || LEADING_POINT_AFTER.includes(text[start - 2]))
  ) {
    start--;
  }
  const run = text.slice(start, last + 1).replaceAll(LATEX_COMMA, ",");
  const listContext =
    LIST_OPENERS.includes(text[start - 1] ?? " ") || LIST_CLOSERS.includes(text[last + 1] ?? " ");
  const slash = run.lastIndexOf("/");
  let value: string;
  if (slash < 0) value = readDigits(run, listContext);
  else if (run.indexOf("/") === slash)
    value = `${readDigits(run.slice(0, slash), true)}/${readDigits(run.slice(slash + 1), true)}`;
  else value = readDigits(run.slice(slash + 1), listContext); // a date or a path, not a fraction
  return { text: `${signBefore(text, start)}${value}${percentAfter(text, last + 1)}`, start, end: last + 1 };
}

/** "-" for `-5`, `-$5`, `$-5`, `\$-5`; a minus right after a letter, digit or bracket is a subtraction. */
function signBefore(text: string, start: number): string {
  let k = start;
  if (k > 0 && CURRENCY.includes(text[k - 1])) {
    k--;
    if (k > 0 && text[k - 1] === "\\") k--;
  }
  if (k === 0 || !MINUS.includes(text[k - 1])) return "";
  const prior = k >= 2 ? text.charCodeAt(k - 2) : 32;
  const operand = isAsciiLetter(prior) || isDigit(prior) || prior === 41 || prior === 93 || prior === 125;
  return operand ? "" : "-";
}

function percentAfter(text: string, end: number): string {
  if (text[end] === "%") return "%";
  return text.startsWith("\\%", end) ? "\\%" : "";
}
