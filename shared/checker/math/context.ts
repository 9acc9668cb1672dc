/** What every comparison step receives and returns. */
import type { GradeOptions, MatchMethod } from "../../contracts/grading.ts";

export interface Context {
  options: GradeOptions;
  /** Names written `f(…)` that also occur as plain variables: there `x(x+1)` is a product. */
  products: Set<string>;
}

export interface Outcome {
  equal: boolean;
  method: MatchMethod;
  reason?: string;
}

export const same = (method: MatchMethod): Outcome => ({ equal: true, method });
export const differ = (reason: string, method: MatchMethod = "none"): Outcome => ({
  equal: false,
  method,
  reason,
});
