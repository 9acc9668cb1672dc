/**
 * `\boxed{…}`, `\fbox{…}` and brace-less `\boxed 5`. Boxes are read outermost first, in one forward
 * pass over the whole answer region: a box inside a box is part of the outer box's content, and a box
 * followed by any amount of text is still found.
 */
import { cleanAnswer } from "./clean.ts";
import { braceMatches, CommandScanner, isSpace } from "./scan.ts";

const COMMANDS = ["\\boxed", "\\fbox"] as const;

/** Longest text between two boxes that still reads as one listed answer ("\boxed{2} and \boxed{3}"). */
const MAX_SET_GAP = 80;
/** A word between two boxes that draws a conclusion, so the later box is not listed with the earlier. */
const CONCLUSION = /\b(?:so|thus|hence|therefore|then)\b/i;
/** A run of more boxes than this is degenerate output; only its last ones are read. */
const MAX_SET_PARTS = 64;

export interface Box {
  /** Where the command starts and where the box ends (after its closing brace). */
  start: number;
  end: number;
  /** The content, cleaned of wrappers; "" for an empty box. */
  answer: string;
  /** The box's command never closed (`\boxed{5`): it commits to an answer that cannot be read. */
  unclosed: boolean;
}

/** LaTeX spacing alone draws an empty box: `\boxed{~}` and `\boxed{\,}` commit to nothing. */
const ONLY_SPACING = /^(?:\s|~|\\[,;:! ]|\\(?:quad|qquad|enspace|thinspace|hfill|space)(?![a-zA-Z]))*$/;

function boxAnswer(content: string): string {
  const answer = cleanAnswer(content);
  return ONLY_SPACING.test(answer) ? "" : answer;
}

/** Every top-level box in `text[from, to)`, in text order. Linear: braces are matched once. */
export function topLevelBoxes(text: string, from = 0, to: number = text.length): Box[] {
  const boxes: Box[] = [];
  const commands = new CommandScanner(text, COMMANDS);
  const nextCommand = (at: number) => {
    const found = commands.find(at);
    return found === null || found.start >= to ? -1 : found.start;
  };
  let matches: Int32Array | null = null;
  for (let at = nextCommand(from); at >= 0; ) {
    const command = text.startsWith(COMMANDS[0], at) ? COMMANDS[0] : COMMANDS[1];
    let i = at + command.length;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i >= to) {
      boxes.push({ start: at, end: to, answer: "", unclosed: true });
      break;
    }
    let box: Box;
    if (text[i] === "{") {
      matches ??= braceMatches(text);
      const close = matches[i];
      box =
        close < 0 || close >= to
          ? { start: at, end: i + 1, answer: "", unclosed: true }
          : { start: at, end: close + 1, answer: boxAnswer(text.slice(i + 1, close)), unclosed: false };
    } else {
      // `\boxed 5`: TeX boxes one token; models write the whole answer up to the next space or delimiter.
      let j = i;
      while (j < to) {
        const c = text[j];
        if (isSpace(text.charCodeAt(j)) || c === "$" || c === "}" || (c === "\\" && j > i)) break;
        j++;
      }
      box = { start: at, end: j, answer: boxAnswer(text.slice(i, j)), unclosed: false };
    }
    boxes.push(box);
    at = nextCommand(Math.max(box.end, at + 1));
  }
  return boxes;
}

/**
 * Whether the text between two boxes joins them into one answer. Rule: the boxes of a set are in the
 * same paragraph and the same sentence, with little text between ("\boxed{2}, \boxed{3}",
 * "x = \boxed{2} or x = \boxed{-2}", one box per line in a list). Boxes in earlier sentences or
 * paragraphs, or before a conclusion in the same sentence ("a = \boxed{3}, so 2a = \boxed{6}"), are
 * not part of the final answer.
 */
export function joinsSet(text: string, from: number, to: number): boolean {
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
      // A semicolon separates statements ("not \boxed{41}; it is \boxed{42}"), not items of one answer.
      if (c === ";") return false;
    }
  }
  return true;
}

/** The final boxed answer: the last box and the boxes that form a set with it. */
export interface BoxedAnswer {
  /** The parts in text order, without repeats; one part for a single box. */
  parts: string[];
  /** Index in `boxes` of the set's first box; the boxes before it are earlier statements. */
  first: number;
  /** Why there is no readable answer although the response commits to one (an empty or unclosed box). */
  empty?: string;
}

export function finalBoxed(text: string, boxes: Box[]): BoxedAnswer | null {
  if (boxes.length === 0) return null;
  const last = boxes.length - 1;
  const final = boxes[last];
  if (final.unclosed) return { parts: [], first: last, empty: "the final \\boxed{ is never closed" };
  if (final.answer === "") return { parts: [], first: last, empty: "the final \\boxed{} is empty" };
  const parts = [final.answer];
  let first = last;
  while (first > 0 && parts.length < MAX_SET_PARTS) {
    const box = boxes[first - 1];
    if (box.unclosed || box.answer === "" || !joinsSet(text, box.end, boxes[first].start)) break;
    parts.push(box.answer);
    first--;
  }
  // A model that boxes the same answer twice ("\boxed{5}, so \boxed{5}") still gave one answer.
  return { parts: [...new Set(parts.reverse())], first };
}
