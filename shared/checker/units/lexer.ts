/**
 * Splits an answer into the tokens a unit phrase is made of (words, exponents, `/`, `\cdot`, text
 * wrappers) and marks everything else as value material. One left-to-right pass; its sticky regexes
 * have no nested quantifiers that can backtrack, so it is linear on any input. Spaces are dropped.
 */
import { CJK_SCRIPTS, LONGEST_CJK_SPELLING, lexeme } from "./lexicon.ts";

export type Token = { start: number; end: number } & (
  | { kind: "word"; text: string }
  /** `^2`, `^{-1}`, `²`, or a digit glued to a word (`cm2`). */
  | { kind: "exponent"; power: number }
  /** `\text{`, `\mathrm{`, `\mbox{`: opens a group, like `{`. */
  | { kind: "wrapper" }
  | { kind: "open" }
  | { kind: "close" }
  | { kind: "divide" }
  | { kind: "multiply" }
  | { kind: "dot" }
  | { kind: "number" }
  /** A LaTeX command that is not spacing, a wrapper or a unit: `\frac`, `\pi`, `\sqrt`. */
  | { kind: "command" }
  | { kind: "other" }
);

const WRAPPERS = new Set(["text", "textrm", "textnormal", "textup", "mbox", "hbox", "mathrm", "mathup"]);
const SPACING = new Set([",", ";", ":", "!", " ", "quad", "qquad", "enspace", "thinspace"]);
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** Single characters that are units on their own (the lexicon says which). */
const SIGNS = new Set(["°", "℃", "℉", "€", "£", "₹", "₽", "¢"]);

const NUMBER = /\p{Nd}+(?:[.,]\p{Nd}+)*|\.\p{Nd}+/uy;
const LETTERS = new RegExp(`(?:(?![${CJK_SCRIPTS}])[\\p{L}\\p{M}])+`, "uy");
const CJK_LETTERS = new RegExp(`(?:(?=[\\p{L}\\p{M}])[${CJK_SCRIPTS}])+`, "uy");
const COMMAND = /\\(?:[A-Za-z]+|[^A-Za-z])/y;
/** After `^`: a signed digit, a braced signed number, or a degree sign. */
const EXPONENT = /\^\s*(?:([-−]?\d)|\{\s*([-−]?\d{1,2})\s*\}|(\\circ|\{\s*\\circ\s*\}))/y;
const GROUP_OPEN = /\s*\{/y;

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) i = read(text, i, tokens);
  return tokens;
}

/**
 * Reads what starts at i into `out` (nothing for spaces) and returns where the next token starts.
 * Dispatches on the first character, so an ASCII position costs one regex at most.
 */
function read(text: string, i: number, out: Token[]): number {
  const c = text[i];
  const code = text.charCodeAt(i);
  if (code === 32 || code === 126 || (code >= 9 && code <= 13)) return i + 1;
  if (code >= 48 && code <= 57) return readNumber(text, i, out);
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return readLetters(text, i, out);
  if (c === "\\") return command(text, i, out);
  if (c === "^") return exponent(text, i, out);
  const end = i + 1;
  if (c === "{") return push(out, { kind: "open", start: i, end });
  if (c === "}") return push(out, { kind: "close", start: i, end });
  if (c === "/") return push(out, { kind: "divide", start: i, end });
  if (c === "*") return push(out, { kind: "multiply", start: i, end });
  if (c === ".")
    return /\d/.test(text[end] ?? "") ? readNumber(text, i, out) : push(out, { kind: "dot", start: i, end });
  if (code < 128) return push(out, { kind: "other", start: i, end });
  return readNonAscii(text, i, out);
}

function readNumber(text: string, i: number, out: Token[]): number {
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(text)![0];
  return push(out, { kind: "number", start: i, end: i + number.length });
}

function readLetters(text: string, i: number, out: Token[]): number {
  LETTERS.lastIndex = i;
  const letters = LETTERS.exec(text)![0];
  const end = push(out, { kind: "word", text: letters, start: i, end: i + letters.length });
  return gluedExponent(text, end, out);
}

function readNonAscii(text: string, i: number, out: Token[]): number {
  const c = text[i];
  const end = i + 1;
  if (SIGNS.has(c)) {
    const scale =
      c === "°" && (text[end] === "C" || text[end] === "F") && !/\p{L}/u.test(text[end + 1] ?? "");
    return push(out, {
      kind: "word",
      text: scale ? text.slice(i, end + 1) : c,
      start: i,
      end: scale ? end + 1 : end,
    });
  }
  if (c === "·" || c === "⋅" || c === "∙") return push(out, { kind: "multiply", start: i, end });
  const superscript = superscriptPower(text, i);
  if (superscript) return push(out, { kind: "exponent", ...superscript, start: i });
  if (/\s/.test(c)) return end;
  if (/\p{Nd}/u.test(c)) return readNumber(text, i, out);
  const cjk = match(CJK_LETTERS, text, i);
  if (cjk) return segment(cjk, i, out);
  if (match(LETTERS, text, i)) return readLetters(text, i, out);
  return push(out, { kind: "other", start: i, end });
}

function push(out: Token[], token: Token): number {
  out.push(token);
  return token.end;
}

/** `cm2`, `м3`: plain-text squares and cubes, a 2 or 3 glued to a word and followed by no other digit. */
function gluedExponent(text: string, i: number, out: Token[]): number {
  const c = text[i];
  if ((c !== "2" && c !== "3") || /[\p{Nd}.,]/u.test(text[i + 1] ?? "")) return i;
  return push(out, { kind: "exponent", power: Number(c), start: i, end: i + 1 });
}

/** Words are not spaced in these scripts: the longest listed spelling wins at each position. */
function segment(run: string, offset: number, out: Token[]): number {
  let at = 0;
  while (at < run.length) {
    let length = Math.min(LONGEST_CJK_SPELLING, run.length - at);
    while (length > 1 && lexeme(run.slice(at, at + length)) === null) length--;
    const start = offset + at;
    push(out, { kind: "word", text: run.slice(at, at + length), start, end: start + length });
    at += length;
  }
  return offset + run.length;
}

function command(text: string, i: number, out: Token[]): number {
  const whole = match(COMMAND, text, i);
  if (!whole) return push(out, { kind: "other", start: i, end: i + 1 });
  const name = whole.slice(1);
  const end = i + whole.length;
  if (SPACING.has(name)) return end;
  if (name === "$") return push(out, { kind: "word", text: whole, start: i, end });
  if (name === "cdot") return push(out, { kind: "multiply", start: i, end });
  if (name === "circ" || name === "degree") return push(out, { kind: "word", text: "°", start: i, end });
  const brace = WRAPPERS.has(name) ? match(GROUP_OPEN, text, end) : null;
  if (brace) return push(out, { kind: "wrapper", start: i, end: end + brace.length });
  return push(out, { kind: "command", start: i, end });
}

function exponent(text: string, i: number, out: Token[]): number {
  EXPONENT.lastIndex = i;
  const m = EXPONENT.exec(text);
  if (!m) return push(out, { kind: "other", start: i, end: i + 1 });
  const end = i + m[0].length;
  if (m[3]) return push(out, { kind: "word", text: "°", start: i, end });
  const power = Number((m[1] ?? m[2]).replace("−", "-"));
  return push(out, { kind: "exponent", power, start: i, end });
}

function superscriptPower(text: string, i: number): { power: number; end: number } | null {
  const negative = text[i] === "⁻";
  const digit = SUPERSCRIPTS.indexOf(text[negative ? i + 1 : i] ?? "");
  if (digit < 1) return null;
  return { power: negative ? -digit : digit, end: i + (negative ? 2 : 1) };
}
