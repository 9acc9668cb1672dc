/** Grading in this process, through the worker pool that enforces each item's time budget. */
import type { GradeOptionsInput } from "../contracts/grading.ts";
import { GradingPool } from "../pool/pool.ts";
import type { GraderClient } from "./grader.ts";

export async function localGrader(options: { workers?: number } = {}): Promise<GraderClient> {
  const pool = await GradingPool.start({ size: options.workers });
  return {
    grade: (item) => pool.grade(item),
    gradeMany(items, batchOptions?: GradeOptionsInput) {
      const withOptions = batchOptions ? items.map((item) => ({ options: batchOptions, ...item })) : items;
      return pool.gradeMany(withOptions);
    },
    close: () => pool.close(),
  };
}
