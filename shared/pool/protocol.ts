/** Messages between a grading pool and its workers. */
import type { GradeRequest, Verdict } from "../contracts/grading.ts";

/** Pool → worker: grade these items in order, posting one verdict per item as each finishes. */
export interface GradeChunkMessage {
  type: "grade";
  items: GradeRequest[];
}

export type ToWorkerMessage = GradeChunkMessage;

export type FromWorkerMessage =
  /** The worker has loaded the checker; the pool starts its clocks only after this. */
  { type: "ready" } | { type: "verdict"; verdict: Verdict };
