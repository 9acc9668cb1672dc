/**
 * The shard program of the benchmark's data-parallel reference step (runs in each worker): the
 * gradients of one shard of the batch's rows, its loss divided by the whole batch's token count.
 */
import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { type ReferenceConfig, referenceLoss, referenceModelOf } from "../backends/reference-model.ts";
import type { ShardProgram } from "./protocol.ts";
import { flatten, layoutOf } from "./shared-params.ts";

export interface ReferenceShard {
  /** `[rows, T]` token ids and next-token targets, row-major. */
  ids: Int32Array;
  targets: Int32Array;
  rows: number;
  /** Tokens in the whole batch. */
  batchTokens: number;
}

/** The shard's loss and its gradients end to end, in the order of the weights' names. */
export interface ShardGradients {
  value: number;
  grads: Float32Array;
}

export const program: ShardProgram<ReferenceConfig, ReferenceShard, ShardGradients> =
  (config) => (task, params) => {
    const model = referenceModelOf(config, params);
    const names = Object.keys(params);
    const shape: [number, number] = [task.rows, task.ids.length / task.rows];
    const ids = tf.tensor2d(task.ids, shape, "int32");
    const targets = tf.tensor2d(task.targets, shape, "int32");
    const { value, grads } = tf.variableGrads(
      () => referenceLoss(model, ids, targets, task.batchTokens),
      names.map((n) => params[n]!),
    );
    const flat = flatten(
      layoutOf(params),
      Object.fromEntries(names.map((n) => [n, grads[params[n]!.name]!])),
    );
    const loss = value.dataSync()[0]!;
    tf.dispose([ids, targets, value, ...Object.values(grads)]);
    return { result: { value: loss, grads: flat }, transfer: [flat.buffer as ArrayBuffer] };
  };
