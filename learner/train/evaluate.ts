import type { GraderClient } from "../../shared/clients/grader.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import type { Policy } from "./policy.ts";
import { gradeRollouts, sampleKPerProblem } from "./rollouts.ts";

export interface EvalOptions {
  k: number;
  temperature: number;
  maxNewTokens: number;
  /** Seeds sampling; evaluation has its own stream so that it never shifts training's. */
  seed: number;
  /** Problems per set (the first ones). */
  limit?: number;
}

export interface PassAtOne {
  /** Unweighted mean over sets (the paper's "Avg."). */
  average: number;
  bySet: Record<string, number>;
  /** Per set, each problem's share of correct samples, in the set's order (for intervals over problems). */
  byProblem: Record<string, number[]>;
  /** Mean response length in tokens. */
  meanResponseTokens: number;
}

/** Pass@1 over k samples: per problem the share of correct samples, averaged over problems. */
export async function passAtOne(
  policy: Policy,
  sets: readonly ProblemSet[],
  grader: GraderClient,
  options: EvalOptions,
): Promise<PassAtOne> {
  const rng = seededRng(options.seed);
  const bySet: Record<string, number> = {};
  const byProblem: Record<string, number[]> = {};
  let tokens = 0;
  let samples = 0;
  for (const set of sets) {
    const problems = set.problems.slice(0, options.limit ?? set.problems.length);
    const rollouts = sampleKPerProblem(policy, problems, options, rng);
    const rewards = await gradeRollouts(grader, policy.prompts, problems, rollouts);
    byProblem[set.name] = rewards.map((r) => r.reduce((x, y) => x + y, 0) / r.length);
    bySet[set.name] = byProblem[set.name]!.reduce((a, b) => a + b, 0) / problems.length;
    for (const group of rollouts) for (const r of group) tokens += r.response.length;
    samples += problems.length * options.k;
  }
  const values = Object.values(bySet);
  return {
    average: values.reduce((a, b) => a + b, 0) / values.length,
    bySet,
    byProblem,
    meanResponseTokens: tokens / samples,
  };
}
