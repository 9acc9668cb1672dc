/**
 * A pool worker for tests that can be made to hang, crash, sleep or skip the checker on demand: pass
 * `misbehavingWorkerUrl` as the pool's `workerUrl` and use the marker responses below; every other
 * request is graded normally.
 */
export const SPIN_FOREVER = "__test: spin forever__";
export const CRASH_WORKER = "__test: crash the worker__";
/** A response starting with this is answered at once, correct for gold "1", without being read. */
export const ANSWER_AT_ONCE = "__test: answer at once__";

const SLEEP = /^__test: sleep (\d+) ms__/;

/** A response that makes the worker sleep `ms` (the check's own time), then grade `rest` normally. */
export function sleepThen(ms: number, rest: string): string {
  return `__test: sleep ${ms} ms__${rest}`;
}

/** What `sleepThen` asked for: the sleep and the rest, or null for any other response. */
export function sleepRequested(response: string): { ms: number; rest: string } | null {
  const match = SLEEP.exec(response);
  return match ? { ms: Number(match[1]), rest: response.slice(match[0].length) } : null;
}

export const misbehavingWorkerUrl = new URL("./misbehaving-worker-entry.ts", import.meta.url);

/** A worker that is ready but never starts what it is sent (see never-starting-worker-entry.ts). */
export const neverStartingWorkerUrl = new URL("./never-starting-worker-entry.ts", import.meta.url);
