/** The worker's side of the pool protocol, shared by the production worker and test workers. */
import { failedVerdict } from "../checker/check.ts";
import type { GradeRequest, Verdict } from "../contracts/grading.ts";
import { currentRuntime } from "./runtime/index.ts";

export type GradeFunction = (request: GradeRequest) => Verdict;

export async function serveWorker(grade: GradeFunction): Promise<void> {
  const port = (await currentRuntime()).parentPort();
  port.onMessage((message) => {
    for (const item of message.items) {
      // Posting each verdict as soon as it exists lets the pool restart its per-item clock.
      port.post({ type: "verdict", verdict: gradeSafely(grade, item) });
    }
  });
  port.post({ type: "ready" });
}

function gradeSafely(grade: GradeFunction, request: GradeRequest): Verdict {
  const started = performance.now();
  try {
    return grade(request);
  } catch (error) {
    return failedVerdict("error", `checker error: ${String(error)}`, performance.now() - started);
  }
}
