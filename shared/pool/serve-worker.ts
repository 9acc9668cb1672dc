/** The worker's side of the pool protocol, shared by the production worker and test workers. */
import { failedVerdict } from "../checker/check.ts";
import type { GradeRequest, Verdict } from "../contracts/grading.ts";
import { currentRuntime } from "./runtime/index.ts";

export type GradeFunction = (request: GradeRequest) => Verdict;

/** A check that takes the checker's common path: extraction, parsing, exact comparison. */
const WARM_UP: GradeRequest = { response: "so the answer is \\boxed{\\frac{1}{2}}", gold: "0.5" };

/**
 * `afterReady` runs once the pool has been told the worker is ready and before any chunk is read (the
 * thread is busy until it returns): the place for a slow optional load that must neither delay start-up
 * nor run inside a check's budget, since a chunk's clock starts only when the worker starts it.
 */
export async function serveWorker(grade: GradeFunction, afterReady?: () => void): Promise<void> {
  const port = (await currentRuntime()).parentPort();
  port.onMessage((message) => {
    // The pool starts the first item's clock on this, so that sending and decoding a chunk of large
    // responses is not charged to the check.
    port.post({ type: "started" });
    for (const item of message.items) {
      // Posting each verdict as soon as it exists lets the pool restart its per-item clock.
      port.post({ type: "verdict", verdict: gradeSafely(grade, item) });
    }
  });
  // A fresh checker's first check is slow (lazy initialisation, cold code): paid before "ready", it
  // counts against no item's budget and delays no caller, also after each restart of a worker.
  gradeSafely(grade, WARM_UP);
  port.post({ type: "ready" });
  afterReady?.();
}

function gradeSafely(grade: GradeFunction, request: GradeRequest): Verdict {
  const started = performance.now();
  try {
    return grade(request);
  } catch (error) {
    return failedVerdict("error", `checker error: ${String(error)}`, performance.now() - started);
  }
}
