/** `\boxed{…}`, `\fbox{…}` and brace-less `\boxed 5`. */
import { cleanAnswer } from "./clean.ts";
import { closingBrace, isAsciiLetter, isSpace } from "./scan.ts";
import type { Found } from "./types.ts";

const COMMANDS = ["\\boxed", "\\fbox"] as const;

/** Longest text between two boxes that still reads as one listed answer ("\boxed{2} and \boxed{3}"). */
const MAX_SET_GAP = 80;
/** A word between two boxes that draws a conclusion, so the later box is not listed with the earlier. */
const CONCLUSION = /\b(?:so|thus|hence|therefore|then)\b/i;
/** A run of more boxes than this is degenerate output; only its last ones are read. */
const MAX_SET_PARTS = 64;

interface Box {
  start: number;
  end: number;
  content: string;
}

/**
 * Returns a function giving the start of the last box command that begins before `before`. Calls must
 * pass non-increasing `before`; each `lastIndexOf` then resumes below the last hit, so walking every
 * command in the text is linear rather than a rescan of the prefix per step.
 */
function commandsBackward(text: string, from: number): (before: number) => number {
  const cached: number[] = COMMANDS.map(() => Number.POSITIVE_INFINITY);
  return (before) => {
    let best = -1;
    for (let k = 0; k < COMMANDS.length; k++) {
      if (cached[k] >= before) cached[k] = before > 0 ? text.lastIndexOf(COMMANDS[k], before - 1) : -1;
      if (cached[k] >= from && cached[k] > best) best = cached[k];
    }
    return best;
  };
}

/** The box whose command starts at `at`, when it ends before `limit`. */
function readBox(text: string, at: number, limit: number): Box | null {
  const command = text.startsWith(COMMANDS[0], at) ? COMMANDS[0] : COMMANDS[1];
  let i = at + command.length;
  if (i < limit && isAsciiLetter(text.charCodeAt(i))) return null; // a longer command, e.g. \boxedsymbol
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  if (i >= limit) return null;
  if (text[i] === "{") {
    const close = closingBrace(text, i, limit);
    return close < 0 ? null : { start: at, end: close + 1, content: text.slice(i + 1, close) };
  }
  // `\boxed 5`: TeX boxes one token; models write the whole answer up to the next space or delimiter.
  let j = i;
  while (j < limit) {
    const c = text[j];
    if (isSpace(text.charCodeAt(j)) || c === "$" || c === "}" || (c === "\\" && j > i)) break;
    j++;
  }
  return { start: at, end: j, content: text.slice(i, j) };
}

/**
 * Whether the text between two boxes joins them into one answer. Rule: the boxes of a set are in the
 * same paragraph and the same sentence, with little text between ("\boxed{2}, \boxed{3}",
 * "x = \boxed{2} or x = \boxed{-2}", one box per line in a list). Intermediate results boxed in
 * earlier sentences or paragraphs ("… \boxed{4}. Then y = \boxed{7}"), or before a conclusion in the
 * same sentence ("a = \boxed{3}, so 2a = \boxed{6}"), are not part of the final answer.
 */
function joinsSet(text: string, from: number, to: number): boolean {
  if (to - from > MAX_SET_GAP || CONCLUSION.test(text.slice(from, to))) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "\n") {
      if (++newlines === 2) return false;
    } else if (!isSpace(text.charCodeAt(i))) {
      newlines = 0;
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 32;
      if ((c === "." || c === "!" || c === "?") && isSpace(next)) return false;
    }
  }
  return true;
}

/**
 * Cleaned contents of the last non-empty box in `text[from, to)` and of the boxes that form a set with
 * it, in text order, or null when there is no box.
 * Linear: a box that fails to close before `limit` makes `limit` its start, since every earlier box
 * must close before it, so the spans scanned never overlap.
 */
export function findBoxed(text: string, from = 0, to: number = text.length): string[] | null {
  const previous = commandsBackward(text, from);
  let limit = to;
  let last: Box | null = null;
  for (let at = previous(limit); at >= 0; at = previous(limit)) {
    const box = readBox(text, at, limit);
    if (box !== null && cleanAnswer(box.content) !== "") {
      last = box;
      break;
    }
    limit = at;
  }
  if (last === null) return null;
  const parts = [cleanAnswer(last.content)];
  for (let cursor = last.start, at = previous(cursor); at >= 0 && parts.length < MAX_SET_PARTS; ) {
    const box = readBox(text, at, cursor);
    const part = box === null ? "" : cleanAnswer(box.content);
    if (box === null || part === "" || !joinsSet(text, box.end, cursor)) break;
    parts.push(part);
    cursor = at;
    at = previous(cursor);
  }
  // A model that boxes the same answer twice ("\boxed{5}, so \boxed{5}") still gave one answer.
  return [...new Set(parts.reverse())];
}

/** One box answers with its content; a set answers with its parts joined by ", ". */
export function boxedFound(parts: string[], method: Found["method"]): Found {
  return parts.length > 1
    ? { found: true, text: parts.join(", "), method, parts }
    : { found: true, text: parts[0], method };
}
