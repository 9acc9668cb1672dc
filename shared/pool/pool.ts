/**
 * A pool of worker threads that run the answer checker with a hard per-item time budget: a worker that
 * overruns is terminated (which really stops its CPU work), the item is answered `timeout`, a
 * replacement is started and the worker's other items go back to the front of the queue.
 */
import { failedVerdict } from "../checker/check.ts";
import { DEFAULT_TIMEOUT_MS, type GradeRequest, type Verdict } from "../contracts/grading.ts";
import type { FromWorkerMessage } from "./protocol.ts";
import { currentRuntime, type WorkerRuntime, type WorkerThread } from "./runtime/index.ts";

export interface GradingPoolOptions {
  /** Worker threads; default one per core. */
  size?: number;
  /** Budget for a request whose options carry no `timeoutMs`. */
  timeoutMs?: number;
  /** Most items handed to one worker in one message. */
  maxChunk?: number;
  /** Worker entry speaking the pool protocol (see serve-worker.ts); tests point it at their own. */
  workerUrl?: URL;
}

export interface PoolStats {
  size: number;
  readyWorkers: number;
  /** Verdicts delivered, of any status. */
  completed: number;
  timeouts: number;
  crashes: number;
  restarts: number;
  queued: number;
  inFlight: number;
}

interface Job {
  request: GradeRequest;
  budgetMs: number;
  resolve(verdict: Verdict): void;
}

interface WorkerSlot {
  thread: WorkerThread | null;
  ready: boolean;
  /** Items sent to the worker and not yet answered, in the worker's order; the head is running. */
  assigned: Job[];
  itemStartedAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const DEFAULT_MAX_CHUNK = 64;
/** Timers may fire a little early relative to `performance.now()`. */
const TIMER_SLACK_MS = 1;
/** After this many workers in a row die while starting, with none left running, queued items fail. */
const SPAWN_FAILURES_BEFORE_GIVING_UP = 3;
const MAX_RESPAWN_DELAY_MS = 5_000;

export class GradingPool {
  private readonly slots: WorkerSlot[];
  private readonly queue: Job[] = [];
  private readonly counters = { completed: 0, timeouts: 0, crashes: 0, restarts: 0 };
  private readonly timeoutMs: number;
  private readonly maxChunk: number;
  private readonly prefetchBelow: number;
  private readonly entry: URL;
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private spawnFailures = 0;
  private closing = false;
  private closed = false;
  private startup: { resolve(): void; reject(error: Error): void; waiting: number } | null = null;

  private constructor(
    private readonly runtime: WorkerRuntime,
    options: GradingPoolOptions,
  ) {
    const size = Math.max(1, Math.floor(options.size ?? runtime.cpuCount()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxChunk = Math.max(1, options.maxChunk ?? DEFAULT_MAX_CHUNK);
    // A worker gets its next chunk while it still has some work, so it never waits for the main thread.
    this.prefetchBelow = Math.max(1, Math.floor(this.maxChunk / 4));
    this.entry = options.workerUrl ?? new URL("./worker.ts", import.meta.url);
    this.slots = Array.from({ length: size }, () => ({
      thread: null,
      ready: false,
      assigned: [],
      itemStartedAt: 0,
      timer: undefined,
    }));
  }

  /** Starts the workers and resolves once every one of them has loaded the checker. */
  static async start(options: GradingPoolOptions = {}): Promise<GradingPool> {
    const pool = new GradingPool(await currentRuntime(), options);
    await pool.startWorkers();
    return pool;
  }

  grade(request: GradeRequest): Promise<Verdict> {
    const [verdict] = this.enqueue([request]);
    return verdict;
  }

  /** Verdicts in the order of the requests. */
  gradeMany(requests: readonly GradeRequest[]): Promise<Verdict[]> {
    return Promise.all(this.enqueue(requests));
  }

  stats(): PoolStats {
    return {
      size: this.slots.length,
      readyWorkers: this.slots.filter((slot) => slot.ready).length,
      ...this.counters,
      queued: this.queue.length,
      inFlight: this.slots.reduce((sum, slot) => sum + slot.assigned.length, 0),
    };
  }

  /** Refuses new work, lets everything already submitted finish, then stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.pending > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((slot) => this.stopWorker(slot)));
  }

  private startWorkers(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.startup = { resolve, reject, waiting: this.slots.length };
      for (const slot of this.slots) this.spawn(slot);
    }).then(
      () => {
        this.startup = null;
      },
      async (error: Error) => {
        this.startup = null;
        this.closing = this.closed = true;
        await Promise.all(this.slots.map((slot) => this.stopWorker(slot)));
        throw error;
      },
    );
  }

  private enqueue(requests: readonly GradeRequest[]): Promise<Verdict>[] {
    if (this.closing) return requests.map(() => Promise.reject(new Error("the grading pool is closed")));
    const verdicts = requests.map(
      (request) =>
        new Promise<Verdict>((resolve) => {
          this.queue.push({ request, budgetMs: request.options?.timeoutMs ?? this.timeoutMs, resolve });
        }),
    );
    this.pending += requests.length;
    this.dispatch();
    return verdicts;
  }

  private spawn(slot: WorkerSlot): void {
    const thread = this.runtime.spawn(this.entry, {
      onMessage: (message) => {
        if (slot.thread === thread) this.onMessage(slot, message);
      },
      onFailure: (reason) => {
        if (slot.thread === thread) this.onFailure(slot, reason);
      },
    });
    slot.thread = thread;
    slot.ready = false;
  }

  private onMessage(slot: WorkerSlot, message: FromWorkerMessage): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.spawnFailures = 0;
      if (this.startup && --this.startup.waiting === 0) this.startup.resolve();
      this.dispatch();
      return;
    }
    const job = slot.assigned.shift();
    if (!job) return;
    slot.itemStartedAt = performance.now();
    this.settle(job, message.verdict);
    if (slot.assigned.length === 0) this.clearTimer(slot);
    if (slot.assigned.length < this.prefetchBelow) this.dispatch();
  }

  private onFailure(slot: WorkerSlot, reason: string): void {
    if (this.startup) {
      this.startup.reject(new Error(`a grading worker failed to start: ${reason}`));
      return;
    }
    if (!slot.ready) this.spawnFailures++;
    this.counters.crashes++;
    this.replaceWorker(slot, (_job, elapsedMs) =>
      failedVerdict("error", `the grading worker crashed: ${reason}`, elapsedMs),
    );
  }

  private onOverrun(slot: WorkerSlot): void {
    this.counters.timeouts++;
    this.replaceWorker(slot, (job, elapsedMs) =>
      failedVerdict("timeout", `the check exceeded its ${job.budgetMs} ms budget`, elapsedMs),
    );
  }

  /** Answers the running item with `verdictFor`, requeues the rest and starts a fresh worker. */
  private replaceWorker(slot: WorkerSlot, verdictFor: (job: Job, elapsedMs: number) => Verdict): void {
    const running = slot.assigned.shift();
    const elapsedMs = performance.now() - slot.itemStartedAt;
    this.queue.unshift(...slot.assigned.splice(0));
    void this.stopWorker(slot);
    if (running) this.settle(running, verdictFor(running, elapsedMs));
    if (this.closed) return;
    this.counters.restarts++;
    if (this.spawnFailures === 0) this.spawn(slot);
    else {
      if (this.spawnFailures >= SPAWN_FAILURES_BEFORE_GIVING_UP && !this.slots.some((s) => s.ready)) {
        this.failQueued("no grading worker could be started");
      }
      const delay = Math.min(MAX_RESPAWN_DELAY_MS, 50 * 2 ** this.spawnFailures);
      setTimeout(() => {
        if (!this.closed && slot.thread === null) this.spawn(slot);
      }, delay);
    }
    this.dispatch();
  }

  private async stopWorker(slot: WorkerSlot): Promise<void> {
    this.clearTimer(slot);
    const thread = slot.thread;
    slot.thread = null;
    slot.ready = false;
    await thread?.terminate().catch(() => {});
  }

  /** Hands queued items to the least busy ready workers, in chunks sized to share the queue fairly. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.leastBusyReadySlot();
      if (!slot || slot.assigned.length >= this.prefetchBelow) return;
      const readyCount = this.slots.filter((s) => s.ready).length;
      const size = Math.min(this.maxChunk, Math.ceil(this.queue.length / readyCount));
      const chunk = this.queue.splice(0, size);
      if (slot.assigned.length === 0) slot.itemStartedAt = performance.now();
      slot.assigned.push(...chunk);
      slot.thread!.post({ type: "grade", items: chunk.map((job) => job.request) });
      this.armTimer(slot);
    }
  }

  private leastBusyReadySlot(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.slots) {
      if (slot.ready && (!best || slot.assigned.length < best.assigned.length)) best = slot;
    }
    return best;
  }

  /**
   * One timer per worker, re-armed lazily: when it fires it compares against the start of whichever
   * item is running now, so finishing an item costs no timer calls.
   */
  private armTimer(slot: WorkerSlot): void {
    const running = slot.assigned[0];
    if (slot.timer !== undefined || !running) return;
    const remaining = slot.itemStartedAt + running.budgetMs - performance.now();
    slot.timer = setTimeout(
      () => {
        slot.timer = undefined;
        const current = slot.assigned[0];
        if (!current) return;
        if (performance.now() - slot.itemStartedAt >= current.budgetMs - TIMER_SLACK_MS) this.onOverrun(slot);
        else this.armTimer(slot);
      },
      Math.max(0, remaining),
    );
  }

  private clearTimer(slot: WorkerSlot): void {
    if (slot.timer === undefined) return;
    clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  private failQueued(reason: string): void {
    for (const job of this.queue.splice(0)) this.settle(job, failedVerdict("error", reason, 0));
  }

  private settle(job: Job, verdict: Verdict): void {
    this.counters.completed++;
    job.resolve(verdict);
    if (--this.pending === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
