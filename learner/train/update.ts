import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Model } from "../model/forward.ts";
import { modelLogProbs } from "../model/log-probs.ts";
import type { Objective, ObjectiveMetrics, RolloutBatch } from "../objectives/index.ts";
import type { AdamW } from "../optim/adamw.ts";
import { localRunner, type MicroBatchRunner } from "./micro-batch-runner.ts";
import { disposePacked, type PackedMiniBatch, packMicroBatches } from "./micro-batches.ts";
import type { Group } from "./rollouts.ts";

export interface UpdateContext {
  model: Model;
  padId: number;
  optimizer: AdamW;
  objective: Objective;
  /** Sampling temperature: log-probs of pi_theta, pi_old and the reference are taken at it. */
  temperature: number;
  miniBatchPrompts: number;
  /**
   * Rollouts per forward and backward pass; gradients are summed over them, one optimizer update
   * per mini-batch all the same. Absent: a whole mini-batch in one pass.
   */
  microBatch?: number;
  /** The frozen initial weights, for a KL term against the reference model. */
  reference?: Model;
  /** Where micro-batches are computed; absent: in this thread. */
  runner?: MicroBatchRunner;
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
  packed: PackedMiniBatch;
  logpOld: tf.Tensor2D;
  logpRef?: tf.Tensor2D;
}

/**
 * Algorithm 1, lines 6-11: pi_old log-probs for every mini-batch first (no gradient, before any
 * update), then one optimizer update per mini-batch of `miniBatchPrompts` prompts, in order.
 */
export async function updateOnGroups(ctx: UpdateContext, groups: readonly Group[]): Promise<UpdateMetrics> {
  const runner = ctx.runner ?? localRunner(ctx.model, ctx.reference);
  const miniBatches: MiniBatch[] = [];
  let entropySum = 0;
  let responseTokens = 0;
  try {
    for (let start = 0; start < groups.length; start += ctx.miniBatchPrompts) {
      const slice = groups.slice(start, start + ctx.miniBatchPrompts);
      const packed = packMicroBatches(
        slice.flatMap((g) => g.rollouts),
        ctx.padId,
        ctx.microBatch,
      );
      const old = await runner.logProbs("policy", packed, ctx.temperature, true);
      entropySum += old.entropySum;
      responseTokens += tf.tidy(() => tf.sum(packed.responseMask).dataSync()[0]!);
      const logpRef =
        ctx.reference && (await runner.logProbs("reference", packed, ctx.temperature, false)).logProbs;
      miniBatches.push({ groups: slice, packed, logpOld: old.logProbs, logpRef });
    }
    const reports: MiniBatchReport[] = [];
    for (const mb of miniBatches) reports.push(await updateOnMiniBatch(ctx, runner, mb));
    return {
      ...average(reports),
      entropy: entropySum / Math.max(1, responseTokens),
      updates: reports.length,
    };
  } finally {
    for (const mb of miniBatches) {
      disposePacked(mb.packed);
      tf.dispose([mb.logpOld, ...(mb.logpRef ? [mb.logpRef] : [])]);
    }
  }
}

interface MiniBatchReport extends ObjectiveMetrics {
  loss: number;
  gradNorm: number;
  lr: number;
}

/**
 * One optimizer update. A mini-batch in one pass differentiates the objective through the model
 * directly. In micro-batches, the objective (which couples the rollouts of a group) is
 * differentiated w.r.t. the log-probs first, on values computed without gradient; those
 * derivatives then weight the log-probs of each micro-batch, whose gradients add up to the same.
 */
async function updateOnMiniBatch(
  ctx: UpdateContext,
  runner: MicroBatchRunner,
  mb: MiniBatch,
): Promise<MiniBatchReport> {
  const { params } = ctx.model;
  const names = Object.keys(params);
  const rollouts = (logpCurrent: tf.Tensor2D): RolloutBatch => ({
    logpCurrent,
    logpOld: mb.logpOld,
    ...(mb.logpRef && { logpRef: mb.logpRef }),
    mask: mb.packed.responseMask,
    rewards: mb.groups.flatMap((g) => g.rewards),
    groups: mb.groups.flatMap((g, i) => g.rollouts.map(() => i)),
    promptsInMiniBatch: mb.groups.length,
  });
  let metrics: ObjectiveMetrics | undefined;
  const objectiveLoss = (logpCurrent: tf.Tensor2D) => {
    const result = ctx.objective(rollouts(logpCurrent));
    metrics = result.metrics;
    return result.loss;
  };
  const { microBatches } = mb.packed;
  let loss: number;
  let byName: Record<string, tf.Tensor>;
  if (microBatches.length === 1) {
    const { value, grads } = tf.variableGrads(
      () => objectiveLoss(modelLogProbs(ctx.model, microBatches[0]!.tensors.batch, ctx.temperature)),
      names.map((n) => params[n]!),
    );
    loss = value.dataSync()[0]!;
    value.dispose();
    byName = Object.fromEntries(names.map((n) => [n, grads[params[n]!.name]!]));
  } else {
    const current = (await runner.logProbs("policy", mb.packed, ctx.temperature, false)).logProbs;
    const { value, grad } = tf.valueAndGrad(objectiveLoss)(current);
    loss = value.dataSync()[0]!;
    byName = (await runner.gradients(mb.packed, grad as tf.Tensor2D, ctx.temperature)).grads;
    tf.dispose([current, value, grad]);
  }
  const { gradNorm, lr } = ctx.optimizer.apply(params, byName);
  tf.dispose(Object.values(byName));
  runner.weightsChanged();
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
