/**
 * Messages between the data-parallel pool (main thread) and its workers. A shard program is a
 * module run inside each worker: its `program` export turns the pool's setup into a function from
 * one shard's task to its result, computed with the worker's copy of the weights.
 */
import type * as tf from "@tensorflow/tfjs-core";
import type { BackendName } from "../backends/select.ts";
import type { SharedParams } from "./shared-params.ts";

/** A shard's result and the buffers to move (not copy) back to the main thread. */
export interface ShardOutput<Result> {
  result: Result;
  transfer?: ArrayBuffer[];
}

export type ShardProgram<Setup, Task, Result> = (
  setup: Setup,
) => (task: Task, params: Readonly<Record<string, tf.Variable>>) => ShardOutput<Result>;

export interface InitMessage {
  type: "init";
  backend: BackendName;
  /** URL of the shard program's module. */
  program: string;
  setup: unknown;
  params: SharedParams;
  version: number;
}

export interface TaskMessage {
  type: "task";
  id: number;
  /** The weights' version the task needs: a worker holding an older one reads shared memory first. */
  version: number;
  task: unknown;
}

export type ToWorker = InitMessage | TaskMessage;

export type FromWorker =
  | { type: "ready" }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; message: string };
