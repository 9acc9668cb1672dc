/** What the pool needs from a JavaScript runtime, so that Deno and Node differ only in two adapters. */
import type { FromWorkerMessage, ToWorkerMessage } from "../protocol.ts";

export interface WorkerEvents {
  onMessage(message: FromWorkerMessage): void;
  /** The worker died (uncaught error, out of memory, exit); it will send nothing more. */
  onFailure(reason: string): void;
}

export interface WorkerThread {
  post(message: ToWorkerMessage): void;
  /** Stops the thread even in the middle of synchronous work. */
  terminate(): Promise<void>;
}

/** The worker's side of the channel. */
export interface ParentPort {
  onMessage(listener: (message: ToWorkerMessage) => void): void;
  post(message: FromWorkerMessage): void;
}

export interface WorkerRuntime {
  name: "deno" | "node";
  spawn(entry: URL, events: WorkerEvents): WorkerThread;
  cpuCount(): number;
  parentPort(): ParentPort;
}
