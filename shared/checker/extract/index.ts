/**
 * Finds the final answer in a model's response. Each method looks only at the answer region (see
 * region.ts) and the first that finds something wins:
 *
 * 1. a chosen letter, when the gold is a multiple-choice letter (choice.ts);
 * 2. "Final Answer: …" / "The final answer is …", preferring a box inside it (phrases.ts);
 * 3. the last `\boxed{…}` / `\fbox{…}`, or the set of boxes that ends the response (boxed.ts);
 * 4. "The answer is …" / "Answer: …" (phrases.ts);
 * 5. a math environment that ends the response (math-env.ts);
 * 6. a short bare formula, whole (whole.ts); else the last number (last-number.ts); else a short
 *    response whole.
 *
 * Every scan is linear in the region and bounded by its tail window, and none recurses, so adversarial
 * input (megabytes of text, deep or unbalanced braces) costs no more than ordinary text.
 */
import { boxedFound, findBoxed } from "./boxed.ts";
import { findChoice } from "./choice.ts";
import { cleanAnswer } from "./clean.ts";
import { lastNumber } from "./last-number.ts";
import { lastMathEnvironment } from "./math-env.ts";
import { answerPhrase, finalAnswerPhrase } from "./phrases.ts";
import { answerRegion } from "./region.ts";
import type { Extraction, ExtractOptions, Found } from "./types.ts";
import { hasBoxCommand, isBareFormula, MAX_FORMULA_CHARS, MAX_WHOLE_CHARS } from "./whole.ts";

export type { Extraction, ExtractOptions, Found } from "./types.ts";

function unmarkedAnswer(text: string): Found | null {
  const math = lastMathEnvironment(text);
  if (math !== null) return { found: true, text: math, method: "math-env" };
  const trimmed = text.trim();
  const whole = trimmed.length <= MAX_FORMULA_CHARS && !hasBoxCommand(trimmed) ? cleanAnswer(trimmed) : "";
  if (isBareFormula(whole)) return { found: true, text: whole, method: "whole" };
  const number = lastNumber(text);
  if (number !== null) return { found: true, text: number, method: "last-number" };
  return whole === "" || whole.length > MAX_WHOLE_CHARS
    ? null
    : { found: true, text: whole, method: "whole" };
}

export function extractAnswer(response: string, options: ExtractOptions): Extraction {
  const region = answerRegion(response, options.requireThinkClose);
  if ("reason" in region) return { found: false, reason: region.reason };
  const text = region.text;
  // Choice mode reads the boxes first; the same result then serves the boxed step.
  const boxed = options.choice ? findBoxed(text) : undefined;
  if (options.choice) {
    const letter = findChoice(text, boxed ?? null);
    if (letter !== null) return { found: true, text: letter, method: "choice" };
  }
  const finalAnswer = finalAnswerPhrase(text);
  if (finalAnswer !== null) return finalAnswer;
  const box = boxed === undefined ? findBoxed(text) : boxed;
  if (box !== null) return boxedFound(box, "boxed");
  return (
    answerPhrase(text) ?? unmarkedAnswer(text) ?? { found: false, reason: "no answer found in the response" }
  );
}
