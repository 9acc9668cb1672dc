/**
 * A pool of worker threads that run the answer checker with a hard per-item time budget: a worker that
 * overruns is terminated (which really stops its CPU work), the item is answered `timeout`, a
 * replacement is started and the worker's other items go back to the front of their queues.
 *
 * Work waits in one queue per tenant (a caller, or a client connection); scheduling.ts decides whose
 * items go to which worker, so that nobody waits behind someone else's batch. An item's clock starts
 * when its worker starts it, so sending a chunk of large responses does not count against its budget.
 */
import { failedVerdict } from "../checker/check.ts";
import { DEFAULT_TIMEOUT_MS, type GradeRequest, type Verdict } from "../contracts/grading.ts";
import type { FromWorkerMessage } from "./protocol.ts";
import { currentRuntime, type WorkerRuntime, type WorkerThread } from "./runtime/index.ts";
import { expectedCost, nextPlacement, type Placement } from "./scheduling.ts";
import { type Tenant, TenantQueues } from "./tenants.ts";

export interface GradingPoolOptions {
  /** Worker threads; default one per core. */
  size?: number;
  /** Budget for a request whose options carry no `timeoutMs`. */
  timeoutMs?: number;
  /** Most items handed to one worker in one message. */
  maxChunk?: number;
  /**
   * How long a worker may take to start a chunk it was sent (receive and decode it) before the chunk's
   * first item is answered `timeout`. A safety net: a healthy worker starts within milliseconds.
   */
  startGraceMs?: number;
  /** Worker entry speaking the pool protocol (see serve-worker.ts); tests point it at their own. */
  workerUrl?: URL;
}

export interface GradeCallOptions {
  /**
   * Whose work this is: tenants take turns, and one may hold at most half the workers while others
   * wait. Calls with the same tenant share its turn. Default: this call alone.
   */
  tenant?: string;
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
  tenant: Tenant<Job>;
  /** What it was expected to cost when it was sent to a worker, ms. */
  expectedMs: number;
  resolve(verdict: Verdict): void;
}

interface WorkerSlot {
  thread: WorkerThread | null;
  ready: boolean;
  /** Items sent to the worker and not yet answered, in the worker's order; the head runs once started. */
  assigned: Job[];
  /** Sizes of the chunks sent whose start the worker has not reported yet, oldest first. */
  unstarted: number[];
  /** Assigned items whose chunk has started: while there are any, the head is running. */
  started: number;
  /** When the head started running, or, while its chunk has not started, since when it has been the head. */
  headSince: number;
  /** What the assigned items are expected to cost, ms. */
  expectedMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  timerAt: number;
  /** The head the timer already found past its deadline once. */
  overdue: Job | undefined;
}

const DEFAULT_MAX_CHUNK = 64;
const DEFAULT_START_GRACE_MS = 5_000;
/** Timers may fire a little early relative to `performance.now()`. */
const TIMER_SLACK_MS = 1;
/** After this many workers in a row die while starting, with none left running, queued items fail. */
const SPAWN_FAILURES_BEFORE_GIVING_UP = 3;
const MAX_RESPAWN_DELAY_MS = 5_000;

export class GradingPool {
  private readonly slots: WorkerSlot[];
  private readonly queues = new TenantQueues<Job>();
  private readonly counters = { completed: 0, timeouts: 0, crashes: 0, restarts: 0 };
  private readonly timeoutMs: number;
  private readonly maxChunk: number;
  private readonly startGraceMs: number;
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
    this.startGraceMs = options.startGraceMs ?? DEFAULT_START_GRACE_MS;
    this.entry = options.workerUrl ?? new URL("./worker.ts", import.meta.url);
    this.slots = Array.from({ length: size }, () => ({
      thread: null,
      ready: false,
      assigned: [],
      unstarted: [],
      started: 0,
      headSince: 0,
      expectedMs: 0,
      timer: undefined,
      timerAt: 0,
      overdue: undefined,
    }));
  }

  /** Starts the workers and resolves once every one of them has loaded the checker. */
  static async start(options: GradingPoolOptions = {}): Promise<GradingPool> {
    const pool = new GradingPool(await currentRuntime(), options);
    await pool.startWorkers();
    return pool;
  }

  grade(request: GradeRequest, options: GradeCallOptions = {}): Promise<Verdict> {
    const [verdict] = this.enqueue([request], options);
    return verdict;
  }

  /** Verdicts in the order of the requests. */
  gradeMany(requests: readonly GradeRequest[], options: GradeCallOptions = {}): Promise<Verdict[]> {
    return Promise.all(this.enqueue(requests, options));
  }

  stats(): PoolStats {
    return {
      size: this.slots.length,
      readyWorkers: this.slots.filter((slot) => slot.ready).length,
      ...this.counters,
      queued: this.queues.queued,
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

  private enqueue(requests: readonly GradeRequest[], options: GradeCallOptions): Promise<Verdict>[] {
    if (this.closing) return requests.map(() => Promise.reject(new Error("the grading pool is closed")));
    if (requests.length === 0) return [];
    const tenant = this.queues.tenant(options.tenant ?? Symbol("call"));
    const jobs: Job[] = [];
    const verdicts = requests.map(
      (request) =>
        new Promise<Verdict>((resolve) => {
          const budgetMs = request.options?.timeoutMs ?? this.timeoutMs;
          jobs.push({ request, budgetMs, tenant, expectedMs: 0, resolve });
        }),
    );
    this.queues.push(tenant, jobs);
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
    if (message.type === "started") {
      // The head's clock starts now: sending the chunk and decoding it were not the check's time.
      if (slot.started === 0) slot.headSince = performance.now();
      slot.started += slot.unstarted.shift() ?? 0;
      this.watch(slot);
      return;
    }
    const job = slot.assigned.shift();
    if (!job) return;
    slot.started--;
    slot.headSince = performance.now();
    slot.expectedMs = slot.assigned.length === 0 ? 0 : slot.expectedMs - job.expectedMs;
    job.tenant.release(slot, 1);
    job.tenant.observe(message.verdict.elapsedMs);
    this.settle(job, message.verdict);
    if (slot.assigned.length === 0) this.clearTimer(slot);
    else this.watch(slot);
    this.dispatch();
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
    const started = slot.started > 0;
    this.replaceWorker(slot, (job, elapsedMs) =>
      started
        ? failedVerdict("timeout", `the check exceeded its ${job.budgetMs} ms budget`, elapsedMs)
        : failedVerdict(
            "timeout",
            `the grading worker did not start the check within ${this.startGraceMs} ms`,
            0,
          ),
    );
  }

  /** Answers the head with `verdictFor`, requeues the rest and starts a fresh worker. */
  private replaceWorker(slot: WorkerSlot, verdictFor: (job: Job, elapsedMs: number) => Verdict): void {
    const elapsedMs = slot.started > 0 ? performance.now() - slot.headSince : 0;
    const [running, ...rest] = slot.assigned.splice(0);
    slot.unstarted = [];
    slot.started = 0;
    slot.expectedMs = 0;
    slot.overdue = undefined;
    for (const job of running ? [running, ...rest] : rest) job.tenant.release(slot, 1);
    this.requeue(rest);
    void this.stopWorker(slot);
    if (running) {
      running.tenant.observe(elapsedMs);
      this.settle(running, verdictFor(running, elapsedMs));
    }
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

  /** Puts a stopped worker's unanswered items back at the front of their tenants' queues, in order. */
  private requeue(jobs: readonly Job[]): void {
    const byTenant = new Map<Tenant<Job>, Job[]>();
    for (const job of jobs) {
      const list = byTenant.get(job.tenant);
      if (list) list.push(job);
      else byTenant.set(job.tenant, [job]);
    }
    // Each requeue puts its tenant first in turn, so the tenant whose items came first goes in last.
    for (const [tenant, list] of [...byTenant].reverse()) this.queues.requeue(tenant, list);
  }

  private async stopWorker(slot: WorkerSlot): Promise<void> {
    this.clearTimer(slot);
    const thread = slot.thread;
    slot.thread = null;
    slot.ready = false;
    await thread?.terminate().catch(() => {});
  }

  private dispatch(): void {
    while (this.queues.queued > 0) {
      const placement = nextPlacement(this.slots, this.queues, this.maxChunk, performance.now());
      if (!placement) return;
      this.send(placement);
    }
  }

  private send({ worker: slot, tenant, count }: Placement<WorkerSlot, Job>): void {
    const jobs = this.queues.take(tenant, count);
    const expectedMs = expectedCost(tenant);
    for (const job of jobs) job.expectedMs = expectedMs;
    if (slot.assigned.length === 0) slot.headSince = performance.now();
    slot.assigned.push(...jobs);
    slot.unstarted.push(jobs.length);
    slot.expectedMs += expectedMs * jobs.length;
    tenant.hold(slot, jobs.length);
    slot.thread!.post({ type: "grade", items: jobs.map((job) => job.request) });
    this.watch(slot);
  }

  /** The head's deadline: its budget once it runs, the start grace while its chunk has not started. */
  private deadline(slot: WorkerSlot): number {
    return slot.headSince + (slot.started > 0 ? slot.assigned[0].budgetMs : this.startGraceMs);
  }

  /**
   * One timer per worker, re-armed lazily: a timer due no later than the head's deadline is left alone
   * (when it fires it looks at whichever item is the head then), so finishing an item costs no timer calls.
   */
  private watch(slot: WorkerSlot): void {
    if (slot.assigned.length === 0) return;
    const deadline = this.deadline(slot);
    if (slot.timer === undefined || slot.timerAt > deadline) this.arm(slot, deadline);
  }

  private arm(slot: WorkerSlot, at: number): void {
    this.clearTimer(slot);
    slot.timerAt = at;
    slot.timer = setTimeout(() => this.onTimer(slot), Math.max(0, at - performance.now()));
  }

  private onTimer(slot: WorkerSlot): void {
    slot.timer = undefined;
    const head = slot.assigned[0];
    if (!head) return;
    const now = performance.now();
    const deadline = this.deadline(slot);
    if (now < deadline - TIMER_SLACK_MS) this.arm(slot, deadline);
    else if (slot.overdue !== head) {
      // After the main thread was busy, timers run before the messages that arrived meanwhile: the
      // head's verdict may be among them. They get one turn of the event loop before the worker is stopped.
      slot.overdue = head;
      this.arm(slot, now);
    } else this.onOverrun(slot);
  }

  private clearTimer(slot: WorkerSlot): void {
    if (slot.timer === undefined) return;
    clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  private failQueued(reason: string): void {
    for (const job of this.queues.takeAll()) this.settle(job, failedVerdict("error", reason, 0));
  }

  private settle(job: Job, verdict: Verdict): void {
    this.counters.completed++;
    this.queues.forgetIfIdle(job.tenant);
    job.resolve(verdict);
    if (--this.pending === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
