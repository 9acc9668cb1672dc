/**
 * No input reaches a super-linear path: adversarial strings built against each scan (boxes, comments,
 * hidden HTML, phrases, sentences, numbers) are checked in-process, each well within the default
 * per-item budget, and growing an input fourfold grows its time about fourfold, not sixteenfold.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer } from "../../../shared/checker/check.ts";

const LETTERS = "a".repeat(10_000);

/** Builders of adversarial responses of about `n` characters, one per scanner they aim at. */
const ADVERSARIES: Record<string, (n: number) => string> = {
  "box around letters": (n) => `\\boxed{1${"a".repeat(n)}!}`,
  "unclosed boxes": (n) => "\\boxed{".repeat(n / 7),
  "nested boxes": (n) => `${"\\boxed{".repeat(n / 14)}5${"}".repeat(n / 14)}`,
  "boxes in sentences": (n) => "\\boxed{1}. Or maybe \\boxed{2}. ".repeat(n / 32),
  "percent signs": (n) => "5 % x ".repeat(n / 6),
  "html comments": (n) => "<!-- ".repeat(n / 5),
  "hidden spans": (n) => '<span style="display:none">'.repeat(n / 27),
  phantoms: (n) => "\\phantom{".repeat(n / 9),
  "vanishing colours": (n) => "{\\color{white} 5".repeat(n / 16),
  strikethrough: (n) => `~~${"a".repeat(n)}`,
  links: (n) => "[a](".repeat(n / 4),
  "answer phrases": (n) => "The answer is ".repeat(n / 14),
  "hedge words": (n) => "\\boxed{5} or maybe ".repeat(n / 19),
  "sentences of words": (n) => "the apples and ".repeat(n / 15),
  numbers: (n) => "1 ".repeat(n / 2),
  dollars: (n) => "$".repeat(n),
  backslashes: (n) => "\\\\".repeat(n / 2),
  "think tags": (n) => "</think>".repeat(n / 8),
  "bidi overrides": (n) => "\u202e5".repeat(n / 2),
  "question marks": (n) => "5? ".repeat(n / 3),
  "a long number": (n) => `\\boxed{${"1".repeat(n)}}`,
  "a long subscript": (n) => `\\boxed{x_{${"1".repeat(n)}}}`,
  "subscript characters": (n) => `\\boxed{${"₁".repeat(n)}}`,
  "spaces before the box closes": (n) => `\\boxed{1${" ".repeat(n)}}`,
  "bounds joined by and": (n) => `\\boxed{x > ${"1 and ".repeat(n / 6)}}`,
  "json blocks": (n) => "```json\n".repeat(n / 8),
  "compound quantities": (n) => `\\boxed{${"4 hours ".repeat(n / 8)}}`,
  retractions: (n) => "\\boxed{5}. Wait, no, ".repeat(n / 20),
};

function timeOf(response: string, gold = "5"): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const verdict = checkAnswer({ response, gold });
    best = Math.min(best, performance.now() - started);
    assert.equal(verdict.status === "ok" || verdict.status === "error", true);
  }
  return best;
}

describe("checker time safety", () => {
  it("answers a box of 10,000 letters and the pathological inputs of the issue in milliseconds", () => {
    for (const response of [
      `\\boxed{1${LETTERS}!}`,
      `\\boxed{(x+1)^{100000}}`,
      `${"(".repeat(10_000)}5${")".repeat(10_000)}`,
      `\\boxed{${"\\frac{1}{".repeat(2_000)}2${"}".repeat(2_000)}}`,
      `The answer is ${LETTERS}`,
      `I cannot solve this problem. ${LETTERS}`,
    ]) {
      const elapsed = timeOf(response);
      assert.ok(elapsed < 250, `${response.slice(0, 40)}… took ${elapsed.toFixed(1)} ms`);
    }
  });

  it("never goes super-linear: four times the input costs about four times the time", () => {
    for (const [name, build] of Object.entries(ADVERSARIES)) {
      const small = timeOf(build(50_000));
      const large = timeOf(build(200_000));
      // Linear work gives a ratio near 4, quadratic near 16; the slack absorbs timer noise and GC.
      assert.ok(large < 8 * small + 25, `${name}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms`);
    }
  });
});
