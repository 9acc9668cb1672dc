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
  /** What `tensors` pack: a worker packs them again the same way. */
  sequences: readonly Sequence[];
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
    return {
      responseMask: whole.responseMask,
      microBatches: [{ sequences, tensors: whole, row: 0, column: 0 }],
    };
  }
  tf.dispose([whole.batch.ids, whole.batch.mask]);
  const promptWidth = widths(sequences).prompt;
  const microBatches: MicroBatch[] = [];
  for (let row = 0; row < sequences.length; row += size) {
    const part = sequences.slice(row, row + size);
    microBatches.push({
      sequences: part,
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
export function covered(values: tf.Tensor2D, mb: MicroBatch): tf.Tensor2D {
  const [m, t] = mb.tensors.batch.ids.shape;
  return tf.slice(values, [mb.row, mb.column], [m, t]);
}

/** One micro-batch's log-probs `[m, t]` and, when asked, the sum of its response tokens' entropies. */
export interface MicroBatchLogProbs {
  logProbs: tf.Tensor2D;
  entropySum?: number;
}

/** Log-probs without gradient of one micro-batch (wherever it runs: this thread or a worker). */
export function microBatchLogProbs(
  model: Model,
  tensors: SequenceTensors,
  temperature: number,
  withEntropy: boolean,
): MicroBatchLogProbs {
  if (!withEntropy) return { logProbs: modelLogProbs(model, tensors.batch, temperature) };
  return tf.tidy(() => {
    const { logProbs, entropy } = modelLogProbsAndEntropy(model, tensors.batch, temperature);
    const entropySum = tf.sum(tf.mul(entropy, tensors.responseMask)).dataSync()[0]!;
    return { logProbs, entropySum };
  });
}

/**
 * Micro-batch log-probs (handed over in micro-batch order) placed in the mini-batch's `[R, T]`
 * layout, and their entropy sums added in that order. Takes ownership of the parts' tensors.
 */
export function assembleLogProbs(
  packed: PackedMiniBatch,
  parts: readonly MicroBatchLogProbs[],
): { logProbs: tf.Tensor2D; entropySum: number } {
  const width = packed.responseMask.shape[1];
  let entropySum = 0;
  for (const part of parts) entropySum += part.entropySum ?? 0;
  const logProbs = tf.tidy(() =>
    tf.concat(parts.map((part, i) => inLayout(part.logProbs, packed.microBatches[i]!, width))),
  );
  tf.dispose(parts.map((part) => part.logProbs));
  return { logProbs, entropySum };
}

/**
 * Log-probs `[R, T]` of every sequence, a micro-batch at a time, without gradient; with
 * `withEntropy`, the sum of the entropies over the response tokens too (else 0).
 */
export function logProbsByMicroBatch(
  model: Model,
  packed: PackedMiniBatch,
  temperature: number,
  withEntropy: boolean,
): { logProbs: tf.Tensor2D; entropySum: number } {
  const parts = packed.microBatches.map((mb) =>
    microBatchLogProbs(model, mb.tensors, temperature, withEntropy),
  );
  return assembleLogProbs(packed, parts);
}

/** `sum(weights * logp)` over one micro-batch and its gradients by parameter name. */
export interface GradientPart {
  value: number;
  grads: Record<string, tf.Tensor>;
}

/** One micro-batch's part: `weights` `[m, t]` are constants in the micro-batch's own layout. */
export function microBatchGradients(
  model: Model,
  tensors: SequenceTensors,
  weights: tf.Tensor2D,
  temperature: number,
): GradientPart {
  const names = Object.keys(model.params);
  const variables = names.map((n) => model.params[n]!);
  const part = tf.variableGrads(
    () => tf.sum(tf.mul(weights, modelLogProbs(model, tensors.batch, temperature))) as tf.Scalar,
    variables,
  );
  const value = part.value.dataSync()[0]!;
  part.value.dispose();
  return { value, grads: Object.fromEntries(names.map((n, i) => [n, part.grads[variables[i]!.name]!])) };
}

/**
 * The sum of gradient parts, added in the order they are handed over (micro-batch order, wherever
 * they were computed): the same order gives the same bits. Takes ownership of the parts' tensors.
 */
export class GradientSum {
  private value = 0;
  private readonly sums: Record<string, tf.Tensor> = {};

  add(part: GradientPart): void {
    this.value += part.value;
    for (const [name, grad] of Object.entries(part.grads)) {
      const sum = this.sums[name];
      this.sums[name] = sum ? tf.add(sum, grad) : grad;
      if (sum) tf.dispose([sum, grad]);
    }
  }

  result(): GradientPart {
    return { value: this.value, grads: this.sums };
  }
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
): GradientPart {
  const sum = new GradientSum();
  for (const mb of packed.microBatches) {
    const slice = covered(weights, mb);
    sum.add(microBatchGradients(model, mb.tensors, slice, temperature));
    slice.dispose();
  }
  return sum.result();
}
