/**
 * Grades suite cases with one version of the checker (any `shared/checker/check.ts` exporting
 * `checkAnswer`), in a worker thread with a per-case watchdog: a case that runs past the limit is
 * recorded as `hung` (not accepted) and grading resumes after it in a fresh worker. Used by the runner
 * and by the unit test, so neither can be stalled by one pathological input.
 */
import { Worker } from "node:worker_threads";
import type { SuiteCase } from "./schema.ts";

export interface CaseResult {
  index: number;
  /** The checker's verdict `correct`. */
  accepted: boolean;
  /** The verdict's status; `threw` when checkAnswer threw, `hung` when the watchdog stopped it. */
  status: string;
  extracted: string | null;
  reason: string | null;
  /** Time spent in checkAnswer. */
  ms: number;
}

export interface WorkerInput {
  checkPath: string;
  cases: Pick<SuiteCase, "response" | "gold" | "options">[];
  start: number;
  tsxApi: string;
  entry: string;
}

export interface GradeOptions {
  /** A case running longer than this is stopped and recorded as `hung`. */
  caseTimeoutMs?: number;
  /** Time allowed for the worker to import the checker. */
  startupTimeoutMs?: number;
}

const WORKER = new URL("./grade-worker.ts", import.meta.url);
const TSX_API = import.meta.resolve("tsx/esm/api");
const BOOTSTRAP = `const { workerData } = require("node:worker_threads");
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

export async function gradeCases(
  checkPath: string,
  cases: SuiteCase[],
  options: GradeOptions = {},
): Promise<CaseResult[]> {
  const caseTimeoutMs = options.caseTimeoutMs ?? 10_000;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const payload = cases.map((c) => ({ response: c.response, gold: c.gold, options: c.options }));
  const results: CaseResult[] = new Array(cases.length);
  let start = 0;
  while (start < cases.length) {
    start = await new Promise<number>((resolve, reject) => {
      let next = start;
      let started = false;
      // Node 20 ignores `--import tsx` for a worker's entry, so a bootstrap registers tsx first
      // (as shared/pool/runtime/node.ts does).
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: {
          checkPath,
          cases: payload,
          start,
          tsxApi: TSX_API,
          entry: WORKER.href,
        } satisfies WorkerInput,
      });
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (!started) {
            void worker.terminate();
            reject(new Error(`the checker at ${checkPath} did not load within ${ms} ms`));
            return;
          }
          results[next] = {
            index: next,
            accepted: false,
            status: "hung",
            extracted: null,
            reason: `no verdict within ${ms} ms`,
            ms,
          };
          void worker.terminate().then(() => resolve(next + 1));
        }, ms);
      };
      arm(startupTimeoutMs);
      worker.on("message", (message: CaseResult | "done") => {
        if (message === "done") {
          clearTimeout(timer);
          void worker.terminate().then(() => resolve(cases.length));
          return;
        }
        started = true;
        results[message.index] = message;
        next = message.index + 1;
        arm(caseTimeoutMs);
      });
      worker.on("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`grading worker failed on case ${next}: ${String(error)}`));
      });
    });
  }
  return results;
}
