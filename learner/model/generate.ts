import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../shared/random/seeded.ts";
import { padRows } from "./batch.ts";
import { forwardWithCache, type Model } from "./forward.ts";
import { disposeCache, type KvCache, tileCache } from "./kv-cache.ts";
import { sampleToken } from "./sampler.ts";

export interface GenerateOptions {
  /** Rollouts per prompt. */
  groupSize: number;
  maxNewTokens: number;
  temperature: number;
  /** Nucleus mass in (0, 1]; 1 samples from the whole distribution. */
  topP?: number;
  /** Generation of a row stops after it emits one of these. */
  eosIds: readonly number[];
  padId: number;
  /** The only source of randomness: the same stream gives the same rollouts. */
  rng: Rng;
}

/**
 * `P * G` rollouts; row `p * G + j` is rollout `j` of prompt `p`. Every per-token array is
 * `[P * G, promptLength + responseLength]`: the prompt left-padded to `promptLength`, then the
 * response right-padded to `responseLength` (the longest response). `ids` and `attentionMask` feed
 * `forward` as they are, and `responseMask` / `sampleLogProbs` line up with `tokenLogProbs`.
 */
export interface Rollouts {
  promptLength: number;
  responseLength: number;
  ids: number[][];
  attentionMask: number[][];
  /** 1 on sampled tokens, the end-of-sequence token included. */
  responseMask: number[][];
  /** Log-prob of each sampled token at the sampling temperature (0 elsewhere). */
  sampleLogProbs: number[][];
  /** Each rollout's sampled tokens, without padding. */
  responses: number[][];
  promptIndex: number[];
  /** Whether the rollout ended with an end-of-sequence token (else it hit `maxNewTokens`). */
  finished: boolean[];
}

function prefill(model: Model, prompts: readonly (readonly number[])[], padId: number) {
  const { ids, mask } = padRows(prompts, padId, "left");
  const out = tf.tidy(() => {
    const { logits, cache } = forwardWithCache(
      model,
      { ids: tf.tensor2d(ids, undefined, "int32"), mask: tf.tensor2d(mask) },
      { lastOnly: true },
    );
    return { logits: tf.squeeze(logits, [1]) as tf.Tensor2D, cache };
  });
  return { ...out, ids, mask };
}

/**
 * Samples `groupSize` continuations of every prompt with a KV cache. Each prompt is prefilled once
 * and its cache tiled over its rollouts; then one column is decoded per step. Finished rows keep
 * receiving padding (masked out) until every row is done or `maxNewTokens` is reached.
 */
export function generate(
  model: Model,
  prompts: readonly (readonly number[])[],
  options: GenerateOptions,
): Rollouts {
  const { groupSize: g, maxNewTokens, temperature, padId, rng } = options;
  const topP = options.topP ?? 1;
  if (prompts.length === 0 || prompts.some((p) => p.length === 0))
    throw new Error("every prompt needs a token");
  if (!(temperature > 0) || !(topP > 0 && topP <= 1)) throw new Error("temperature > 0 and 0 < topP <= 1");
  const eos = new Set(options.eosIds);
  const rows = prompts.length * g;
  const promptIndex = Array.from({ length: rows }, (_, r) => Math.floor(r / g));

  const first = prefill(model, prompts, padId);
  let cache: KvCache = tileCache(first.cache, g);
  disposeCache(first.cache);
  const promptLogits = first.logits.arraySync().map((row) => Float32Array.from(row));
  first.logits.dispose();
  let stepLogits: Float32Array[] = promptIndex.map((p) => promptLogits[p]!);

  const responses: number[][] = promptIndex.map(() => []);
  const logProbs: number[][] = promptIndex.map(() => []);
  const finished = new Array<boolean>(rows).fill(false);
  try {
    for (let step = 0; step < maxNewTokens; step++) {
      const column: number[] = [];
      const columnMask: number[] = [];
      for (let r = 0; r < rows; r++) {
        if (finished[r]) {
          column.push(padId);
          columnMask.push(0);
          continue;
        }
        const { token, logProb } = sampleToken(stepLogits[r]!, temperature, topP, rng);
        responses[r]!.push(token);
        logProbs[r]!.push(logProb);
        if (eos.has(token)) finished[r] = true;
        column.push(token);
        columnMask.push(1);
      }
      if (finished.every(Boolean) || step === maxNewTokens - 1) break;
      const past = cache;
      const next = tf.tidy(() => {
        const out = forwardWithCache(
          model,
          { ids: tf.tensor2d(column, [rows, 1], "int32"), mask: tf.tensor2d(columnMask, [rows, 1]) },
          { past, lastOnly: true },
        );
        return { logits: tf.reshape(out.logits, [rows, -1]) as tf.Tensor2D, cache: out.cache };
      });
      cache = next.cache;
      disposeCache(past);
      const flat = next.logits.dataSync() as Float32Array;
      const v = next.logits.shape[1];
      stepLogits = Array.from({ length: rows }, (_, r) => flat.slice(r * v, (r + 1) * v));
      next.logits.dispose();
    }
  } finally {
    disposeCache(cache);
  }

  const responseLength = Math.max(...responses.map((r) => r.length));
  const pad = (row: readonly number[], fill: number) => [
    ...row,
    ...new Array<number>(responseLength - row.length).fill(fill),
  ];
  const promptZeros = new Array<number>(first.ids[0]!.length).fill(0);
  return {
    promptLength: first.ids[0]!.length,
    responseLength,
    ids: promptIndex.map((p, r) => [...first.ids[p]!, ...pad(responses[r]!, padId)]),
    attentionMask: promptIndex.map((p, r) => [
      ...first.mask[p]!,
      ...pad(
        responses[r]!.map(() => 1),
        0,
      ),
    ]),
    responseMask: responses.map((resp) => [
      ...promptZeros,
      ...pad(
        resp.map(() => 1),
        0,
      ),
    ]),
    sampleLogProbs: logProbs.map((lp) => [...promptZeros, ...pad(lp, 0)]),
    responses,
    promptIndex,
    finished,
  };
}
