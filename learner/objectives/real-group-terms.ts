import * as tf from "@tensorflow/tfjs-core";
import { groupLogSumExp } from "./group-logsumexp.ts";
import { validGroups } from "./groups.ts";

/** Per valid group, in prompt order. */
export interface RealGroupTerms {
  /** log-sum-exp of -sbar/tau over the group's positives. */
  positives: tf.Tensor1D;
  /** log-sum-exp of sbar/tau over the group's negatives. */
  negatives: tf.Tensor1D;
}

/**
 * The two log-sum-exps that REAL and its anchor-free ablation combine into their losses, each with the
 * anchor logit 0 when `anchor`. Null when no group holds both labels, so that callers can fall back to
 * a zero loss that stays on the graph.
 */
export function realGroupTerms(
  scores: tf.Tensor1D,
  rewards: readonly number[],
  groups: readonly number[],
  tau: number,
  anchor: boolean,
): RealGroupTerms | null {
  const valid = validGroups(rewards, groups);
  if (valid.length === 0) return null;
  const scaled = tf.div<tf.Tensor1D>(scores, tau);
  return {
    positives: groupLogSumExp(
      tf.neg(scaled),
      valid.map((g) => g.positives),
      anchor,
    ),
    negatives: groupLogSumExp(
      scaled,
      valid.map((g) => g.negatives),
      anchor,
    ),
  };
}
