/** Entry point of a grading worker thread. */
import { checkAnswer } from "../checker/check.ts";
import { preloadMathjs } from "../checker/units/index.ts";
import { serveWorker } from "./serve-worker.ts";

// mathjs (unit conversions, a few hundred ms to load) is loaded right after "ready": start-up does not
// wait for it, and no check pays for it, since a chunk's clock starts when the worker starts the chunk.
await serveWorker(checkAnswer, preloadMathjs);
