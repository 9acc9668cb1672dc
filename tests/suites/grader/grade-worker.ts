/**
 * Worker side of grade.ts: imports one version of the checker and grades cases from `start` on,
 * posting one message per case so the parent's watchdog can tell a slow case from a hung one.
 */

import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { CaseResult, WorkerInput } from "./grade.ts";

type CheckAnswer = (request: { response: string; gold: unknown; options?: unknown }) => {
  correct: boolean;
  status: string;
  extracted: string | null;
  reason?: string;
};

const input = workerData as WorkerInput;
const module = (await import(pathToFileURL(input.checkPath).href)) as { checkAnswer: CheckAnswer };

for (let index = input.start; index < input.cases.length; index++) {
  const item = input.cases[index]!;
  const started = performance.now();
  let result: CaseResult;
  try {
    const verdict = module.checkAnswer({
      response: item.response,
      gold: item.gold,
      ...(item.options ? { options: item.options } : {}),
    });
    result = {
      index,
      accepted: verdict.correct === true,
      status: verdict.status,
      extracted: verdict.extracted,
      reason: verdict.reason ?? null,
      ms: performance.now() - started,
    };
  } catch (error) {
    result = {
      index,
      accepted: false,
      status: "threw",
      extracted: null,
      reason: String(error),
      ms: performance.now() - started,
    };
  }
  parentPort!.postMessage(result);
}
parentPort!.postMessage("done");
