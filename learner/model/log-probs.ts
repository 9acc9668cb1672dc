/**
 * Per-token log-probabilities and entropies from the final hidden states, a few rows of logits at a
 * time: the `[B, T, V]` logits of a batch are never built whole (with Qwen's 151,936-token
 * vocabulary, 8 sequences of 1,024 tokens would take 5 GB of them). The gradient recomputes each
 * block of logits instead of keeping it, so training holds one block at a time too.
 *
 * Alignment: entry `[b, t]` is `log softmax(logits[b, t - 1] / temperature)[ids[b, t]]`, the
 * log-prob of token `t` given the tokens before it; column 0 (nothing predicts it) is 0. Mask with
 * the response mask of the same shape.
 */
import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { hiddenStates, type Model, modelHead, type TokenBatch } from "./forward.ts";
import { headLogits, type OutputHead, vocabSizeOf } from "./output-head.ts";

/** Elements of one block of logits: 16 MiB of float32, whatever the vocabulary. */
const LOGIT_BLOCK_ELEMENTS = 1 << 22;

/** Rows of logits per block for a vocabulary of `vocabSize` tokens. */
export function blockRowsFor(vocabSize: number): number {
  return Math.max(1, Math.floor(LOGIT_BLOCK_ELEMENTS / vocabSize));
}

/** `[start, rows]` of each block of `n` rows. */
function blocks(n: number, rows: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start < n; start += rows) out.push([start, Math.min(rows, n - start)]);
  return out;
}

/** Temperature-scaled logits of rows `[start, start + rows)` of `x`. */
function scaledLogits(x: tf.Tensor2D, head: OutputHead, temperature: number, start: number, rows: number) {
  const block = tf.slice(x, [start, 0], [rows, x.shape[1]]);
  return tf.div(headLogits(block, head), temperature) as tf.Tensor2D;
}

/** `logP[r, targets[r]]` for every row of `logP` `[rows, V]`. */
function taken(logP: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const [rows, v] = logP.shape;
  const flat = tf.add(tf.mul(tf.range(0, rows, 1, "int32"), tf.scalar(v, "int32")), targets);
  return tf.gather(tf.reshape(logP, [-1]), flat) as tf.Tensor1D;
}

/** The rows that predict (hidden states at `t - 1`, `[N, D]`) and the tokens they predict (`[N]`). */
function predictions(hidden: tf.Tensor3D, ids: tf.Tensor2D): { x: tf.Tensor2D; targets: tf.Tensor1D } {
  const [b, t, d] = hidden.shape;
  return {
    x: tf.reshape(tf.slice(hidden, [0, 0, 0], [b, t - 1, d]), [b * (t - 1), d]),
    targets: tf.reshape(tf.cast(tf.slice(ids, [0, 1], [b, t - 1]), "int32"), [-1]),
  };
}

/** `[N]` per row back to `[B, T]` with the unpredicted column 0. */
function aligned(values: tf.Tensor1D, b: number, t: number): tf.Tensor2D {
  return tf.concat([tf.zeros([b, 1]), tf.reshape(values, [b, t - 1])], 1) as tf.Tensor2D;
}

/** The head's columns `[start, start + count)`: a head over part of the vocabulary. */
function headSlice(head: OutputHead, start: number, count: number): OutputHead {
  const { weight, transposed } = head;
  const [rows, cols] = weight.shape;
  const part = transposed
    ? tf.slice(weight, [start, 0], [count, cols])
    : tf.slice(weight, [0, start], [rows, count]);
  return { weight: part as tf.Tensor2D, transposed };
}

/**
 * Log-probs `[N]` of `targets` under the rows of `x @ head`, differentiable w.r.t. `x` and the
 * head. The forward pass goes by blocks of rows and keeps each row's log-normalizer; the gradient,
 * d logp / d logits = (onehot - softmax) / temperature, goes by blocks of vocabulary columns, so
 * that the head's gradient is assembled from disjoint parts instead of summed over row blocks
 * (each such sum would be a new copy of the whole head).
 */
function takenLogProbs(
  x: tf.Tensor2D,
  head: OutputHead,
  targets: tf.Tensor1D,
  temperature: number,
  rows: number,
): tf.Tensor1D {
  const vocab = vocabSizeOf(head);
  const pick = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, weight, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const h: OutputHead = { weight, transposed: head.transposed };
    const parts = blocks(xs.shape[0], rows).map(([start, n]) =>
      tf.tidy(() => {
        const logits = scaledLogits(xs, h, temperature, start, n);
        const logNormalizer = tf.logSumExp(logits, 1);
        return [tf.sub(taken(logits, tf.slice(targets, start, n)), logNormalizer), logNormalizer];
      }),
    );
    const value = tf.concat(parts.map(([logp]) => logp!));
    const logNormalizers = tf.concat(parts.map(([, z]) => z!));
    tf.dispose(parts.flat());
    // Closed-over tensors die with the caller's scope before the backward pass; saved ones are kept for it.
    save([xs, weight, logNormalizers, targets]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, sz, st] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
        const n = sx.shape[0];
        // Blocks of as many elements as the forward pass's.
        const columns = Math.max(1, Math.floor((rows * vocab) / n));
        const scale = tf.reshape(tf.div(dy, temperature), [n, 1]);
        const z = tf.reshape(sz, [n, 1]);
        const target = tf.reshape(st, [n, 1]);
        const weightParts: tf.Tensor[] = [];
        let dx: tf.Tensor | undefined;
        for (const [start, count] of blocks(vocab, columns)) {
          const [dWeight, dxNext] = tf.tidy(() => {
            const part = headSlice({ weight: sw, transposed: head.transposed }, start, count);
            const probs = tf.exp(tf.sub(tf.div(headLogits(sx, part), temperature), z));
            const onehot = tf.cast(tf.equal(target, tf.range(start, start + count, 1, "int32")), "float32");
            const dLogits = tf.mul(tf.sub(onehot, probs), scale) as tf.Tensor2D;
            const dxPart = tf.matMul(dLogits, part.weight, false, !head.transposed);
            return [
              head.transposed ? tf.matMul(dLogits, sx, true, false) : tf.matMul(sx, dLogits, true, false),
              dx ? tf.add(dx, dxPart) : dxPart,
            ];
          });
          dx?.dispose();
          dx = dxNext;
          weightParts.push(dWeight!);
        }
        const dWeight = tf.concat(weightParts, head.transposed ? 0 : 1);
        tf.dispose([...weightParts, scale, z, target]);
        return [dx!, dWeight];
      },
    };
  });
  return pick(x, head.weight) as tf.Tensor1D;
}

/**
 * Log-probs `[B, T]` of `ids` from the final hidden states `[B, T, D]` through `head`; gradients
 * flow to the hidden states and the head. `rows`: rows of logits per block.
 */
export function tokenLogProbs(
  hidden: tf.Tensor3D,
  head: OutputHead,
  ids: tf.Tensor2D,
  temperature: number,
  rows = blockRowsFor(vocabSizeOf(head)),
): tf.Tensor2D {
  return tf.tidy(() => {
    const [b, t] = ids.shape;
    const { x, targets } = predictions(hidden, ids);
    return aligned(takenLogProbs(x, head, targets, temperature, rows), b, t);
  });
}

/**
 * Log-probs and entropies (nats) `[B, T]` of the temperature-scaled next-token distributions, both
 * from one pass over the blocks; no gradient (π_old's values and the step's entropy metric).
 */
export function tokenLogProbsAndEntropy(
  hidden: tf.Tensor3D,
  head: OutputHead,
  ids: tf.Tensor2D,
  temperature: number,
  rows = blockRowsFor(vocabSizeOf(head)),
): { logProbs: tf.Tensor2D; entropy: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, t] = ids.shape;
    const { x, targets } = predictions(hidden, ids);
    const logProbs: tf.Tensor1D[] = [];
    const entropy: tf.Tensor1D[] = [];
    for (const [start, n] of blocks(x.shape[0], rows)) {
      const [lp, h] = tf.tidy(() => {
        const logP = tf.logSoftmax(scaledLogits(x, head, temperature, start, n)) as tf.Tensor2D;
        return [taken(logP, tf.slice(targets, start, n)), tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), -1))];
      });
      logProbs.push(lp as tf.Tensor1D);
      entropy.push(h as tf.Tensor1D);
    }
    return { logProbs: aligned(tf.concat(logProbs), b, t), entropy: aligned(tf.concat(entropy), b, t) };
  });
}

/** `tokenLogProbs` of a model over a batch. */
export function modelLogProbs(model: Model, batch: TokenBatch, temperature: number): tf.Tensor2D {
  return tf.tidy(() => tokenLogProbs(hiddenStates(model, batch), modelHead(model), batch.ids, temperature));
}

/** `tokenLogProbsAndEntropy` of a model over a batch. */
export function modelLogProbsAndEntropy(
  model: Model,
  batch: TokenBatch,
  temperature: number,
): { logProbs: tf.Tensor2D; entropy: tf.Tensor2D } {
  return tf.tidy(() =>
    tokenLogProbsAndEntropy(hiddenStates(model, batch), modelHead(model), batch.ids, temperature),
  );
}
