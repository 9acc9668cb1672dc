/** The paper's six evaluation benchmarks (JSON Lines files in `shared/data/benchmarks/`). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Gold } from "../contracts/grading.ts";

export const BENCHMARKS = ["aime24", "aime25", "amc23", "math500", "minerva", "olympiad_bench"] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface BenchmarkProblem {
  benchmark: BenchmarkName;
  /** Position in the file (0-based): the problem id samples refer to. */
  index: number;
  problem: string;
  gold: Gold;
}

/** Reads one benchmark file; a line without `problem` and `answer` is an error naming the line. */
export async function readBenchmark(dir: string, benchmark: BenchmarkName): Promise<BenchmarkProblem[]> {
  const path = join(dir, `${benchmark}.jsonl`);
  const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line.trim() !== "");
  return lines.map((line, index) => {
    const record = JSON.parse(line) as { problem?: unknown; answer?: unknown };
    const gold = record.answer;
    const validGold =
      typeof gold === "string" ||
      typeof gold === "number" ||
      (Array.isArray(gold) && gold.length > 0 && gold.every((g) => typeof g === "string"));
    if (typeof record.problem !== "string" || !validGold) {
      throw new Error(
        `${path}:${index + 1}: expected a string \`problem\` and an \`answer\` (string, number or list)`,
      );
    }
    return { benchmark, index, problem: record.problem, gold: gold as Gold };
  });
}

export async function readAllBenchmarks(dir: string): Promise<BenchmarkProblem[]> {
  return (await Promise.all(BENCHMARKS.map((name) => readBenchmark(dir, name)))).flat();
}
