/**
 * A grading client over NATS (`rlvr.grade`, `rlvr.grade.batch`). Each attempt of a request has a
 * deadline from the items' time budgets (retry-policy.ts); past it the request is sent again while the
 * earlier attempts' replies are still awaited (nats-hedged-requests.ts), so a replica that dies with a
 * request in hand costs one deadline and loses nothing, and a nats-server restart costs the time it
 * takes. Grading is a pure function, so a repeat is harmless.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import { mapLimited } from "../async/map-limited.ts";
import {
  GRADER_NATS,
  GradeBatchRequestSchema,
  GradeBatchResponseSchema,
  GradeRequestSchema,
  MAX_BATCH_ITEMS,
  VerdictSchema,
} from "../contracts/grading.ts";
import { connectNats } from "../nats/connection.ts";
import { chunks, type GraderClient } from "./grader.ts";
import { hedgedRequester } from "./nats-hedged-requests.ts";
import { attemptDeadlineMs, itemBudgetOf } from "./retry-policy.ts";

export interface NatsGraderOptions {
  /** An open connection (kept open by close()), or a URL to connect to (closed by close()). */
  connection: NatsConnection | string;
  batchSize?: number;
  concurrency?: number;
  /**
   * How long one request may go unanswered in all, attempts and pauses included, before it fails with
   * GraderUnavailableError (default 120 s): long enough to ride out a nats-server or grader restart.
   */
  totalTimeoutMs?: number;
}

export interface NatsGraderClient extends GraderClient {
  /** Sends `body` (JSON, or bytes as they are) to `subject` with retries; returns the reply's JSON. */
  request(subject: string, body: unknown): Promise<unknown>;
}

export const DEFAULT_TOTAL_TIMEOUT_MS = 120_000;

export async function natsGrader(options: NatsGraderOptions): Promise<NatsGraderClient> {
  const owned = typeof options.connection === "string";
  const nc =
    typeof options.connection === "string"
      ? await connectNats(options.connection, "rlvr-grader-client")
      : options.connection;
  const requester = hedgedRequester(nc, options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);

  async function send(subject: string, body: unknown, deadlineMs: number): Promise<unknown> {
    const payload = body instanceof Uint8Array ? body : JSON.stringify(body);
    return (await requester.request(subject, payload, deadlineMs)).json();
  }

  return {
    request: (subject, body) => send(subject, body, attemptDeadlineOf(body)),
    async grade(item) {
      const deadline = attemptDeadlineMs(1, itemBudgetOf([item]));
      return VerdictSchema.parse(await send(GRADER_NATS.gradeSubject, item, deadline));
    },
    async gradeMany(items, batchOptions) {
      const batches = chunks(items, Math.min(options.batchSize ?? 256, MAX_BATCH_ITEMS));
      const replies = await mapLimited(batches, options.concurrency ?? 4, async (batch) => {
        const body = { items: batch, ...(batchOptions ? { options: batchOptions } : {}) };
        const deadline = attemptDeadlineMs(batch.length, itemBudgetOf(batch, batchOptions));
        return GradeBatchResponseSchema.parse(await send(GRADER_NATS.batchSubject, body, deadline)).verdicts;
      });
      return replies.flat();
    },
    async close() {
      requester.close();
      if (owned) await nc.close();
    },
  };
}

/** The attempt deadline for a body given as it is: a batch's, one item's, or (malformed) one item's default. */
function attemptDeadlineOf(body: unknown): number {
  const batch = GradeBatchRequestSchema.safeParse(body);
  if (batch.success) {
    const { items, options } = batch.data;
    return attemptDeadlineMs(items.length, itemBudgetOf(items, options));
  }
  const item = GradeRequestSchema.safeParse(body);
  return attemptDeadlineMs(1, item.success ? itemBudgetOf([item.data]) : undefined);
}
