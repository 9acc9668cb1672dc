import { checkAnswer } from "../../shared/checker/check.ts";
import { serveWorker } from "../../shared/pool/serve-worker.ts";
import { CRASH_WORKER, SPIN_FOREVER } from "./misbehaving-worker.ts";

/** Ends this worker: under Node only its thread, under Deno (where workers are processes) its process. */
const exitWorker = (globalThis as { Deno?: { exit(code: number): never } }).Deno?.exit ?? process.exit;

await serveWorker((request) => {
  if (request.response === SPIN_FOREVER) {
    while (true) {}
  }
  if (request.response === CRASH_WORKER) exitWorker(3);
  return checkAnswer(request);
});
