import { checkAnswer } from "../../shared/checker/check.ts";
import type { GradeRequest, Verdict } from "../../shared/contracts/grading.ts";

/** A verdict without its timing, which differs from run to run. */
export function withoutTiming(verdict: Verdict): Omit<Verdict, "elapsedMs"> {
  const { elapsedMs: _, ...rest } = verdict;
  return rest;
}

/** What the in-process checker says, for comparison with a service's verdict. */
export function expectedVerdict(request: GradeRequest): Omit<Verdict, "elapsedMs"> {
  return withoutTiming(checkAnswer(request));
}

/** A spread of requests: correct, wrong, alternatives, options, no answer. */
export const sampleRequests: GradeRequest[] = [
  { response: "so the answer is \\boxed{42}", gold: "42" },
  { response: "\\boxed{41}", gold: 42 },
  { response: "\\boxed{b}", gold: ["a", "b"] },
  { response: "\\boxed{42}", gold: "42", options: { requireThinkClose: true } },
  { response: "<think>hmm</think> \\boxed{7}", gold: 7 },
  { response: "The final answer is \\(\\frac{1}{2}\\).", gold: "1/2" },
  { response: "", gold: "1" },
];
