/**
 * Which tenant's items go to which worker next, so that nobody waits behind someone else's batch:
 * - tenants take turns; one whose turn it is keeps it until a worker has room for it, rather than
 *   letting those after it fill every worker that frees up;
 * - while others wait, a tenant may hold at most half the workers;
 * - a worker holds only a few milliseconds of expected work beyond the item it runs, judged by what the
 *   tenant's earlier items cost; slow items and items of a tenant not yet seen go to idle workers only;
 * - a tenant's first item goes alone, since nothing is known of its cost yet;
 * - slow items never take the last ready worker that runs nothing slow (when there are two or more).
 * So a newly arrived caller waits at most for the item running on some worker, and usually for nothing.
 */
import type { GradeRequest } from "../contracts/grading.ts";
import type { Tenant, TenantQueues } from "./tenants.ts";

/** Expected work one worker may hold beyond the item it runs, ms: what a newly arrived caller may wait for. */
const CHUNK_TARGET_MS = 4;
/** A busy worker is sent more once it is expected to finish what it has within this, ms. */
const REFILL_BELOW_MS = CHUNK_TARGET_MS / 2;
/** An item expected to take this long, or running this long, is slow. */
const SLOW_ITEM_MS = 50;
/** Most response characters in one chunk: copying a chunk to a worker stays quick. */
const MAX_CHUNK_CHARS = 4_000_000;

/** An item as the scheduler sees it. */
export interface ScheduledItem {
  readonly request: GradeRequest;
  /** What it was expected to cost when it was sent to a worker, ms. */
  expectedMs: number;
}

/** A worker as the scheduler sees it. */
export interface WorkerLoad {
  readonly ready: boolean;
  /** Items sent and not yet answered, in the worker's order; the head runs once its chunk started. */
  readonly assigned: readonly ScheduledItem[];
  /** Assigned items whose chunk has started: while there are any, the head is running. */
  readonly started: number;
  /** When the head started running. */
  readonly headSince: number;
  /** What the assigned items are expected to cost, ms. */
  readonly expectedMs: number;
}

export interface Placement<W, J> {
  worker: W;
  tenant: Tenant<J>;
  count: number;
}

/** What one item of the tenant is expected to cost, ms (a tenant not yet seen: a whole chunk's worth). */
export function expectedCost(tenant: Tenant<unknown>): number {
  return tenant.costMs ?? CHUNK_TARGET_MS;
}

/** The next chunk to send: the first tenant in turn that may have one, on the worker with the most room. */
export function nextPlacement<W extends WorkerLoad, J extends ScheduledItem>(
  workers: readonly W[],
  queues: TenantQueues<J>,
  maxChunk: number,
  now: number,
): Placement<W, J> | undefined {
  const ready = workers.filter((worker) => worker.ready);
  if (ready.length === 0) return undefined;
  const slowRunning = ready.filter((worker) => runsSlowItem(worker, now)).length;
  const slowMayStart = workers.length === 1 || ready.length - slowRunning >= 2;
  const cap = queues.waiting.length > 1 ? Math.ceil(workers.length / 2) : workers.length;
  for (const tenant of queues.waiting) {
    const cost = tenant.costMs;
    if (cost === undefined && tenant.inFlight > 0) continue;
    if (cost !== undefined && cost >= SLOW_ITEM_MS && !slowMayStart) continue;
    const mayTakeAnother = tenant.held.size < cap;
    let best: W | undefined;
    let room = 0;
    for (const worker of ready) {
      if (!mayTakeAnother && !tenant.held.has(worker)) continue;
      const roomHere = roomFor(worker, cost, maxChunk, now);
      if (roomHere > room) {
        best = worker;
        room = roomHere;
      }
    }
    if (best) {
      // A tenant's batch is spread over the workers rather than piled onto the first.
      const count = Math.min(room, Math.ceil(tenant.jobs.length / ready.length));
      return { worker: best, tenant, count: countWithinCharLimit(tenant.jobs, count) };
    }
    // Its turn holds: the next worker to free up is its.
    if (mayTakeAnother) return undefined;
  }
  return undefined;
}

/** How many items of cost `cost` (undefined: unknown) the worker may be sent now. */
function roomFor(worker: WorkerLoad, cost: number | undefined, maxChunk: number, now: number): number {
  if (worker.assigned.length === 0) {
    return cost === undefined ? 1 : Math.min(maxChunk, Math.max(1, Math.floor(CHUNK_TARGET_MS / cost)));
  }
  if (cost === undefined || cost >= CHUNK_TARGET_MS) return 0;
  const busyFor = expectedBusyFor(worker, now);
  if (busyFor > REFILL_BELOW_MS) return 0;
  return Math.min(maxChunk, Math.floor((CHUNK_TARGET_MS - busyFor) / cost));
}

/** How long the worker is expected to stay busy with what it has; Infinity once its head runs late. */
function expectedBusyFor(worker: WorkerLoad, now: number): number {
  const head = worker.assigned[0];
  const ran = worker.started > 0 ? now - worker.headSince : 0;
  if (ran > head.expectedMs + CHUNK_TARGET_MS) return Number.POSITIVE_INFINITY;
  return worker.expectedMs - Math.min(ran, head.expectedMs);
}

function runsSlowItem(worker: WorkerLoad, now: number): boolean {
  const head = worker.assigned[0];
  if (!head) return false;
  return head.expectedMs >= SLOW_ITEM_MS || (worker.started > 0 && now - worker.headSince >= SLOW_ITEM_MS);
}

/** How many of `jobs` (at most `count`, at least one) fit in one chunk's characters. */
function countWithinCharLimit(jobs: readonly ScheduledItem[], count: number): number {
  let chars = jobs[0].request.response.length;
  let fit = 1;
  for (; fit < count; fit++) {
    chars += jobs[fit].request.response.length;
    if (chars > MAX_CHUNK_CHARS) break;
  }
  return fit;
}
