import type { Sample } from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import type { Policy } from "./policy.ts";
import { sampleKPerProblem } from "./rollouts.ts";

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
  let done = 0;
  for (const set of sets) {
    const rollouts = sampleKPerProblem(policy, set.problems, options, rng, (n) =>
      options.onProgress?.(done + n),
    );
    set.problems.forEach((problem, p) => {
      rollouts[p]!.forEach((r, sample) => {
        samples.push({ benchmark: set.name, problem_id: problem.id, sample, response: r.text });
      });
    });
    done += set.problems.length;
  }
  return samples;
}
