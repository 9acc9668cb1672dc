import * as tf from "@tensorflow/tfjs-core";
import { padRows } from "./batch.ts";
import type { Model } from "./forward.ts";
import { modelLogProbs } from "./log-probs.ts";

/** Log-probs of a sequence's tokens; the first has none (as vLLM's `prompt_logprobs` and transformers' shifted labels). */
export type SequenceLogProbs = [null, ...number[]];

export interface ScoreOptions {
  /** Sequences per forward pass. */
  batchSize: number;
  /** Called after each batch with the number of sequences scored so far. */
  onProgress?: (done: number) => void;
}

/**
 * `log p(ids[t] | ids[:t])` of every token of every sequence under the model at temperature 1,
 * `batchSize` sequences per pass (right-padded: padding changes no real token's value).
 */
export function logProbsOfSequences(
  model: Model,
  sequences: readonly (readonly number[])[],
  { batchSize, onProgress }: ScoreOptions,
): SequenceLogProbs[] {
  const vocab = model.config.vocabSize;
  for (const [i, ids] of sequences.entries()) {
    if (ids.length === 0) throw new Error(`sequence ${i} is empty`);
    const outside = ids.find((id) => !Number.isInteger(id) || id < 0 || id >= vocab);
    if (outside !== undefined)
      throw new Error(
        `sequence ${i} holds token id ${outside}, outside the model's vocabulary [0, ${vocab})`,
      );
  }
  const out: SequenceLogProbs[] = [];
  for (let start = 0; start < sequences.length; start += batchSize) {
    const rows = sequences.slice(start, start + batchSize);
    // One token is predicted by nothing: a batch of single tokens needs no forward pass.
    const values = rows.some((r) => r.length > 1) ? scoreBatch(model, rows) : rows.map(() => [0]);
    rows.forEach((ids, r) => {
      out.push([null, ...values[r]!.slice(1, ids.length)]);
    });
    onProgress?.(out.length);
  }
  return out;
}

function scoreBatch(model: Model, rows: readonly (readonly number[])[]): number[][] {
  const { ids, mask } = padRows(rows, 0, "right");
  return tf.tidy(() =>
    modelLogProbs(
      model,
      { ids: tf.tensor2d(ids, undefined, "int32"), mask: tf.tensor2d(mask) },
      1,
    ).arraySync(),
  );
}
