/** A set of verdicts summed up: accuracy, failures, and how answers were found; as figures and as text. */
import type { Verdict } from "../../../shared/contracts/grading.ts";

export interface VerdictSummary {
  graded: number;
  correct: number;
  /** correct / graded (0 when nothing was graded). */
  accuracy: number;
  timeouts: number;
  errors: number;
  seconds: number;
  /** How many answers each extractor found; "not found" counts the responses without one. */
  answersBy: Record<string, number>;
  /** How many verdicts each comparison method decided. */
  decidedBy: Record<string, number>;
}

export function verdictSummary(verdicts: readonly Verdict[], seconds: number): VerdictSummary {
  const count = (predicate: (v: Verdict) => boolean) => verdicts.filter(predicate).length;
  const tally = (key: (v: Verdict) => string) => {
    const counts = new Map<string, number>();
    for (const v of verdicts) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
    return Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]));
  };
  const correct = count((v) => v.correct);
  return {
    graded: verdicts.length,
    correct,
    accuracy: verdicts.length ? correct / verdicts.length : 0,
    timeouts: count((v) => v.status === "timeout"),
    errors: count((v) => v.status === "error"),
    seconds,
    answersBy: tally((v) => v.extractedBy ?? "not found"),
    decidedBy: tally((v) => v.method),
  };
}

export function describeVerdictSummary(summary: VerdictSummary): string {
  const tally = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
  const rate = (summary.graded / Math.max(summary.seconds, 1e-9)).toFixed(0);
  return [
    `graded ${summary.graded} in ${summary.seconds.toFixed(2)} s (${rate}/s)`,
    `  correct     ${summary.correct} (${(100 * summary.accuracy).toFixed(2)}%)`,
    `  timeouts    ${summary.timeouts}, errors ${summary.errors}`,
    `  answers by  ${tally(summary.answersBy)}`,
    `  decided by  ${tally(summary.decidedBy)}`,
  ].join("\n");
}
