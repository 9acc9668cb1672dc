import { checkAnswer } from "../../shared/checker/check.ts";
import { serveWorker } from "../../shared/pool/serve-worker.ts";
import { ANSWER_AT_ONCE, CRASH_WORKER, SPIN_FOREVER, sleepRequested } from "./misbehaving-worker.ts";

/** Ends this worker: under Node only its thread, under Deno (where workers are processes) its process. */
const exitWorker = (globalThis as { Deno?: { exit(code: number): never } }).Deno?.exit ?? process.exit;

/** Blocks the thread, as a slow check does. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Graded once here, so that answering at once does not even wait for the checker's first (cold) run. */
const answeredAtOnce = { ...checkAnswer({ response: "\\boxed{1}", gold: "1" }), elapsedMs: 0 };

await serveWorker((request) => {
  if (request.response === SPIN_FOREVER) {
    while (true) {}
  }
  if (request.response === CRASH_WORKER) exitWorker(3);
  if (request.response.startsWith(ANSWER_AT_ONCE)) return answeredAtOnce;
  const sleep = sleepRequested(request.response);
  if (sleep) {
    const started = performance.now();
    Atomics.wait(sleeper, 0, 0, sleep.ms);
    return { ...checkAnswer({ ...request, response: sleep.rest }), elapsedMs: performance.now() - started };
  }
  return checkAnswer(request);
});
