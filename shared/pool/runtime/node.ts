/** Node adapter: `node:worker_threads`, with tsx loaded into workers whose entry is TypeScript. */
import { availableParallelism } from "node:os";
import { parentPort as nodeParentPort, Worker, type WorkerOptions } from "node:worker_threads";
import type { FromWorkerMessage, ToWorkerMessage } from "../protocol.ts";
import type { ParentPort, WorkerEvents, WorkerRuntime, WorkerThread } from "./types.ts";

/**
 * Node 20 ignores `--import tsx` in a worker's execArgv when loading the worker's entry, so a TypeScript
 * entry is reached through this bootstrap, which registers tsx's loader first. tsx is resolved here, to
 * an absolute URL, so that the pool works from any working directory.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** A runaway check dies alone (the pool sees a crash) instead of taking the whole process's memory. */
const resourceLimits = { maxOldGenerationSizeMb: 1024 };

/** A worker thread running `entry`, a TypeScript module too (the learner's data-parallel workers use it). */
export function startWorker(entry: URL, options: WorkerOptions = { resourceLimits }): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, options);
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    ...options,
    eval: true,
    workerData: { tsxApi: import.meta.resolve("tsx/esm/api"), entry: entry.href },
  });
}

function spawn(entry: URL, events: WorkerEvents): WorkerThread {
  const worker = startWorker(entry);
  let terminating = false;
  worker.on("message", (message: FromWorkerMessage) => events.onMessage(message));
  worker.on("error", (error) => events.onFailure(`worker error: ${String(error)}`));
  worker.on("exit", (code) => {
    if (!terminating) events.onFailure(`worker exited with code ${code}`);
  });
  return {
    post: (message) => worker.postMessage(message),
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
  };
}

function parentPort(): ParentPort {
  const port = nodeParentPort;
  if (!port) throw new Error("not running inside a worker thread");
  return {
    onMessage: (listener) => port.on("message", (message: ToWorkerMessage) => listener(message)),
    post: (message) => port.postMessage(message),
  };
}

export const nodeRuntime: WorkerRuntime = { name: "node", spawn, cpuCount: availableParallelism, parentPort };
