/**
 * A grading client over NATS (`rlvr.grade`, `rlvr.grade.batch`). A request that meets no responder or
 * no reply in time is sent again, so a replica that dies mid-request loses nothing: grading is a pure
 * function, so a repeat is harmless, and each request has its own reply inbox, so a late reply to an
 * abandoned attempt is never taken for another's.
 */
import { errors, type NatsConnection } from "@nats-io/transport-node";
import { mapLimited } from "../async/map-limited.ts";
import {
  GRADER_NATS,
  GradeBatchResponseSchema,
  MAX_BATCH_ITEMS,
  VerdictSchema,
} from "../contracts/grading.ts";
import { connectNats } from "../nats/connection.ts";
import { chunks, type GraderClient, GraderRequestError } from "./grader.ts";

export interface NatsGraderOptions {
  /** An open connection (kept open by close()), or a URL to connect to (closed by close()). */
  connection: NatsConnection | string;
  batchSize?: number;
  concurrency?: number;
  /** Milliseconds to wait for one reply before sending the request again. */
  requestTimeoutMs?: number;
  /** Tries per request, the first included. */
  attempts?: number;
}

export interface NatsGraderClient extends GraderClient {
  /** Sends `body` (JSON, or bytes as they are) to `subject` with retries; returns the reply's JSON. */
  request(subject: string, body: unknown): Promise<unknown>;
}

export async function natsGrader(options: NatsGraderOptions): Promise<NatsGraderClient> {
  const owned = typeof options.connection === "string";
  const nc =
    typeof options.connection === "string"
      ? await connectNats(options.connection, "rlvr-grader-client")
      : options.connection;
  const attempts = options.attempts ?? 5;
  const timeout = options.requestTimeoutMs ?? 60_000;

  async function request(subject: string, body: unknown): Promise<unknown> {
    const payload = body instanceof Uint8Array ? body : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await nc.request(subject, payload, { timeout });
        const failure = reply.headers?.get("Nats-Service-Error");
        if (!failure) return reply.json();
        const status = Number(reply.headers?.get("Nats-Service-Error-Code") || 500);
        const parsed = (() => {
          try {
            return reply.json<GraderRequestError["body"]>();
          } catch {
            return {};
          }
        })();
        throw new GraderRequestError(
          `grader refused the request: ${parsed.error ?? failure}`,
          status,
          parsed,
        );
      } catch (error) {
        if (!isRetryable(error) || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** (attempt - 1))));
      }
    }
  }

  return {
    request,
    async grade(item) {
      return VerdictSchema.parse(await request(GRADER_NATS.gradeSubject, item));
    },
    async gradeMany(items, batchOptions) {
      const batches = chunks(items, Math.min(options.batchSize ?? 256, MAX_BATCH_ITEMS));
      const replies = await mapLimited(batches, options.concurrency ?? 4, async (batch) => {
        const body = { items: batch, ...(batchOptions ? { options: batchOptions } : {}) };
        return GradeBatchResponseSchema.parse(await request(GRADER_NATS.batchSubject, body)).verdicts;
      });
      return replies.flat();
    },
    async close() {
      if (owned) await nc.close();
    },
  };
}

/** No reply in time, or nobody listening (every replica restarting): worth sending again. */
function isRetryable(error: unknown): boolean {
  return (
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoRespondersError ||
    (error instanceof errors.RequestError &&
      (error.isNoResponders() || error.cause instanceof errors.TimeoutError))
  );
}
