/** The paper's six evaluation benchmarks (JSON Lines files in `shared/data/benchmarks/`). */
import { join } from "node:path";
import type { Gold } from "../contracts/grading.ts";
import { loadProblemSet } from "./problems.ts";

export const BENCHMARKS = ["aime24", "aime25", "amc23", "math500", "minerva", "olympiad_bench"] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface BenchmarkProblem {
  benchmark: BenchmarkName;
  /** Position in the file (0-based): the problem id samples refer to. */
  index: number;
  problem: string;
  gold: Gold;
}

/** Reads one benchmark; problems are identified by their position, as the samples files do. */
export async function readBenchmark(dir: string, benchmark: BenchmarkName): Promise<BenchmarkProblem[]> {
  const set = await loadProblemSet(join(dir, `${benchmark}.jsonl`), {
    id: undefined,
    problem: "problem",
    answer: "answer",
  });
  return set.problems.map((p, index) => ({ benchmark, index, problem: p.problem, gold: p.gold }));
}

export async function readAllBenchmarks(dir: string): Promise<BenchmarkProblem[]> {
  return (await Promise.all(BENCHMARKS.map((name) => readBenchmark(dir, name)))).flat();
}
