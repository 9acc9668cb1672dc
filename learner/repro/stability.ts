/**
 * Claims 2 and 4 run by run: did the policy's entropy collapse or explode, did the training reward
 * fall from its best? Judged on each run's recorded curve (block means of the per-step fields) with
 * the design's thresholds, so that the counts per method are a pure function of the records.
 */
import { trailingMean } from "../../shared/reports/smoothing.ts";
import type { RunCurve } from "./summary.ts";

/** Entropy at the end below this share of its start: collapsed; above its inverse: exploded. */
export const ENTROPY_FACTOR = 2;
/** A training reward this far below its best, at the end: the run fell. */
export const REWARD_DROP = 0.1;
/** The reward's best and end are read from a trailing mean over this share of the curve's points. */
const REWARD_WINDOW_SHARE = 0.1;

export type Verdict = "collapsed" | "exploded" | "reward fell" | "stable";

export interface RunStability {
  name: string;
  seed: number;
  entropyStart: number;
  entropyEnd: number;
  /** Smoothed training reward: its first value, best and last. */
  rewardStart: number;
  rewardBest: number;
  rewardEnd: number;
  verdicts: Verdict[];
}

const values = (run: RunCurve, field: "entropy" | "meanReward") =>
  run.curve.flatMap((p) => (typeof p[field] === "number" ? [p[field]] : []));

/** Undefined for a run whose curve lacks entropy or reward (a record of a run that never stepped). */
export function stabilityOf(run: RunCurve): RunStability | undefined {
  const entropy = values(run, "entropy");
  const rawReward = values(run, "meanReward");
  if (entropy.length === 0 || rawReward.length === 0) return undefined;
  const reward = trailingMean(rawReward, Math.max(1, Math.round(rawReward.length * REWARD_WINDOW_SHARE)));
  const [entropyStart, entropyEnd] = [entropy[0]!, entropy[entropy.length - 1]!];
  const [rewardStart, rewardEnd, rewardBest] = [reward[0]!, reward[reward.length - 1]!, Math.max(...reward)];
  const verdicts: Verdict[] = [];
  if (entropyEnd < entropyStart / ENTROPY_FACTOR) verdicts.push("collapsed");
  if (entropyEnd > entropyStart * ENTROPY_FACTOR) verdicts.push("exploded");
  if (rewardBest - rewardEnd > REWARD_DROP) verdicts.push("reward fell");
  return {
    name: run.name,
    seed: run.seed,
    entropyStart,
    entropyEnd,
    rewardStart,
    rewardBest,
    rewardEnd,
    verdicts: verdicts.length ? verdicts : ["stable"],
  };
}

export interface StabilityRow {
  name: string;
  label: string;
  runs: RunStability[];
  /** Runs per verdict (a run may have two: collapsed and fell). */
  counts: Record<Verdict, number>;
}

export function stabilityTable(
  specs: readonly { name: string; label: string }[],
  curves: readonly RunCurve[],
): StabilityRow[] {
  return specs.flatMap((spec) => {
    const runs = curves
      .filter((c) => c.name === spec.name)
      .flatMap((c) => stabilityOf(c) ?? [])
      .sort((a, b) => a.seed - b.seed);
    if (runs.length === 0) return [];
    const counts = { collapsed: 0, exploded: 0, "reward fell": 0, stable: 0 };
    for (const run of runs) for (const verdict of run.verdicts) counts[verdict]++;
    return [{ name: spec.name, label: spec.label, runs, counts }];
  });
}
