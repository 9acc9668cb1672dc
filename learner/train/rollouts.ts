import type { GraderClient } from "../../shared/clients/grader.ts";
import type { Problem } from "../../shared/datasets/problems.ts";
import type { Rng } from "../../shared/random/seeded.ts";
import { generate } from "../model/generate.ts";
import type { MicroBatchRunner } from "./micro-batch-runner.ts";
import type { Policy } from "./policy.ts";
import type { PromptFormat } from "./prompt-format.ts";
import { planShards, type ShardRollouts } from "./rollout-shards.ts";
import type { Sequence } from "./sequences.ts";

export interface SamplingOptions {
  groupSize: number;
  maxNewTokens: number;
  temperature: number;
  topP: number;
  rng: Rng;
}

export interface Rollout extends Sequence {
  /** The decoded response (special tokens dropped): what the grader reads. */
  text: string;
  /** Ended with EOS (else it was cut at the length limit). */
  finished: boolean;
}

/** The G rollouts of one prompt and their rewards (1 = verified correct). */
export interface Group {
  problem: Problem;
  rollouts: Rollout[];
  rewards: number[];
}

export interface ChunkOptions {
  /** Prompts per generate call: bounds memory. */
  chunk?: number;
  /** Called after every generate call with the number of problems sampled so far. */
  onProgress?: (problemsDone: number) => void;
}

/** Prompts per generate call in training (their G rollouts each are sampled together). */
export const PROMPTS_PER_GENERATE_CALL = 64;

/** `groupSize` responses per problem, sampled `chunk` prompts at a time. */
export function sampleRollouts(
  policy: Policy,
  problems: readonly Problem[],
  options: SamplingOptions,
  { chunk = PROMPTS_PER_GENERATE_CALL, onProgress }: ChunkOptions = {},
): Rollout[][] {
  const { tokenizer } = policy;
  const out: Rollout[][] = [];
  for (let start = 0; start < problems.length; start += chunk) {
    const prompts = problems.slice(start, start + chunk).map((p) => policy.prompts.encode(p));
    const rollouts = generate(policy.model, prompts, {
      groupSize: options.groupSize,
      maxNewTokens: options.maxNewTokens,
      temperature: options.temperature,
      topP: options.topP,
      eosIds: policy.prompts.stopIds,
      padId: tokenizer.padId,
      rng: options.rng,
    });
    out.push(...groupsOf(policy, prompts, rollouts, options.groupSize));
    onProgress?.(out.length);
  }
  return out;
}

/** The groups of rollouts of `prompts`: sampled row `p * groupSize + j` is rollout j of prompt p. */
function groupsOf(
  policy: Policy,
  prompts: readonly number[][],
  sampled: ShardRollouts,
  groupSize: number,
): Rollout[][] {
  return prompts.map((prompt, p) =>
    Array.from({ length: groupSize }, (_, j) => {
      const row = p * groupSize + j;
      const response = sampled.responses[row]!;
      return { prompt, response, text: policy.tokenizer.decode(response), finished: sampled.finished[row]! };
    }),
  );
}

/**
 * `groupSize` responses per problem, sampled in shards of `promptsPerShard` prompts by the runner's
 * lanes (rollout-shards.ts): the same rollouts for any number of lanes.
 */
export async function sampleRolloutsInShards(
  policy: Policy,
  problems: readonly Problem[],
  options: SamplingOptions,
  promptsPerShard: number,
  runner: MicroBatchRunner,
): Promise<Rollout[][]> {
  const prompts = problems.map((p) => policy.prompts.encode(p));
  const shards = planShards(prompts, promptsPerShard, options.rng);
  const sampled = await runner.sampleShards(shards, {
    groupSize: options.groupSize,
    maxNewTokens: options.maxNewTokens,
    temperature: options.temperature,
    topP: options.topP,
    eosIds: policy.prompts.stopIds,
    padId: policy.tokenizer.padId,
  });
  return shards.flatMap((shard, k) => groupsOf(policy, shard.prompts, sampled[k]!, options.groupSize));
}

/** Sequences per generate call when sampling k responses per problem, so that memory does not grow with k. */
const SEQUENCES_PER_CALL = 256;

export interface KSamplingOptions {
  k: number;
  temperature: number;
  maxNewTokens: number;
  /** Default 1: evaluation samples from the whole distribution. */
  topP?: number;
}

/** k responses per problem, as evaluation draws them. */
export function sampleKPerProblem(
  policy: Policy,
  problems: readonly Problem[],
  options: KSamplingOptions,
  rng: Rng,
  onProgress?: (problemsDone: number) => void,
): Rollout[][] {
  return sampleRollouts(
    policy,
    problems,
    {
      groupSize: options.k,
      maxNewTokens: options.maxNewTokens,
      temperature: options.temperature,
      topP: options.topP ?? 1,
      rng,
    },
    { chunk: Math.max(1, Math.floor(SEQUENCES_PER_CALL / options.k)), onProgress },
  );
}

/**
 * Rewards in {0, 1} for every rollout, graded in one request; when the prompts left a `<think>`
 * block open, a response that never closes it is wrong.
 */
export async function gradeRollouts(
  grader: GraderClient,
  prompts: PromptFormat,
  problems: readonly Problem[],
  rollouts: readonly Rollout[][],
): Promise<number[][]> {
  const items = problems.flatMap((problem, p) =>
    rollouts[p]!.map((r) => ({ response: r.text, gold: problem.gold })),
  );
  const verdicts = await grader.gradeMany(items, { requireThinkClose: prompts.requireThinkClose });
  let cursor = 0;
  return rollouts.map((group) => group.map(() => (verdicts[cursor++]!.correct ? 1 : 0)));
}

/** Where a step's rollouts are sampled: by the runner's lanes in shards, or in this thread (absent). */
export interface Sharding {
  promptsPerShard: number;
  runner: MicroBatchRunner;
}

export async function sampleGroups(
  policy: Policy,
  problems: readonly Problem[],
  options: SamplingOptions,
  grader: GraderClient,
  sharding?: Sharding,
): Promise<Group[]> {
  const rollouts = sharding
    ? await sampleRolloutsInShards(policy, problems, options, sharding.promptsPerShard, sharding.runner)
    : sampleRollouts(policy, problems, options);
  const rewards = await gradeRollouts(grader, policy.prompts, problems, rollouts);
  return problems.map((problem, p) => ({ problem, rollouts: rollouts[p]!, rewards: rewards[p]! }));
}
