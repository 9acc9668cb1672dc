/**
 * The grading mixes of the benchmarks: synthetic responses (equivalent and wrong, bare and long) to
 * every gold of the six benchmarks, and the free-text-heavy mix (free-text-mix.ts) over the same golds.
 */
import { join } from "node:path";
import type { GradeRequest } from "../../shared/contracts/grading.ts";
import { readAllBenchmarks } from "../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../shared/datasets/location.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";
import { freeTextMix } from "./free-text-mix.ts";

export const RESPONSES_PER_PROBLEM = 8;
export const FREE_TEXT_PER_GOLD = 4;

export async function benchmarkMix(): Promise<GradeRequest[]> {
  const problems = await readAllBenchmarks(join(defaultDataDir(), "benchmarks"));
  const rng = seededRng(7);
  return problems.flatMap((p) => {
    const gold = Array.isArray(p.gold) ? p.gold[0]! : String(p.gold);
    return syntheticResponses(gold, RESPONSES_PER_PROBLEM, rng).map((s) => ({
      response: s.response,
      gold: p.gold,
    }));
  });
}

/** The free-text-heavy mix over the golds of `benchmark` (one gold per problem). */
export function freeTextOver(benchmark: GradeRequest[]): GradeRequest[] {
  return freeTextMix(
    benchmark
      .map((item) => (Array.isArray(item.gold) ? item.gold[0]! : String(item.gold)))
      .filter((_, k) => k % RESPONSES_PER_PROBLEM === 0),
    FREE_TEXT_PER_GOLD,
    seededRng(11),
  );
}
