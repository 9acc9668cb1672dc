/**
 * Finds the final answer in a model's response, as a reader of the rendered response would.
 *
 * 1. Only what a renderer shows counts (visible.ts), with other scripts' digits and twice-escaped LaTeX
 *    read as plain ones (characters.ts), and only the text after the last `</think>` (region.ts).
 * 2. A chosen letter, when the gold is a multiple-choice letter (choice.ts).
 * 3. The last statement of an answer: the last top-level `\boxed{…}` (with the boxes that form a set
 *    with it), or a later "Final Answer: …" / "The answer is …" whose sentence states math (phrases.ts).
 *    An empty or unclosed final box is a committed empty answer: nothing else is read instead.
 * 4. Without any statement: a math environment that ends the response, a short bare formula or
 *    sentence, else the last number — unless its sentence hedges or declines to answer.
 *
 * Other answers stated beside the final one are returned as rivals (hedges.ts). Every scan is linear in
 * the text and none recurses, so adversarial input costs no more than ordinary text.
 */
import { type BoxedAnswer, finalBoxed, topLevelBoxes } from "./boxed.ts";
import { asciiForms, undoubledBackslashes } from "./characters.ts";
import { findChoice } from "./choice.ts";
import { cleanAnswer } from "./clean.ts";
import {
  earlierRivals,
  gapText,
  isIntermediate,
  isNegated,
  REASONING_GAP,
  retractedAfter,
  tailRivals,
} from "./hedges.ts";
import { lastNumber } from "./last-number.ts";
import { lastMathEnvironment } from "./math-env.ts";
import {
  answerPhrase,
  earlierStatements,
  finalAnswerPhrase,
  type PhraseStatement,
  sentenceDoubt,
} from "./phrases.ts";
import { answerRegion, TAIL_CHARS } from "./region.ts";
import { readSentence, restatementsAfter } from "./sentence.ts";
import type { Extraction, ExtractOptions, Found } from "./types.ts";
import { visibleText } from "./visible.ts";
import { hasBoxCommand, isBareFormula, MAX_FORMULA_CHARS, MAX_WHOLE_CHARS } from "./whole.ts";
import { DOUBT, INJECTION, MACRO_DEFINITION, QUALIFIER, REFUSAL, UNCERTAIN, VALUE_WORDS } from "./words.ts";

export type { Extraction, ExtractOptions, Found } from "./types.ts";

/** The response as a reader sees it: hidden text gone, digits and backslashes in one spelling. */
export function readableText(response: string): string {
  return undoubledBackslashes(asciiForms(visibleText(response)));
}

export function extractAnswer(response: string, options: ExtractOptions): Extraction {
  const region = answerRegion(readableText(response), options.requireThinkClose);
  if ("reason" in region) return { found: false, reason: region.reason };
  const text = region.text;
  if (MACRO_DEFINITION.test(text)) return { found: false, reason: "the response redefines LaTeX commands" };
  if (INJECTION.test(text)) return { found: false, reason: "the response addresses the grader" };
  const boxes = topLevelBoxes(text);
  const boxed = finalBoxed(text, boxes);
  // Phrases and unmarked answers sit at the end: their scans look at the tail only.
  const tailStart = Math.max(0, text.length - TAIL_CHARS);
  if (options.choice) {
    const letter = findChoice(
      text.slice(tailStart),
      boxed?.empty === undefined ? (boxed?.parts ?? null) : null,
    );
    if (letter !== null && "several" in letter)
      return { found: false, reason: "the response names several options" };
    if (letter !== null) return { found: true, text: letter.letter, method: "choice" };
  }
  // A phrase is the final statement when it holds or follows the last box.
  const phrase = laterPhrase(text, tailStart, boxed);
  const lastBox = boxes[boxes.length - 1];
  // A phrase inside the last box (`\boxed{\text{Answer: }7}`) is part of the box's answer.
  const inLastBox =
    phrase !== null && lastBox !== undefined && phrase.start > lastBox.start && phrase.start < lastBox.end;
  if (phrase !== null && !inLastBox && (boxed === null || phrase.end >= lastBox.end)) {
    if (phrase.doubt !== undefined) return { found: false, reason: phrase.doubt };
    const inside = boxes.findIndex((box) => box.start >= phrase.answerStart);
    const before = inside < 0 ? boxes.length : inside;
    const lastInside = boxes.findLast((box) => box.start >= phrase.answerStart && box.end <= phrase.end);
    if (lastInside !== undefined && isNegated(text, lastInside))
      return { found: false, reason: "the response rejects its own boxed answer" };
    const earlier = earlierRivals(
      text,
      boxes,
      before,
      before < boxes.length ? boxes[before].start : phrase.start,
    );
    const stated = earlierStatements(text, Math.max(tailStart, phrase.start - REASONING_GAP), phrase.start)
      .filter(
        (statement) =>
          !isIntermediate(gapText(text, statement.end, phrase.start)) && !retractedAfter(text, statement.end),
      )
      .map((statement) => statement.answer);
    return withRivals(found(phrase.parts, phrase.method), [
      ...earlier,
      ...stated,
      ...(phrase.restated ?? []),
      ...tailRivals(text, phrase.end),
    ]);
  }
  if (boxed !== null) {
    if (boxed.empty !== undefined) return { found: false, reason: boxed.empty };
    const final = boxes[boxes.length - 1];
    const doubt = sentenceDoubt(text, boxes[boxed.first].start, final.end);
    if (doubt !== null) return { found: false, reason: doubt };
    if (isNegated(text, final)) return { found: false, reason: "the response rejects its own boxed answer" };
    const earlier = earlierRivals(text, boxes, boxed.first, boxes[boxed.first].start);
    return withRivals(found(boxed.parts, "boxed"), [
      ...earlier,
      ...restatementsAfter(text.slice(final.end)),
      ...tailRivals(text, final.end),
    ]);
  }
  return unmarkedAnswer(text, tailStart);
}

/**
 * A "Final Answer: …" or "The answer is …" statement after the last box. With boxes in the response it
 * must state math: "\boxed{5}. The answer is consistent with …" is commentary, not a new answer.
 */
function laterPhrase(
  text: string,
  from: number,
  boxed: BoxedAnswer | null,
): (PhraseStatement & { method: "final-answer" | "answer-phrase" }) | null {
  const final = finalAnswerPhrase(text, from);
  const plain = answerPhrase(text, from);
  // "The final answer is 5" also holds "answer is": the final-answer phrase wins unless a later one follows.
  const last = final !== null && (plain === null || plain.start < final.answerStart) ? final : plain;
  if (last === null || (boxed !== null && !last.math)) return null;
  return { ...last, method: last === final ? "final-answer" : "answer-phrase" };
}

function found(parts: string[], method: Found["method"]): Found {
  return parts.length > 1
    ? { found: true, text: parts.join(", "), method, parts }
    : { found: true, text: parts[0], method };
}

function withRivals(answer: Found, rivals: string[]): Found {
  return rivals.length === 0 ? answer : { ...answer, rivals };
}

function unmarkedAnswer(text: string, tailStart: number): Extraction {
  const trimmed = text.trim();
  const sentence = finalSentence(text);
  // With no statement of an answer, a refusal anywhere near the end disowns whatever number follows.
  if (REFUSAL.test(text.slice(Math.max(0, text.length - 2000))))
    return { found: false, reason: "the response declines to answer" };
  const doubt = uncommitted(sentence.text);
  if (doubt !== null) return { found: false, reason: doubt };
  // A short response is read as a sentence first: "The solutions are $x = 1$ and $x = -2$."
  if (trimmed.length <= MAX_SENTENCE_RESPONSE && !hasBoxCommand(trimmed)) {
    const whole = cleanAnswer(trimmed);
    if (whole.length <= MAX_FORMULA_CHARS && isBareFormula(whole))
      return { found: true, text: whole, method: "whole" };
    const reading = readSentence(whole);
    const math = reading.kind === "math" ? cleanAnswer(reading.text) : "";
    if (math !== "")
      return withRivals(
        { found: true, text: math, method: "whole" },
        reading.kind === "math" ? (reading.restated ?? []) : [],
      );
  }
  const environment = lastMathEnvironment(text);
  if (environment !== null) return { found: true, text: environment, method: "math-env" };
  const tail = text.slice(tailStart);
  const number = lastNumber(tail);
  if (number !== null) {
    // Only a number in the closing sentence is a stated answer; one in earlier reasoning is not.
    if (tailStart + number.start < sentence.start)
      return { found: false, reason: "the response ends without stating an answer" };
    // A number at the end of a run of numbers ("1 2 3 … 902", "Candidates: 49, 44, 46") is a list, not an answer.
    if (/\d[\s,;]+-?$/.test(tail.slice(Math.max(0, number.start - 12), number.start)))
      return { found: false, reason: "the response lists several numbers" };
    const after = tail.slice(number.end, number.end + 40);
    // "58 square units", "8 cubic feet": an area or volume's unit, not a power of the number.
    const next = AREA_UNIT.test(after) ? undefined : /^\s*([a-zA-Z]+)/.exec(after)?.[1]?.toLowerCase();
    // "28 percent" is the percentage 28%, compared by the percent option like `28\%`.
    if (next !== undefined && PERCENT_WORDS.has(next))
      return { found: true, text: `${number.text}\\%`, method: "last-number" };
    if (next !== undefined && VALUE_WORDS.has(next))
      return { found: false, reason: `the last number is qualified by "${next}"` };
    return { found: true, text: number.text, method: "last-number" };
  }
  // A short answer in words ("Evelyn", "no solution", "The day is Tuesday.") is compared as text.
  const whole = cleanAnswer(trimmed);
  return whole !== "" && whole.length <= MAX_WHOLE_CHARS && !hasBoxCommand(whole)
    ? { found: true, text: copulaComplement(whole) ?? whole, method: "whole" }
    : { found: false, reason: "no answer found in the response" };
}

/** "The day is Tuesday" → Tuesday: the last "is"/"are"/"was" of one short sentence, before one to three words. */
const COPULA = /\b(?:is|are|was|were)\s+/gi;
const MAX_COMPLEMENT_WORDS = 3;

function copulaComplement(sentence: string): string | null {
  // One sentence only: "The day is Monday. The day is Tuesday." states two answers.
  if (/[.!?;\n]/.test(sentence)) return null;
  let last: RegExpExecArray | null = null;
  COPULA.lastIndex = 0;
  for (let m = COPULA.exec(sentence); m !== null; m = COPULA.exec(sentence)) last = m;
  if (last === null || last.index === 0) return null;
  const complement = cleanAnswer(sentence.slice(last.index + last[0].length));
  const words = complement.split(/\s+/);
  const valueWord = words.some(
    (word) => VALUE_WORDS.has(word.toLowerCase()) || JOINING_WORDS.has(word.toLowerCase()),
  );
  return complement !== "" && words.length <= MAX_COMPLEMENT_WORDS && !valueWord ? complement : null;
}

/** Words that make a complement more than one answer ("Tuesday or Wednesday"). */
const JOINING_WORDS = new Set(["or", "and", "nor"]);

const PERCENT_WORDS = new Set(["percent", "percentage", "pct"]);
const AREA_UNIT =
  /^\s*(?:square|cubic|sq\.?|cu\.?)\s+(?:units?|feet|foot|ft|inch(?:es)?|in|yards?|yd|miles?|mi|meters?|metres?|m|centimeters?|centimetres?|cm|millimeters?|millimetres?|mm|kilometers?|kilometres?|km)\b/i;

/** A response of one sentence up to this long is read as a sentence ("The primes are 3, 5 and 7."). */
const MAX_SENTENCE_RESPONSE = 300;

/** The response's closing sentence and where it starts: after the last sentence end or line break. */
function finalSentence(text: string): { text: string; start: number } {
  let end = text.length;
  while (end > 0 && /[\s.!。]/.test(text[end - 1])) end--;
  let start = end;
  const floor = Math.max(0, end - 600);
  while (start > floor) {
    const c = text[start - 1];
    if (c === "\n" || c === "。" || ((c === "." || c === "!" || c === "?") && /\s/.test(text[start] ?? " ")))
      break;
    start--;
  }
  return { text: text.slice(start, end), start };
}

/** A value rejected before the one stated: "The number is not 10, it is 1,000.99", "not 4 but 5". */
const CORRECTION =
  /^[^,;]{0,80}?\b(?:not|isn't)\s+[^,;]{1,40}?(?:[,;]\s*|\s+)(?:but|(?=(?:it|that|this|the answer)(?:\s+is|'s)\b))/i;

/** Why the closing sentence commits to no answer, or null: it declines, doubts, asks, or qualifies its value. */
function uncommitted(sentence: string): string | null {
  if (REFUSAL.test(sentence)) return "the response declines to answer";
  if (UNCERTAIN.test(sentence) || DOUBT.test(sentence)) return "the response is not sure of its answer";
  if (QUALIFIER.test(sentence.replace(CORRECTION, ""))) return "the response qualifies its answer";
  if (/[?？]\s*$/.test(sentence.trim())) return "the response ends with a question";
  return null;
}
