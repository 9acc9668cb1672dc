import * as tf from "@tensorflow/tfjs-core";
import type { TokenBatch } from "../model/forward.ts";

/** A prompt and one response to it, as token ids (the response ends with EOS when it finished). */
export interface Sequence {
  prompt: readonly number[];
  response: readonly number[];
}

export interface SequenceTensors {
  batch: TokenBatch;
  /** `[R, T]` 1 on response tokens, aligned with `tokenLogProbs`. */
  responseMask: tf.Tensor2D;
}

/**
 * Packs prompt/response pairs into one batch: prompts left-padded to the longest prompt, responses
 * right-padded to the longest response (the layout `generate` produces).
 */
export function packSequences(sequences: readonly Sequence[], padId: number): SequenceTensors {
  const promptWidth = Math.max(...sequences.map((s) => s.prompt.length));
  const responseWidth = Math.max(...sequences.map((s) => s.response.length));
  const ids: number[][] = [];
  const mask: number[][] = [];
  const responseMask: number[][] = [];
  for (const { prompt, response } of sequences) {
    const leftPad = promptWidth - prompt.length;
    const rightPad = responseWidth - response.length;
    ids.push([...fill(leftPad, padId), ...prompt, ...response, ...fill(rightPad, padId)]);
    mask.push([...fill(leftPad, 0), ...fill(prompt.length + response.length, 1), ...fill(rightPad, 0)]);
    responseMask.push([...fill(promptWidth, 0), ...fill(response.length, 1), ...fill(rightPad, 0)]);
  }
  return {
    batch: { ids: tf.tensor2d(ids, undefined, "int32"), mask: tf.tensor2d(mask) },
    responseMask: tf.tensor2d(responseMask),
  };
}

export function disposeSequenceTensors(t: SequenceTensors): void {
  tf.dispose([t.batch.ids, t.batch.mask, t.responseMask]);
}

const fill = (n: number, value: number) => new Array<number>(n).fill(value);
