/**
 * A pool worker for tests that can be made to hang or crash on demand: pass `misbehavingWorkerUrl` as
 * the pool's `workerUrl` and use the marker responses below; every other request is graded normally.
 */
export const SPIN_FOREVER = "__test: spin forever__";
export const CRASH_WORKER = "__test: crash the worker__";

export const misbehavingWorkerUrl = new URL("./misbehaving-worker-entry.ts", import.meta.url);
