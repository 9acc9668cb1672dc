import * as tf from "@tensorflow/tfjs-core";
import { tokenMean } from "./aggregation.ts";
import { type ObjectiveMetrics, type ObjectiveResult, type RolloutBatch, validateBatch } from "./batch.ts";
import { meanScoreByLabel, validGroupShare } from "./metrics.ts";
import { sequenceScores, tokenLogRatios } from "./scores.ts";

export interface ObjectiveContext {
  /** [R, T] s_t, zero off the response tokens. */
  logRatios: tf.Tensor2D;
  /** [R] sbar, the token-mean of s_t per rollout. */
  scores: tf.Tensor1D;
}

export interface ObjectiveLoss {
  loss: tf.Scalar;
  clipFraction?: tf.Scalar;
}

/**
 * Validates the batch, derives s_t and sbar once, runs `compute` on them and gathers the metrics
 * every objective reports; intermediate tensors are released, only the loss survives.
 */
export function runObjective(
  batch: RolloutBatch,
  compute: (context: ObjectiveContext) => ObjectiveLoss,
): ObjectiveResult {
  validateBatch(batch);
  let metrics: ObjectiveMetrics | undefined;
  const loss = tf.tidy(() => {
    const logRatios = tokenLogRatios(batch.logpCurrent, batch.logpOld, batch.mask);
    const scores = sequenceScores(logRatios, batch.mask);
    const result = compute({ logRatios, scores });
    const scoreValues = scores.dataSync();
    metrics = {
      validGroupShare: validGroupShare(batch.rewards, batch.groups, batch.promptsInMiniBatch),
      meanPositiveScore: meanScoreByLabel(scoreValues, batch.rewards, 1),
      meanNegativeScore: meanScoreByLabel(scoreValues, batch.rewards, 0),
      approxKlToOld: -tokenMean(logRatios, batch.mask).dataSync()[0],
      ...(result.clipFraction && { clipFraction: result.clipFraction.dataSync()[0] }),
    };
    return result.loss;
  });
  return { loss, metrics: metrics! };
}
