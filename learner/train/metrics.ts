import type { Group } from "./rollouts.ts";
import type { UpdateMetrics } from "./update.ts";

/** One line of `metrics.jsonl`: the paper's Figure 4 quantities and bookkeeping, per step. */
export interface StepMetrics extends Omit<UpdateMetrics, "updates"> {
  step: number;
  meanReward: number;
  /** Share of sampled prompts whose G rollouts are all correct ("100% solved ratio"). */
  allCorrectShare: number;
  allWrongShare: number;
  /** Share of sampled prompts with both a correct and a wrong rollout. */
  validGroupShare: number;
  /** Mean response length in tokens (EOS included). */
  meanResponseLength: number;
  /** Share of rollouts cut at the length limit. */
  truncatedShare: number;
  /** Prompts sampled this step (more than B under dynamic sampling). */
  promptsSampled: number;
  /** Validation Pass@1 (mean over held-out sets), on steps that evaluate. */
  valPass1?: number;
  valPass1BySet?: Record<string, number>;
  /** Sampling, grading and updates, seconds. */
  stepSeconds: number;
  /** Of which sampling and grading the rollouts (the rest is the update): where a step's time goes. */
  rolloutSeconds: number;
  evalSeconds?: number;
}

/** Statistics of the rollouts sampled this step (all of them, kept for the update or not). */
export function rolloutStatistics(sampled: readonly Group[]) {
  const rewards = sampled.flatMap((g) => g.rewards);
  const rollouts = sampled.flatMap((g) => g.rollouts);
  const share = (test: (g: Group) => boolean) => sampled.filter(test).length / sampled.length;
  return {
    meanReward: rewards.reduce((a, b) => a + b, 0) / rewards.length,
    allCorrectShare: share((g) => g.rewards.every((r) => r === 1)),
    allWrongShare: share((g) => g.rewards.every((r) => r === 0)),
    validGroupShare: share((g) => g.rewards.includes(0) && g.rewards.includes(1)),
    meanResponseLength: rollouts.reduce((a, r) => a + r.response.length, 0) / rollouts.length,
    truncatedShare: rollouts.filter((r) => !r.finished).length / rollouts.length,
    promptsSampled: sampled.length,
  };
}
