/** Decides whether two answers (LaTeX or plain-text math) are mathematically equal. */
import type { GradeOptions, MatchMethod } from "../../contracts/grading.ts";

export interface Comparison {
  equal: boolean;
  method: MatchMethod;
  normalized: { response: string | null; gold: string | null };
  reason?: string;
}

function normalize(answer: string): string {
  return answer.replace(/\s+/g, "").replace(/^\$+|\$+$/g, "");
}

export function compareAnswers(response: string, gold: string, _options: GradeOptions): Comparison {
  const a = normalize(response);
  const b = normalize(gold);
  return a === b
    ? { equal: true, method: "string", normalized: { response: a, gold: b } }
    : { equal: false, method: "none", normalized: { response: a, gold: b }, reason: "answers differ" };
}
