import { groupRollouts } from "./groups.ts";

/** Keeps a zero-variance group (all correct or all wrong) at advantage 0 instead of 0/0. */
const STD_EPSILON = 1e-6;

/**
 * Group-normalised advantage A_i = (r_i - mean(r)) / (std(r) + 1e-6) over the rollouts of each prompt,
 * with the sample standard deviation (n - 1). A group of one has mean 0 and std 1, as in the authors'
 * code, so a lone rollout keeps an advantage of about r rather than 0.
 */
export function groupAdvantages(rewards: readonly number[], groups: readonly number[]): number[] {
  const advantages = new Array<number>(rewards.length).fill(0);
  for (const group of groupRollouts(rewards, groups)) {
    const members = [...group.positives, ...group.negatives];
    const { mean, std } =
      members.length === 1 ? { mean: 0, std: 1 } : meanAndSampleStd(members.map((i) => rewards[i]));
    for (const i of members) advantages[i] = (rewards[i] - mean) / (std + STD_EPSILON);
  }
  return advantages;
}

function meanAndSampleStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}
