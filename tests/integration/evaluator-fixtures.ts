/**
 * What the evaluator's integration tests share: small problem sets with samples whose correct answers
 * come in forms other than the gold's, the in-process evaluation to compare against, and a running
 * nats-server + grader + evaluator.
 */

import { localGrader } from "../../shared/clients/grader-local.ts";
import type { EvaluationResult, InlineProblemSet, Sample } from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { evaluateSamples } from "../../shared/evaluation/evaluate.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";

export const K = 4;

export const TOY_SET: InlineProblemSet = {
  name: "toy",
  problems: [
    { id: "p1", problem: "1/2 + 1/2 = ?", gold: "1" },
    { id: "p2", problem: "Half of one?", gold: "\\frac{1}{2}" },
    { id: "p3", problem: "Six times seven?", gold: "42" },
    { id: "p4", problem: "A thousand and twenty-four?", gold: "1024" },
  ],
};

/** Four samples per toy problem: right answers written unlike the gold, wrong ones, a missing box. */
export const TOY_SAMPLES: Sample[] = [
  ["p1", ["\\boxed{1}", "\\boxed{1.0}", "\\boxed{2}", "The answer is $\\boxed{\\frac{2}{2}}$."]],
  ["p2", ["It is \\boxed{0.5}", "\\boxed{\\dfrac12}", "\\boxed{1/2}", "\\boxed{\\frac{1}{3}}"]],
  ["p3", ["\\boxed{42}", "\\boxed{41}", "\\boxed{41}", "no idea"]],
  ["p4", ["\\boxed{1,024}", "\\boxed{1024}", "\\boxed{2^{10}}", "\\boxed{1023}"]],
].flatMap(([id, responses]) =>
  (responses as string[]).map((response, sample) => ({ problem_id: id as string, sample, response })),
);

/** `problems` problems with integer and fraction golds, `perProblem` synthetic samples each. */
export function syntheticJob(problems: number, perProblem: number, seed = 11) {
  const rng = seededRng(seed);
  const set: InlineProblemSet = {
    name: "synthetic",
    problems: Array.from({ length: problems }, (_, i) => ({
      id: `q${i}`,
      problem: `Problem ${i}`,
      gold: i % 3 === 0 ? `\\frac{${i + 1}}{${i + 2}}` : String(i * 37 - 500),
    })),
  };
  const samples: Sample[] = set.problems.flatMap((p) =>
    syntheticResponses(String(p.gold), perProblem, rng).map((s, sample) => ({
      problem_id: p.id,
      sample,
      response: s.response,
    })),
  );
  return { set, samples };
}

export function asProblemSet(set: InlineProblemSet): ProblemSet {
  return { name: set.name, path: "(inline)", problems: set.problems, skipped: [] };
}

/** The result `rlvr eval` computes in-process for the same input. */
export async function inProcessResult(
  sets: InlineProblemSet[],
  samples: Sample[],
  k: number,
): Promise<EvaluationResult> {
  const grader = await localGrader({ workers: 2 });
  try {
    return (await evaluateSamples(sets.map(asProblemSet), samples, { k, grader })).result;
  } finally {
    await grader.close();
  }
}

export const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
