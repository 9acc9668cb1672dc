/** Messages between a grading pool and its workers. */
import type { GradeRequest, Verdict } from "../contracts/grading.ts";

/**
 * Pool → worker: grade these items in order. The worker says when it starts the chunk, then posts one
 * verdict per item as each finishes.
 */
export interface GradeChunkMessage {
  type: "grade";
  items: GradeRequest[];
}

export type ToWorkerMessage = GradeChunkMessage;

export type FromWorkerMessage =
  /** The worker has loaded the checker; the pool starts its clocks only after this. */
  | { type: "ready" }
  /** The worker has received and decoded the next chunk and starts its first item now. */
  | { type: "started" }
  | { type: "verdict"; verdict: Verdict };
