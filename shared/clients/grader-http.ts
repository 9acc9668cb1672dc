/** A grading client over the HTTP API (`POST /v1/grade/batch`), for Deno, Node and browsers. */

import { mapLimited } from "../async/map-limited.ts";
import {
  GradeBatchResponseSchema,
  type GradeOptionsInput,
  type GradeRequest,
  MAX_BATCH_ITEMS,
  type Verdict,
  VerdictSchema,
} from "../contracts/grading.ts";
import { chunks, type GraderClient, GraderRequestError } from "./grader.ts";

export interface HttpGraderOptions {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  token?: string;
  /** Items per request (at most the service's 1,024). */
  batchSize?: number;
  /** Batches in flight at once. */
  concurrency?: number;
}

export function httpGrader(options: HttpGraderOptions): GraderClient {
  const endpoint = new URL("/v1/grade/batch", options.url).toString();
  const single = new URL("/v1/grade", options.url).toString();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function gradeBatch(items: GradeRequest[], batchOptions?: GradeOptionsInput): Promise<Verdict[]> {
    const response = await fetch(endpoint, {
      method: "POST",
      headers,
      body: JSON.stringify({ items, ...(batchOptions ? { options: batchOptions } : {}) }),
    });
    const body = (await response.json().catch(() => null)) as GraderRequestError["body"] | null;
    if (!response.ok) {
      const message = body?.error ?? `HTTP ${response.status}`;
      throw new GraderRequestError(`grader refused the batch: ${message}`, response.status, body ?? {});
    }
    return GradeBatchResponseSchema.parse(body).verdicts;
  }

  return {
    async grade(item) {
      const response = await fetch(single, { method: "POST", headers, body: JSON.stringify(item) });
      const body = (await response.json().catch(() => null)) as (GraderRequestError["body"] & object) | null;
      if (!response.ok) {
        throw new GraderRequestError(
          `grader refused the request: ${body?.error ?? response.status}`,
          response.status,
          body ?? {},
        );
      }
      return VerdictSchema.parse(body);
    },
    async gradeMany(items, batchOptions) {
      const batches = chunks(items, Math.min(options.batchSize ?? 256, MAX_BATCH_ITEMS));
      return (await mapLimited(batches, options.concurrency ?? 4, (b) => gradeBatch(b, batchOptions))).flat();
    },
    async close() {},
  };
}
