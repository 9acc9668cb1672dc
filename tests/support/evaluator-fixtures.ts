/**
 * What the evaluator's integration tests share: small problem sets with samples whose correct answers
 * come in forms other than the gold's, the in-process evaluation to compare against, and a running
 * nats-server + grader + evaluator.
 */

import { type ConsumerInfo, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { EvaluatorOptions, RunningEvaluator } from "../../infra/stack/evaluator.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { localGrader } from "../../shared/clients/grader-local.ts";
import {
  EVALUATOR_NATS,
  type EvaluationResult,
  type InlineProblemSet,
  type Sample,
} from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { evaluateSamples } from "../../shared/evaluation/evaluate.ts";
import { rideOutNatsOutages } from "../../shared/nats/outages.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";
import { startTestEvaluator, startTestGrader, startTestNats, type TestProcess } from "./processes.ts";

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

export interface TestEvaluationStack {
  nats: TestProcess<RunningNatsServer>;
  grader: TestProcess<RunningGrader>;
  evaluator: TestProcess<RunningEvaluator>;
  stop(): Promise<void>;
}

/** nats-server with a grader and an evaluator on it, the evaluator started with `evaluatorOptions`. */
export async function startTestEvaluationStack(
  evaluatorOptions: Partial<EvaluatorOptions> = {},
): Promise<TestEvaluationStack> {
  const nats = await startTestNats();
  const [grader, evaluator] = await Promise.all([
    startTestGrader({ natsUrl: nats.url }),
    startTestEvaluator({ natsUrl: nats.url, ...evaluatorOptions }),
  ]);
  return {
    nats,
    grader,
    evaluator,
    // The evaluator first, while NATS and the grader are still there for it to shut down cleanly.
    stop: async () => {
      await evaluator.stop();
      await grader.stop();
      await nats.stop();
    },
  };
}

/**
 * The evaluator's jobs consumer once nothing on it is pending or waiting for an ack, or as it stands
 * after `withinMs`: the ack of a finished job may trail its final status by a moment.
 */
export async function settledJobsConsumer(nc: NatsConnection, withinMs = 10_000): Promise<ConsumerInfo> {
  // After a node of a cluster dies, JetStream may not answer for seconds while leaders are elected:
  // the manager's own account-info request too.
  const jsm = await rideOutNatsOutages(() => jetstreamManager(nc), { limitMs: withinMs });
  const deadline = Date.now() + withinMs;
  const info = () =>
    rideOutNatsOutages(() => jsm.consumers.info(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer), {
      limitMs: withinMs,
    });
  let consumer = await info();
  while (consumer.num_ack_pending + consumer.num_pending > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    consumer = await info();
  }
  return consumer;
}
