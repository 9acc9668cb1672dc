/**
 * Pass@1 of a policy as the evaluation service scores it: k samples per problem are generated here,
 * sent over NATS as one evaluation job, and graded and scored by the service.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import type { EvaluationResult } from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { runEvaluationJob } from "../../shared/evaluation/jobs/client.ts";
import { generateSamples } from "../train/generate-samples.ts";
import type { Policy } from "../train/policy.ts";

export interface ServiceEvaluationOptions {
  k: number;
  temperature: number;
  maxNewTokens: number;
  seed: number;
  title: string;
  onSampled?: (problemsDone: number) => void;
  onGraded?: (samplesDone: number) => void;
}

export async function evaluateThroughService(
  nc: NatsConnection,
  policy: Policy,
  sets: readonly ProblemSet[],
  options: ServiceEvaluationOptions,
): Promise<EvaluationResult> {
  const samples = generateSamples(policy, sets, {
    k: options.k,
    temperature: options.temperature,
    topP: 1,
    maxNewTokens: options.maxNewTokens,
    seed: options.seed,
    onProgress: options.onSampled,
  });
  return runEvaluationJob(
    nc,
    {
      // Only the golds travel: the service needs no problem text.
      problemSets: sets.map((set) => ({
        name: set.name,
        problems: set.problems.map((p) => ({ id: p.id, problem: "", gold: p.gold })),
      })),
      k: options.k,
      title: options.title,
    },
    samples,
    { onProgress: options.onGraded },
  );
}
