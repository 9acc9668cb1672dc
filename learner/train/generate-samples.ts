import type { Sample } from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import type { Policy } from "./policy.ts";
import { sampleRollouts } from "./rollouts.ts";

export interface GenerateSamplesOptions {
  k: number;
  temperature: number;
  topP: number;
  maxNewTokens: number;
  seed: number;
  onProgress?: (problemsDone: number) => void;
}

/** k responses per problem of every set, as the samples lines `rlvr eval` reads. */
export function generateSamples(
  policy: Policy,
  sets: readonly ProblemSet[],
  options: GenerateSamplesOptions,
): Sample[] {
  const rng = seededRng(options.seed);
  const samples: Sample[] = [];
  const chunk = Math.max(1, Math.floor(256 / options.k));
  let done = 0;
  for (const set of sets) {
    for (let start = 0; start < set.problems.length; start += chunk) {
      const problems = set.problems.slice(start, start + chunk);
      const rollouts = sampleRollouts(
        policy,
        problems,
        {
          groupSize: options.k,
          maxNewTokens: options.maxNewTokens,
          temperature: options.temperature,
          topP: options.topP,
          rng,
        },
        chunk,
      );
      problems.forEach((problem, p) => {
        rollouts[p]!.forEach((r, sample) => {
          samples.push({ benchmark: set.name, problem_id: problem.id, sample, response: r.text });
        });
      });
      done += problems.length;
      options.onProgress?.(done);
    }
  }
  return samples;
}
