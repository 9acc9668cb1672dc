import { hasBothLabels } from "./groups.ts";

/** A prompt's sampled group: whatever the caller carries, plus the rewards of its rollouts. */
export interface RewardedGroup {
  rewards: readonly number[];
}

/** DAPO's filter: all-correct and all-wrong groups carry no signal and are dropped. */
export function dropUninformativeGroups<G extends RewardedGroup>(groups: readonly G[]): G[] {
  return groups.filter((group) => hasBothLabels(group.rewards));
}

export interface DynamicSample<G> {
  groups: G[];
  batchesSampled: number;
  groupsDropped: number;
}

/**
 * DAPO's dynamic sampling: sample batches of prompts, keep only informative groups, and go on until
 * `prompts` of them are collected (extra ones are cut). Gives up after `maxBatches`, so a policy that
 * solves everything (or nothing) fails loudly instead of sampling forever.
 */
export async function sampleInformativeGroups<G extends RewardedGroup>(
  sampleBatch: () => Promise<readonly G[]>,
  prompts: number,
  maxBatches: number,
): Promise<DynamicSample<G>> {
  const kept: G[] = [];
  let groupsDropped = 0;
  for (let batchesSampled = 1; batchesSampled <= maxBatches; batchesSampled++) {
    const batch = await sampleBatch();
    const informative = dropUninformativeGroups(batch);
    groupsDropped += batch.length - informative.length;
    kept.push(...informative);
    if (kept.length >= prompts) return { groups: kept.slice(0, prompts), batchesSampled, groupsDropped };
  }
  throw new Error(
    `dynamic sampling found ${kept.length} of ${prompts} informative groups in ${maxBatches} batches`,
  );
}
