/** Entry point of a grading worker thread. */
import { checkAnswer } from "../checker/check.ts";
import { serveWorker } from "./serve-worker.ts";

await serveWorker(checkAnswer);
