/** A short human summary of a set of verdicts: accuracy, failures, and how answers were found. */
import type { Verdict } from "../../../shared/contracts/grading.ts";

export function summarizeVerdicts(verdicts: Verdict[], seconds: number): string {
  const count = (predicate: (v: Verdict) => boolean) => verdicts.filter(predicate).length;
  const correct = count((v) => v.correct);
  const tally = (key: (v: Verdict) => string) => {
    const counts = new Map<string, number>();
    for (const v of verdicts) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
  };
  const percent = verdicts.length ? ((100 * correct) / verdicts.length).toFixed(2) : "0.00";
  return [
    `graded ${verdicts.length} in ${seconds.toFixed(2)} s (${(verdicts.length / Math.max(seconds, 1e-9)).toFixed(0)}/s)`,
    `  correct     ${correct} (${percent}%)`,
    `  timeouts    ${count((v) => v.status === "timeout")}, errors ${count((v) => v.status === "error")}`,
    `  answers by  ${tally((v) => v.extractedBy ?? "not found")}`,
    `  decided by  ${tally((v) => v.method)}`,
  ].join("\n");
}
