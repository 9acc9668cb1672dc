/** The rollouts of one prompt in a mini-batch, split by label. */
export interface PromptGroup {
  prompt: number;
  positives: number[];
  negatives: number[];
}

/** A group teaches something only when it holds both labels. */
export function hasBothLabels(rewards: readonly number[]): boolean {
  return rewards.includes(1) && rewards.includes(0);
}

/** The groups present in the mini-batch, in prompt order, with rollout indices per label. */
export function groupRollouts(rewards: readonly number[], groups: readonly number[]): PromptGroup[] {
  const byPrompt = new Map<number, PromptGroup>();
  groups.forEach((prompt, rollout) => {
    let group = byPrompt.get(prompt);
    if (!group) {
      group = { prompt, positives: [], negatives: [] };
      byPrompt.set(prompt, group);
    }
    (rewards[rollout] === 1 ? group.positives : group.negatives).push(rollout);
  });
  return [...byPrompt.values()].sort((a, b) => a.prompt - b.prompt);
}

export function isValidGroup(group: PromptGroup): boolean {
  return group.positives.length > 0 && group.negatives.length > 0;
}

/** Groups with at least one positive and one negative; all-correct and all-wrong groups drop out. */
export function validGroups(rewards: readonly number[], groups: readonly number[]): PromptGroup[] {
  return groupRollouts(rewards, groups).filter(isValidGroup);
}
