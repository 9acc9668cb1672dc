/**
 * A pool of data-parallel lanes that run one shard program: the main thread and `lanes − 1` workers
 * (node:worker_threads). The main thread computes shards too rather than wait, so that on N cores N
 * threads compute and none only waits. `run` keeps each worker two tasks ahead, computes the rest in
 * the main thread, and hands the results to its caller in task order, whatever order they arrive in:
 * sums over shards then come out the same for any number of lanes. A worker that fails ends the run
 * with its reason and closes the pool, so nothing waits on it.
 */
import type { Worker } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import { startWorker } from "../../shared/pool/runtime/node.ts";
import type { BackendName } from "../backends/select.ts";
import type { FromWorker, InitMessage, ShardProgram, ToWorker } from "./protocol.ts";
import { type SharedParams, shareParams, writeParams } from "./shared-params.ts";

const WORKER_ENTRY = new URL("./worker.ts", import.meta.url);

/** The backends a worker can start on its own (native TensorFlow is one per process). */
const WORKER_BACKENDS: readonly BackendName[] = ["cpu", "wasm"];

export interface PoolOptions<Setup> {
  /** Threads that compute shards, the main thread included (so `lanes − 1` workers start). */
  lanes: number;
  /** The shard program's module (see protocol.ts). */
  program: URL;
  setup: Setup;
  /** Weights the workers hold a copy of: the trainable ones and any frozen ones. */
  params: Readonly<Record<string, tf.Tensor>>;
}

/**
 * Tasks a worker holds at once: the next is queued there before the current one ends, since the main
 * thread, busy with its own task, can only send more between its tasks.
 */
const WORKER_QUEUE = 2;

type LocalProgram = ReturnType<ShardProgram<unknown, unknown, unknown>>;

interface Run {
  tasks: readonly unknown[];
  take: (result: unknown, index: number) => void;
  next: number;
  delivered: number;
  arrived: Map<number, unknown>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class ShardPool<Task, Result> {
  private version = 0;
  private failure: Error | undefined;
  private current: Run | undefined;
  private readonly starting = new Map<Worker, { resolve: () => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly workers: Worker[],
    private readonly shared: SharedParams,
    /** The program in the main thread, on the live weights (which need no publishing there). */
    private readonly local: { run: LocalProgram; params: Readonly<Record<string, tf.Variable>> },
  ) {}

  static async start<Setup, Task, Result>(options: PoolOptions<Setup>): Promise<ShardPool<Task, Result>> {
    const backend = tf.getBackend() as BackendName;
    if (!WORKER_BACKENDS.includes(backend)) {
      throw new Error(`data-parallel workers run on the cpu or wasm backend, not ${backend}`);
    }
    const shared = shareParams(options.params);
    const module = (await import(options.program.href)) as { program: ShardProgram<Setup, unknown, unknown> };
    const local = {
      run: module.program(options.setup) as LocalProgram,
      params: options.params as Readonly<Record<string, tf.Variable>>,
    };
    const workers = Array.from({ length: Math.max(0, options.lanes - 1) }, () =>
      startWorker(WORKER_ENTRY, {}),
    );
    const pool = new ShardPool<Task, Result>(workers, shared, local);
    const init: InitMessage = {
      type: "init",
      backend,
      program: options.program.href,
      setup: options.setup,
      params: shared,
      version: 0,
    };
    for (const [i, worker] of workers.entries()) pool.listen(worker, i);
    try {
      await Promise.all(workers.map((worker) => pool.handshake(worker, init)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    // Idle workers do not keep the process alive; a run holds them.
    for (const worker of workers) worker.unref();
    return pool;
  }

  /** Makes the workers compute with these weights from their next task on. */
  publish(params: Readonly<Record<string, tf.Tensor>>): void {
    writeParams(this.shared, params);
    this.version++;
  }

  /** Runs every task; `take` receives result i after results 0..i-1. */
  run(tasks: readonly Task[], take: (result: Result, index: number) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.current) return Promise.reject(new Error("the data-parallel pool is already running"));
    if (tasks.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.current = {
        tasks,
        take: take as (result: unknown, index: number) => void,
        next: 0,
        delivered: 0,
        arrived: new Map(),
        resolve,
        reject,
      };
      for (const worker of this.workers) worker.ref();
      // Two tasks ahead only when there are enough for every lane to get two: else one each.
      const lanes = this.workers.length + 1;
      const ahead = Math.max(1, Math.min(WORKER_QUEUE, Math.floor(tasks.length / lanes)));
      for (let k = 0; k < ahead; k++) for (const worker of this.workers) this.dispatch(worker);
      void this.computeLocally();
    });
  }

  /**
   * The main thread's lane: it takes the next task nobody holds, computes it, and yields between
   * tasks so that arriving results are taken and their workers sent more.
   */
  private async computeLocally(): Promise<void> {
    for (;;) {
      const run = this.current;
      if (!run || run.next >= run.tasks.length) return;
      const id = run.next++;
      let result: unknown;
      try {
        result = this.local.run(run.tasks[id], this.local.params).result;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
        this.fail(new Error(`data-parallel main thread failed: ${reason}`));
        return;
      }
      this.arrive(null, id, result);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the data-parallel pool is closed");
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private handshake(worker: Worker, init: InitMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.starting.set(worker, { resolve, reject });
      worker.postMessage(init satisfies ToWorker);
    });
  }

  private listen(worker: Worker, index: number): void {
    const failed = (reason: string) => {
      const starting = this.starting.get(worker);
      this.starting.delete(worker);
      if (starting) starting.reject(workerError(index, `did not start: ${reason}`));
      else this.fail(workerError(index, `failed: ${reason}`));
    };
    worker.on("message", (message: FromWorker) => {
      if (message.type === "result") this.arrive(worker, message.id, message.result);
      else if (message.type === "error") failed(message.message);
      else {
        this.starting.get(worker)?.resolve();
        this.starting.delete(worker);
      }
    });
    worker.on("error", (error) => failed(error.message));
    worker.on("exit", (code) => failed(`exited with code ${code}`));
  }

  private dispatch(worker: Worker): void {
    const run = this.current;
    if (!run || run.next >= run.tasks.length) return;
    const id = run.next++;
    worker.postMessage({ type: "task", id, version: this.version, task: run.tasks[id] } satisfies ToWorker);
  }

  /** A result from a worker (sent its next task) or from the main thread (`null`). */
  private arrive(worker: Worker | null, id: number, result: unknown): void {
    const run = this.current;
    if (!run) return;
    run.arrived.set(id, result);
    try {
      while (run.arrived.has(run.delivered)) {
        const ready = run.arrived.get(run.delivered);
        run.arrived.delete(run.delivered);
        run.take(ready, run.delivered++);
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (run.delivered === run.tasks.length) this.finish(() => run.resolve());
    else if (worker !== null) this.dispatch(worker);
  }

  private finish(settle: () => void): void {
    this.current = undefined;
    for (const worker of this.workers) worker.unref();
    settle();
  }

  /** The first failure ends the run and the pool: a half-updated set of workers is of no use. */
  private fail(failure: Error): void {
    if (this.failure) return;
    this.failure = failure;
    const run = this.current;
    void Promise.all(this.workers.map((worker) => worker.terminate()));
    if (run) this.finish(() => run.reject(failure));
  }
}

const workerError = (index: number, what: string) => new Error(`data-parallel worker ${index} ${what}`);
