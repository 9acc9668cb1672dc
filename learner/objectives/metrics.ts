import { validGroups } from "./groups.ts";

/** Mean score per label from the scores' values, null for a label absent from the mini-batch. */
export function meanScoreByLabel(
  scores: ArrayLike<number>,
  rewards: readonly number[],
  label: 0 | 1,
): number | null {
  let total = 0;
  let count = 0;
  rewards.forEach((reward, i) => {
    if (reward === label) {
      total += scores[i];
      count++;
    }
  });
  return count === 0 ? null : total / count;
}

export function validGroupShare(
  rewards: readonly number[],
  groups: readonly number[],
  prompts: number,
): number {
  return validGroups(rewards, groups).length / prompts;
}
