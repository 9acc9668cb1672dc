import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { tokenMean } from "./aggregation.ts";
import type { Objective, RolloutBatch } from "./batch.ts";

/** "reference": the frozen initial model (KL w/ reference model); "old": pi_old (KL w/ old policy). */
export interface KlConfig {
  beta: number;
  against: "reference" | "old";
}

/**
 * beta * (mean over response tokens of k3), k3 = exp(ref - cur) - (ref - cur) - 1: an unbiased,
 * always non-negative estimate of KL(pi_theta || ref) from the sampled tokens alone.
 */
export function k3KlPenalty(
  logpCurrent: tf.Tensor2D,
  logpTarget: tf.Tensor2D,
  mask: tf.Tensor2D,
  beta: number,
): tf.Scalar {
  return tf.tidy(() => {
    const diff = tf.where(tf.greater(mask, 0), tf.sub(logpTarget, logpCurrent), 0);
    const k3 = tf.sub(tf.sub(tf.exp(diff), diff), 1) as tf.Tensor2D;
    return tf.mul(tokenMean(k3, mask), beta);
  });
}

function klTarget(batch: RolloutBatch, against: KlConfig["against"]): tf.Tensor2D {
  if (against === "old") return batch.logpOld;
  if (!batch.logpRef) throw new Error("a KL term against the reference model needs batch.logpRef");
  return batch.logpRef;
}

/** `objective` plus the k3 KL term, whose value is reported as the `klPenalty` metric. */
export function withKlPenalty(objective: Objective, kl: KlConfig): Objective {
  if (!(kl.beta >= 0 && Number.isFinite(kl.beta))) throw new Error(`KL beta must be >= 0, got ${kl.beta}`);
  return (batch) => {
    const target = klTarget(batch, kl.against);
    const base = objective(batch);
    const penalty = k3KlPenalty(batch.logpCurrent, target, batch.mask, kl.beta);
    const loss = tf.add(base.loss, penalty) as tf.Scalar;
    const klPenalty = penalty.dataSync()[0];
    tf.dispose([base.loss, penalty]);
    return { loss, metrics: { ...base.metrics, klPenalty } };
  };
}
