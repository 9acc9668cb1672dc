/**
 * Rollouts sampled in fixed shards of prompts, each shard on its own random stream, so that shards
 * can be sampled by any thread in any order and still give the same rollouts: the data-parallel
 * lanes (learner/parallel) sample them side by side, one thread samples them one after another, and
 * the rollouts are the same bit for bit. The trainer's stream gives each shard its seed, in order, so
 * a step's rollouts depend on the seed and the shard size only.
 */
import type { Rng } from "../../shared/random/seeded.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import type { Model } from "../model/forward.ts";
import { generate } from "../model/generate.ts";

/** How every shard is sampled. */
export interface ShardSampling {
  groupSize: number;
  maxNewTokens: number;
  temperature: number;
  topP: number;
  eosIds: readonly number[];
  padId: number;
}

export interface RolloutShard {
  /** The shard's prompts, encoded. */
  prompts: number[][];
  /** Its random stream's seed. */
  seed: number;
}

/** Each prompt's `groupSize` responses and whether each ended with an end-of-sequence token. */
export interface ShardRollouts {
  responses: number[][];
  finished: boolean[];
}

/** Splits the prompts into shards of `promptsPerShard` (the last may be smaller), each with a seed from `rng`. */
export function planShards(prompts: number[][], promptsPerShard: number, rng: Rng): RolloutShard[] {
  const shards: RolloutShard[] = [];
  for (let start = 0; start < prompts.length; start += promptsPerShard) {
    shards.push({
      prompts: prompts.slice(start, start + promptsPerShard),
      seed: Math.floor(rng.next() * 2 ** 32),
    });
  }
  return shards;
}

/** One shard's rollouts: row `p * groupSize + j` is rollout j of the shard's prompt p. */
export function sampleShard(model: Model, shard: RolloutShard, sampling: ShardSampling): ShardRollouts {
  const { responses, finished } = generate(model, shard.prompts, { ...sampling, rng: seededRng(shard.seed) });
  return { responses, finished };
}
