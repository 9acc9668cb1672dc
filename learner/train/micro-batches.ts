/**
 * A mini-batch of sequences in micro-batches: each is packed on its own (its own widths, so a short
 * micro-batch carries no padding for a long one) and placed in the mini-batch's layout (prompts
 * left-padded to the longest prompt, responses right-padded to the longest response) by a column
 * offset. Log-probs are computed a micro-batch at a time and placed back in that layout, and
 * gradients of a loss that is linear in the log-probs are summed over micro-batches: memory for
 * activations then follows the micro-batch, not the mini-batch.
 */
import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import type { Model } from "../model/forward.ts";
import { modelLogProbs, modelLogProbsAndEntropy } from "../model/log-probs.ts";
import { disposeSequenceTensors, packSequences, type Sequence, type SequenceTensors } from "./sequences.ts";

export interface MicroBatch {
  tensors: SequenceTensors;
  /** Its first row in the mini-batch. */
  row: number;
  /** Columns of the mini-batch's layout left of its first column. */
  column: number;
}

export interface PackedMiniBatch {
  /** `[R, T]` 1 on response tokens, in the mini-batch's layout. */
  responseMask: tf.Tensor2D;
  microBatches: MicroBatch[];
}

const widths = (sequences: readonly Sequence[]) => ({
  prompt: Math.max(...sequences.map((s) => s.prompt.length)),
  response: Math.max(...sequences.map((s) => s.response.length)),
});

/** `size` sequences per micro-batch; absent (or at least the mini-batch), one micro-batch of all. */
export function packMicroBatches(
  sequences: readonly Sequence[],
  padId: number,
  size?: number,
): PackedMiniBatch {
  const whole = packSequences(sequences, padId);
  if (size === undefined || size >= sequences.length) {
    return { responseMask: whole.responseMask, microBatches: [{ tensors: whole, row: 0, column: 0 }] };
  }
  tf.dispose([whole.batch.ids, whole.batch.mask]);
  const promptWidth = widths(sequences).prompt;
  const microBatches: MicroBatch[] = [];
  for (let row = 0; row < sequences.length; row += size) {
    const part = sequences.slice(row, row + size);
    microBatches.push({
      tensors: packSequences(part, padId),
      row,
      column: promptWidth - widths(part).prompt,
    });
  }
  return { responseMask: whole.responseMask, microBatches };
}

export function disposePacked(packed: PackedMiniBatch): void {
  for (const mb of packed.microBatches) disposeSequenceTensors(mb.tensors);
  packed.responseMask.dispose();
}

/** A micro-batch's `[m, t]` values in the mini-batch's `[m, T]` layout (zeros around them). */
function inLayout(values: tf.Tensor2D, mb: MicroBatch, width: number): tf.Tensor2D {
  const right = width - mb.column - values.shape[1];
  return tf.pad(values, [
    [0, 0],
    [mb.column, right],
  ]);
}

/** Rows and columns of `values` (mini-batch layout) that a micro-batch covers. */
function covered(values: tf.Tensor2D, mb: MicroBatch): tf.Tensor2D {
  const [m, t] = mb.tensors.batch.ids.shape;
  return tf.slice(values, [mb.row, mb.column], [m, t]);
}

/** Log-probs `[R, T]` of every sequence, a micro-batch at a time, without gradient. */
export function logProbsByMicroBatch(
  model: Model,
  packed: PackedMiniBatch,
  temperature: number,
): tf.Tensor2D {
  const width = packed.responseMask.shape[1];
  return tf.tidy(() =>
    tf.concat(
      packed.microBatches.map((mb) =>
        tf.tidy(() => inLayout(modelLogProbs(model, mb.tensors.batch, temperature), mb, width)),
      ),
    ),
  );
}

/** Log-probs `[R, T]` and the sum of the entropies over the response tokens, a micro-batch at a time. */
export function logProbsAndEntropyByMicroBatch(
  model: Model,
  packed: PackedMiniBatch,
  temperature: number,
): { logProbs: tf.Tensor2D; entropySum: number } {
  const width = packed.responseMask.shape[1];
  let entropySum = 0;
  const logProbs = tf.tidy(() =>
    tf.concat(
      packed.microBatches.map((mb) =>
        tf.tidy(() => {
          const { logProbs, entropy } = modelLogProbsAndEntropy(model, mb.tensors.batch, temperature);
          entropySum += tf.sum(tf.mul(entropy, mb.tensors.responseMask)).dataSync()[0]!;
          return inLayout(logProbs, mb, width);
        }),
      ),
    ),
  );
  return { logProbs, entropySum };
}

/**
 * `sum(weights * logp)` over the mini-batch and its gradients by parameter name, summed over
 * micro-batches: `weights` `[R, T]` (mini-batch layout) are constants, the derivative of a loss with
 * respect to the log-probs, so these are that loss's gradients.
 */
export function accumulateGradients(
  model: Model,
  packed: PackedMiniBatch,
  weights: tf.Tensor2D,
  temperature: number,
): { value: number; grads: Record<string, tf.Tensor> } {
  const names = Object.keys(model.params);
  const variables = names.map((n) => model.params[n]!);
  const sums: Record<string, tf.Tensor> = {};
  let value = 0;
  for (const mb of packed.microBatches) {
    const part = tf.variableGrads(
      () =>
        tf.sum(
          tf.mul(covered(weights, mb), modelLogProbs(model, mb.tensors.batch, temperature)),
        ) as tf.Scalar,
      variables,
    );
    value += part.value.dataSync()[0]!;
    part.value.dispose();
    names.forEach((name, i) => {
      const grad = part.grads[variables[i]!.name]!;
      const sum = sums[name];
      sums[name] = sum ? tf.add(sum, grad) : grad;
      if (sum) tf.dispose([sum, grad]);
    });
  }
  return { value, grads: sums };
}
