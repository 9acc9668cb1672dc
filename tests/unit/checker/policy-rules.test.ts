/**
 * Rules added after the held-out suite (tests/suites/grader/holdout.jsonl) found their classes: each
 * pair shows the rule paying a right answer and refusing the trick it closes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer } from "../../../shared/checker/check.ts";
import type { Gold } from "../../../shared/contracts/grading.ts";

function accepts(response: string, gold: Gold): void {
  const verdict = checkAnswer({ response, gold });
  assert.equal(
    verdict.correct,
    true,
    `${JSON.stringify(response)} should earn ${JSON.stringify(gold)}: ${verdict.reason}`,
  );
}

function refuses(response: string, gold: Gold): void {
  const verdict = checkAnswer({ response, gold });
  assert.equal(verdict.correct, false, `${JSON.stringify(response)} should not earn ${JSON.stringify(gold)}`);
}

describe("checker policy rules", () => {
  it("reads a box the response rejects as no answer, and a rejected earlier box as no rival", () => {
    for (const response of [
      "It is definitely not \\boxed{42}.",
      "I ruled out \\boxed{42}.",
      "The answer isn't $\\boxed{42}$.",
      "\\boxed{42} is wrong, so the answer must be something else.",
      "Answer: \\boxed{42} is not correct.",
    ]) {
      refuses(response, "42");
    }
    accepts("The answer is not \\boxed{41}; it is \\boxed{42}.", "42");
    accepts("The answer is 42, not 41.", "42");
  });

  it("takes a box holding only spacing as empty", () => {
    refuses("\\boxed{42} \\boxed{~}", "42");
    refuses("\\boxed{42} \\boxed{\\,}", "42");
  });

  it("reads superscripts as exponents and vulgar fractions as fractions", () => {
    refuses("The answer is 10⁸.", "10");
    accepts("The answer is 8.7 × 10⁸.", "8.7 \\times 10^{8}");
    accepts("\\boxed{x²+1}", "x^2+1");
    accepts("The probability is ½.", "\\frac{1}{2}");
    accepts("\\boxed{1⁄2}", "0.5");
  });

  it("reads a plain-text mixed number", () => {
    accepts("The answer is 7 3/4.", "\\frac{31}{4}");
    refuses("The answer is 7 3/4.", "\\frac{21}{4}");
  });

  it("hides what an old-style font colour hides, and ignores visible colours", () => {
    refuses('<font color="white">\\boxed{42}</font>', "42");
    accepts("\\boxed{\\color{red}42}", "42");
  });

  it("reads an answer field and several options in one box", () => {
    accepts('{"answer": 42}', "42");
    refuses('{"answer": 41, "alternatives": [42]}', "42");
    refuses("\\boxed{(C)\\ \\text{and}\\ (F)}", "\\text{(C)}");
  });

  it("reads units after a plain number and currency signs", () => {
    accepts("So the area is 1,000.99 m²", "1000.99");
    accepts("Réponse : $2,74$ €", "2.74");
    accepts("\\boxed{3.83 \\times 10^{35} \\text{ erg/s}}", "3.83 \\times 10^{35}");
  });
});
