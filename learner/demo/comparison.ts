/** Before and after training, side by side: Pass@1 per task family and the average, as a table. */
import { z } from "zod";
import type { EvaluationResult } from "../../shared/contracts/evaluation.ts";

export const Pass1ChangeSchema = z.object({
  /** A task family (a problem set of the evaluation), or `AVERAGE` for the unweighted mean. */
  family: z.string(),
  before: z.number().min(0).max(1),
  after: z.number().min(0).max(1),
});
export type Pass1Change = z.output<typeof Pass1ChangeSchema>;

export const AVERAGE = "average";

/** One row per problem set of `before` (in its order), then the average; both must hold the same sets. */
export function comparePass1(before: EvaluationResult, after: EvaluationResult): Pass1Change[] {
  const afterBySet = new Map(after.benchmarks.map((b) => [b.benchmark, b.pass1]));
  if (afterBySet.size !== before.benchmarks.length) {
    throw new Error("the evaluations before and after training cover different problem sets");
  }
  const rows = before.benchmarks.map((b) => {
    const pass1After = afterBySet.get(b.benchmark);
    if (pass1After === undefined) throw new Error(`no evaluation of ${b.benchmark} after training`);
    return { family: b.benchmark, before: b.pass1, after: pass1After };
  });
  return [...rows, { family: AVERAGE, before: before.average.pass1, after: after.average.pass1 }];
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const points = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}`;

/** A Markdown table (readable as plain text too): percentages, and the change in points. */
export function comparisonTable(rows: readonly Pass1Change[]): string {
  const cells = [
    ["task family", "before", "after", "change (points)"],
    ...rows.map((r) => [r.family, percent(r.before), percent(r.after), points(r.after - r.before)]),
  ];
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

/**
 * "40 held-out problems per task family", naming the families that have fewer (a family's held-out
 * split at low levels can be smaller than asked: sequences of levels 1–2 have 16).
 */
export function describeProblemCounts(evaluation: EvaluationResult): string {
  const most = Math.max(...evaluation.benchmarks.map((b) => b.problems));
  const fewer = evaluation.benchmarks.filter((b) => b.problems < most);
  const exceptions = fewer.map((b) => `${b.benchmark} ${b.problems}`).join(", ");
  return `${most} held-out problems per task family${fewer.length ? ` (all there are for ${exceptions})` : ""}`;
}
