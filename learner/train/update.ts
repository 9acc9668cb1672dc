import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { forward, forwardWithCache, type Model } from "../model/forward.ts";
import { tokenEntropy, tokenLogProbs } from "../model/log-probs.ts";
import type { Objective, ObjectiveMetrics } from "../objectives/index.ts";
import type { AdamW } from "../optim/adamw.ts";
import type { Group } from "./rollouts.ts";
import { disposeSequenceTensors, packSequences, type SequenceTensors } from "./sequences.ts";

export interface UpdateContext {
  model: Model;
  padId: number;
  optimizer: AdamW;
  objective: Objective;
  /** Sampling temperature: log-probs of pi_theta, pi_old and the reference are taken at it. */
  temperature: number;
  miniBatchPrompts: number;
  /** The frozen initial weights, for a KL term against the reference model. */
  reference?: Model;
}

/** What the step's optimizer updates report, averaged over its mini-batches. */
export interface UpdateMetrics {
  loss: number;
  gradNorm: number;
  lr: number;
  approxKlToOld: number;
  meanPositiveScore: number | null;
  meanNegativeScore: number | null;
  clipFraction?: number;
  klPenalty?: number;
  /** Token-mean entropy of pi_old over the step's response tokens (nats). */
  entropy: number;
  updates: number;
}

interface MiniBatch {
  groups: Group[];
  tensors: SequenceTensors;
  logpOld: tf.Tensor2D;
  logpRef?: tf.Tensor2D;
}

/**
 * Algorithm 1, lines 6-11: pi_old log-probs for every mini-batch first (no gradient, before any
 * update), then one optimizer update per mini-batch of `miniBatchPrompts` prompts, in order.
 */
export function updateOnGroups(ctx: UpdateContext, groups: readonly Group[]): UpdateMetrics {
  const miniBatches: MiniBatch[] = [];
  let entropySum = 0;
  let responseTokens = 0;
  try {
    for (let start = 0; start < groups.length; start += ctx.miniBatchPrompts) {
      const slice = groups.slice(start, start + ctx.miniBatchPrompts);
      const tensors = packSequences(
        slice.flatMap((g) => g.rollouts),
        ctx.padId,
      );
      const { logpOld, entropy } = tf.tidy(() => {
        const logits = forward(ctx.model, tensors.batch);
        const entropy = tf.sum(tf.mul(tokenEntropy(logits, ctx.temperature), tensors.responseMask));
        return { logpOld: tokenLogProbs(logits, tensors.batch.ids, ctx.temperature), entropy };
      });
      entropySum += entropy.dataSync()[0]!;
      responseTokens += tf.tidy(() => tf.sum(tensors.responseMask).dataSync()[0]!);
      entropy.dispose();
      const logpRef =
        ctx.reference &&
        tf.tidy(() =>
          tokenLogProbs(forward(ctx.reference!, tensors.batch), tensors.batch.ids, ctx.temperature),
        );
      miniBatches.push({ groups: slice, tensors, logpOld, logpRef });
    }
    const reports = miniBatches.map((mb) => updateOnMiniBatch(ctx, mb));
    return {
      ...average(reports),
      entropy: entropySum / Math.max(1, responseTokens),
      updates: reports.length,
    };
  } finally {
    for (const mb of miniBatches) {
      disposeSequenceTensors(mb.tensors);
      tf.dispose([mb.logpOld, ...(mb.logpRef ? [mb.logpRef] : [])]);
    }
  }
}

interface MiniBatchReport extends ObjectiveMetrics {
  loss: number;
  gradNorm: number;
  lr: number;
}

function updateOnMiniBatch(ctx: UpdateContext, mb: MiniBatch): MiniBatchReport {
  const { params } = ctx.model;
  const names = Object.keys(params);
  const rewards = mb.groups.flatMap((g) => g.rewards);
  const groupIndex = mb.groups.flatMap((g, i) => g.rollouts.map(() => i));
  let metrics: ObjectiveMetrics | undefined;
  const { value, grads } = tf.variableGrads(
    () => {
      const { logits } = forwardWithCache(ctx.model, mb.tensors.batch);
      const result = ctx.objective({
        logpCurrent: tokenLogProbs(logits, mb.tensors.batch.ids, ctx.temperature),
        logpOld: mb.logpOld,
        ...(mb.logpRef && { logpRef: mb.logpRef }),
        mask: mb.tensors.responseMask,
        rewards,
        groups: groupIndex,
        promptsInMiniBatch: mb.groups.length,
      });
      metrics = result.metrics;
      return result.loss;
    },
    names.map((n) => params[n]!),
  );
  const byName = Object.fromEntries(names.map((n) => [n, grads[params[n]!.name]!]));
  const { gradNorm, lr } = ctx.optimizer.apply(params, byName);
  const loss = value.dataSync()[0]!;
  tf.dispose([value, ...Object.values(grads)]);
  return { ...metrics!, loss, gradNorm, lr };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean of the non-null values; null when every mini-batch lacked the label. */
function meanPresent(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === "number");
  return present.length === 0 ? null : mean(present);
}

function average(reports: readonly MiniBatchReport[]): Omit<UpdateMetrics, "entropy" | "updates"> {
  const clipFraction = meanPresent(reports.map((r) => r.clipFraction));
  const klPenalty = meanPresent(reports.map((r) => r.klPenalty));
  return {
    loss: mean(reports.map((r) => r.loss)),
    gradNorm: mean(reports.map((r) => r.gradNorm)),
    lr: reports[reports.length - 1]!.lr,
    approxKlToOld: mean(reports.map((r) => r.approxKlToOld)),
    meanPositiveScore: meanPresent(reports.map((r) => r.meanPositiveScore)),
    meanNegativeScore: meanPresent(reports.map((r) => r.meanNegativeScore)),
    ...(clipFraction !== null && { clipFraction }),
    ...(klPenalty !== null && { klPenalty }),
  };
}
