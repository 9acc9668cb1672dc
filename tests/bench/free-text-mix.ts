/**
 * The free-text-heavy mix of `bench:grader`: responses written the way chat models write them rather
 * than bare LaTeX: answer sentences with counted nouns, other languages and scripts, long chains of
 * thought that end in a sentence, refusals and hedges, and every response of the grader suites.
 */
import type { GradeRequest } from "../../shared/contracts/grading.ts";
import type { Rng } from "../../shared/random/seeded.ts";
import { bareGold } from "../../shared/synthetic/responses.ts";
import { loadSuite, SUITES } from "../suites/grader/schema.ts";

const REASONING = [
  "First we write down what the problem gives us and name the unknown quantity.",
  "Substituting the second equation into the first, we get 3x + 2 = 17, so 3x = 15.",
  "Checking the case n = 4 separately, the count is 12, which agrees with the formula.",
  "Now the remaining terms cancel in pairs, and only the first and the last survive.",
  "We verify the boundary values 0 and 1 as well; neither gives a larger result.",
  "The discriminant is 49 - 40 = 9, a perfect square, so the roots are rational.",
];

const SENTENCES: ((gold: string) => string)[] = [
  (g) => `Final Answer: The final answer is ${g} apples. I hope it is correct.`,
  (g) => `The answer is ${g}.`,
  (g) => `So the total is ${g}.`,
  (g) => `答案是 ${g}。`,
  (g) => `所以答案为 ${g}。`,
  (g) => `La réponse est ${g}.`,
  (g) => `Die Antwort ist ${g}.`,
  (g) => `Ответ: ${g}`,
  (g) => `الإجابة هي ${g}`,
  (g) => `उत्तर है ${g}`,
  (g) => `I cannot solve this problem, but it might be ${g}.`,
  (g) => `It is either ${g} or something else.`,
];

function chainOfThought(rng: Rng, sentences: number): string {
  return Array.from({ length: sentences }, () => rng.pick(REASONING)).join(" ");
}

/** `perGold` free-text responses per gold, half of them after a long chain of thought, plus the suites. */
export function freeTextMix(golds: string[], perGold: number, rng: Rng): GradeRequest[] {
  const mix: GradeRequest[] = [];
  for (const gold of golds) {
    const g = bareGold(gold);
    for (let k = 0; k < perGold; k++) {
      const sentence = rng.pick(SENTENCES)(g);
      const response = k % 2 === 0 ? sentence : `${chainOfThought(rng, 20 + rng.int(60))}\n\n${sentence}`;
      mix.push({ response, gold });
    }
  }
  for (const suite of SUITES) {
    for (const item of loadSuite(suite))
      mix.push({ response: item.response, gold: item.gold, options: item.options });
  }
  return mix;
}
