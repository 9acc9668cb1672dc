/** Answer equivalence for maj@k through a grading client, so each comparison keeps its time budget. */
import type { GraderClient } from "../clients/grader.ts";
import type { GradeOptionsInput } from "../contracts/grading.ts";
import type { EquivalenceCheck } from "./majority.ts";

export function graderEquivalence(grader: GraderClient, options?: GradeOptionsInput): EquivalenceCheck {
  return async (pairs) => {
    // Boxing the first answer makes extraction take it whole, as it was extracted before.
    const verdicts = await grader.gradeMany(
      pairs.map(({ a, b }) => ({ response: `\\boxed{${a}}`, gold: b })),
      options,
    );
    return verdicts.map((v) => v.correct);
  };
}
