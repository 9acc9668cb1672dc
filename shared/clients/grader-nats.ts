/**
 * A grading client over NATS (`rlvr.grade.batch`). A request that meets no responder or no reply is
 * sent again, so a replica that dies mid-request loses nothing; grading is stateless, so a repeat is
 * harmless.
 */
import { errors, type NatsConnection } from "@nats-io/transport-node";
import { mapLimited } from "../async/map-limited.ts";
import {
  GRADER_NATS,
  GradeBatchResponseSchema,
  type GradeOptionsInput,
  type GradeRequest,
  MAX_BATCH_ITEMS,
  type Verdict,
} from "../contracts/grading.ts";
import { connectNats } from "../nats/connection.ts";
import { chunks, type GraderClient, GraderRequestError } from "./grader.ts";

export interface NatsGraderOptions {
  /** An open connection (kept open by close()), or a URL to connect to (closed by close()). */
  connection: NatsConnection | string;
  batchSize?: number;
  concurrency?: number;
  /** Milliseconds to wait for one batch's reply before sending it again. */
  requestTimeoutMs?: number;
  /** Attempts per batch (first try included). */
  attempts?: number;
}

export async function natsGrader(options: NatsGraderOptions): Promise<GraderClient> {
  const owned = typeof options.connection === "string";
  const nc =
    typeof options.connection === "string"
      ? await connectNats(options.connection, "rlvr-grader-client")
      : options.connection;
  const attempts = options.attempts ?? 5;
  const timeout = options.requestTimeoutMs ?? 60_000;

  async function gradeBatch(items: GradeRequest[], batchOptions?: GradeOptionsInput): Promise<Verdict[]> {
    const payload = JSON.stringify({ items, ...(batchOptions ? { options: batchOptions } : {}) });
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const reply = await nc.request(GRADER_NATS.batchSubject, payload, { timeout });
        const body = reply.json<{ error?: string; issues?: unknown[] }>();
        const failure = reply.headers?.get("Nats-Service-Error");
        if (failure) {
          const code = Number(reply.headers?.get("Nats-Service-Error-Code") ?? 500);
          if (code >= 400 && code < 500) {
            throw new GraderRequestError(
              `grader refused the batch: ${body.error ?? failure}`,
              code,
              body.issues,
            );
          }
          lastError = new Error(`grader failed: ${failure}`);
        } else {
          return GradeBatchResponseSchema.parse(body).verdicts;
        }
      } catch (error) {
        if (error instanceof GraderRequestError || !isRetryable(error)) throw error;
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** (attempt - 1))));
    }
    throw new Error(`no grader answered after ${attempts} attempts: ${String(lastError)}`);
  }

  return {
    async gradeMany(items, batchOptions) {
      const batches = chunks(items, Math.min(options.batchSize ?? 256, MAX_BATCH_ITEMS));
      return (await mapLimited(batches, options.concurrency ?? 4, (b) => gradeBatch(b, batchOptions))).flat();
    },
    async close() {
      if (owned) await nc.close();
    },
  };
}

function isRetryable(error: unknown): boolean {
  return (
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoRespondersError ||
    (error instanceof errors.RequestError &&
      (error.isNoResponders() || error.cause instanceof errors.TimeoutError))
  );
}
