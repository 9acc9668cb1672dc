/**
 * Other answers a response states besides its final one. Policy: a response earns a reward only when
 * it commits to one answer, so
 * - an earlier box is a rival unless a derivation leads on from it ("a = \boxed{3}, so 2a = \boxed{6}")
 *   with no hedge word in a short gap ("\boxed{58}. Or maybe \boxed{55}");
 * - after the final answer, a hedge or another answer statement with math in its sentence ("a common
 *   mistake gives 55", "(or 55)", "the answer could also be 55") is a rival.
 * The checker compares rivals with the final answer; equal ones ("\boxed{5}. The answer is 5.") are fine.
 */
import { type Box, joinsSet } from "./boxed.ts";
import { clauseAfter } from "./clause.ts";
import { readSentence } from "./sentence.ts";
import { ANSWER_WORD, DERIVATION, FILLERS, HEDGE } from "./words.ts";

/** Rivals looked at on each side of the final answer; enough for any honest response. */
const MAX_RIVALS = 16;
/** Longest text between a box and the next statement that can still derive the one from the other. */
export const REASONING_GAP = 300;

export function gapText(text: string, from: number, to: number): string {
  return to - from <= REASONING_GAP ? text.slice(from, to) : text.slice(from, from + REASONING_GAP + 1);
}

/**
 * An earlier box is an intermediate result only when a short derivation leads on from it ("a =
 * \boxed{3}, so 2a = \boxed{6}"). Two different boxes further apart are two answers, however much
 * text stands between them.
 */
export function isIntermediate(gap: string): boolean {
  return gap.length <= REASONING_GAP && DERIVATION.test(gap) && !HEDGE.test(gap);
}

/**
 * Answers of the boxes before `boxes[before]` that are not intermediate results, a set of boxes
 * (`\boxed{1}, \boxed{-2}`) as one answer; `nextStart` is where the final statement starts.
 */
export function earlierRivals(text: string, boxes: Box[], before: number, nextStart: number): string[] {
  const rivals: string[] = [];
  let next = nextStart;
  for (let k = before - 1; k >= 0 && rivals.length < MAX_RIVALS; k--) {
    const parts: string[] = [];
    let first = k;
    while (first >= 0 && parts.length < MAX_RIVALS) {
      const box = boxes[first];
      if (!box.unclosed && box.answer !== "") parts.unshift(box.answer);
      if (first === 0 || !joinsSet(text, boxes[first - 1].end, box.start)) break;
      first--;
    }
    // A box the response itself rejects ("not \boxed{41}; it is \boxed{42}") is no rival either.
    const rejected = boxes[k] !== undefined && isNegated(text, boxes[k]);
    if (parts.length > 0 && !rejected && !isIntermediate(gapText(text, boxes[k].end, next)))
      rivals.push(parts.join(", "));
    next = boxes[first].start;
    k = first;
  }
  return rivals;
}

/**
 * Math offered after the final answer: any number or formula after a hedge word in its sentence ("a
 * common mistake gives 55", "(or 55)"), and the math an answer word introduces ("the result is 55").
 */
export function tailRivals(text: string, from: number): string[] {
  const rivals: string[] = [];
  for (const [cue, read] of [
    [HEDGE, mathInProse],
    [ANSWER_WORD, statedMath],
  ] as const) {
    const scan = new RegExp(cue.source, "gi");
    scan.lastIndex = from;
    for (let m = scan.exec(text); m !== null && rivals.length < MAX_RIVALS; m = scan.exec(text)) {
      const clause = clauseAfter(text, m.index + m[0].length);
      if (clause === null) continue;
      // Doubt covers its whole sentence ("some sources give $x$, which may also be correct").
      const start = read === mathInProse ? sentenceStart(text, m.index, from) : clause.start;
      rivals.push(...read(text.slice(start, clause.end)));
      scan.lastIndex = Math.max(scan.lastIndex, clause.end);
    }
  }
  return rivals.slice(0, MAX_RIVALS);
}

/**
 * What an answer word introduces: its math, or a short answer in words ("the answer is west"), but not
 * a comment on the answer ("the answer is correct", "consistent with the above").
 */
function statedMath(clause: string): string[] {
  const reading = readSentence(clause);
  if (reading.kind === "math") return [reading.text, ...(reading.restated ?? [])];
  if (reading.kind === "none") return [];
  const words = reading.text
    .split(/[\s,.;:!]+/)
    .filter((word) => word !== "" && !FILLERS.has(word.toLowerCase()));
  return words.length >= 1 && words.length <= 2 && !words.some((w) => COMMENT_WORDS.has(w.toLowerCase()))
    ? [words.join(" ")]
    : [];
}

/** Words that judge an answer rather than give one. */
const COMMENT_WORDS = new Set(
  "correct right wrong valid invalid consistent verified confirmed reasonable unique above below boxed clear obvious final same given shown following follows".split(
    " ",
  ),
);

/** The numbers (with their percent sign) and `$…$` spans of a clause. */
function mathInProse(clause: string): string[] {
  const spans = clause.match(/\$[^$]{1,200}\$|\\\([\s\S]{1,200}?\\\)|-?\d+(?:[.,/]\d+)*(?:\s?\\?%)?/g) ?? [];
  return spans.slice(0, MAX_RIVALS).map((s) => s.replace(/^\$|\$$|^\\\(|\\\)$/g, ""));
}

/** Start of the sentence holding `at`, not before `floor`. */
function sentenceStart(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && i > at - 400) {
    const c = text[i - 1];
    if (c === "\n" || ((c === "." || c === "!" || c === "?") && /\s/.test(text[i] ?? ""))) break;
    i--;
  }
  return i;
}

/** How far a negation before or after a box is looked for, within the box's clause. */
const NEGATION_WINDOW = 48;
const NEGATED_BEFORE =
  /(?:\b(?:not|never|no longer|ruled out|rule out|rules out|exclude[sd]?|eliminated?|except)|n't)\s*(?:be\s*)?[$\\([]*\s*$/i;
const NEGATED_AFTER =
  /^[$\\)\]\s]*(?:(?:is|was|are|were)\s+(?:wrong|incorrect|false|not\b|ruled out|impossible)|isn't|wasn't|can't be|cannot be|fails\b|doesn't work|does not work)/i;

/** The sentence after a box takes it back: "Wait, that's wrong.", "Hmm, this is incorrect", "Oops, I made a mistake". */
const RETRACTED_NEXT =
  /^\s*(?:(?:wait|hmm+|hold on|oops|actually|no)\s*[,.!]*\s*)*(?:(?:that|this|it)(?:'s|\s+is|\s+was)\s+(?:wrong|incorrect|not (?:right|correct))|I made (?:a|an) (?:mistake|error)|that can't be right)/i;

/**
 * Whether the text around a box rejects it ("it is not \boxed{42}", "\boxed{42} is wrong"), or the
 * sentence right after it takes it back ("\boxed{42}. Wait, that's wrong.").
 */
export function isNegated(text: string, box: Box): boolean {
  let start = box.start;
  while (start > 0 && box.start - start < NEGATION_WINDOW && !/[.;:,!?\n]/.test(text[start - 1])) start--;
  let end = box.end;
  while (end < text.length && end - box.end < NEGATION_WINDOW && !/[.;!?\n]/.test(text[end])) end++;
  return (
    NEGATED_BEFORE.test(text.slice(start, box.start)) ||
    NEGATED_AFTER.test(text.slice(box.end, end)) ||
    retractedAfter(text, end)
  );
}

/**
 * Whether the sentence that starts at `end` (the end of a statement's sentence) takes the statement
 * back. Only the very next sentence: a retraction further on may be about something else.
 */
export function retractedAfter(text: string, end: number): boolean {
  const rest = text.slice(end, end + NEGATION_WINDOW * 2);
  return /^[.;!?$)\]\s]/.test(rest) && RETRACTED_NEXT.test(rest.replace(/^[.;!?$)\]\s]+/, ""));
}
