import * as tf from "@tensorflow/tfjs-core";

/** Keys (after RoPE) and values of one layer: `[B, numKvHeads, T, headDim]`. */
// Type aliases rather than interfaces: only those satisfy tf.tidy's TensorContainer.
export type LayerKv = {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
};

/**
 * Everything a decoding step needs from the tokens already seen. Rows are independent sequences;
 * padded slots stay in the cache and are excluded by `keyMask`.
 */
export type KvCache = {
  layers: LayerKv[];
  /** `[B, T]`, 1 for a real token, 0 for padding. */
  keyMask: tf.Tensor2D;
  /** `[B, 1]` real tokens seen per row: the RoPE position of the row's next real token. */
  seen: tf.Tensor2D;
};

export function cacheLength(cache: KvCache): number {
  return cache.keyMask.shape[1];
}

export function cacheTensors(cache: KvCache): tf.Tensor[] {
  return [cache.keyMask, cache.seen, ...cache.layers.flatMap((l) => [l.k, l.v])];
}

export function disposeCache(cache: KvCache): void {
  for (const t of cacheTensors(cache)) t.dispose();
}

/**
 * Repeats every row `times` times (row r becomes rows r*times .. r*times+times-1), so a prompt is
 * prefilled once and its cache serves all of its rollouts. Returns a new cache; the input is kept.
 */
export function tileCache(cache: KvCache, times: number): KvCache {
  return tf.tidy(() => {
    const rows = cache.keyMask.shape[0];
    const index = tf.tensor1d(
      Array.from({ length: rows * times }, (_, i) => Math.floor(i / times)),
      "int32",
    );
    return {
      layers: cache.layers.map((l) => ({ k: tf.gather(l.k, index), v: tf.gather(l.v, index) })),
      keyMask: tf.gather(cache.keyMask, index),
      seen: tf.gather(cache.seen, index),
    };
  });
}
