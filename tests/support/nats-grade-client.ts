/**
 * A NATS client for the grading service that survives a replica dying mid-request: a request that gets
 * no reply in time, or finds no responder (all replicas restarting), is sent again. Grading is a pure
 * function, so a repeated request is harmless, and each request has its own reply inbox, so a late
 * reply to an abandoned attempt is never mistaken for another's. Meant to become the shared NATS client.
 */
import { type NatsConnection, NoRespondersError, RequestError, TimeoutError } from "@nats-io/transport-node";
import {
  type GradeBatchRequest,
  GradeBatchResponseSchema,
  type GradeRequest,
  type Verdict,
  VerdictSchema,
} from "../../shared/contracts/grading.ts";

export const GRADE_SUBJECT = "rlvr.grade";
export const GRADE_BATCH_SUBJECT = "rlvr.grade.batch";

export interface NatsGradeClientOptions {
  /** How long to wait for one reply before trying again. */
  timeoutMs?: number;
  /** Tries per request, the first included. */
  attempts?: number;
  /** Wait before a retry, doubled each time. */
  retryDelayMs?: number;
}

/** The service answered with an error (a bad request, say): retrying would not help. */
export class GradeServiceError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly body: { error: string; issues?: { path: string; message: string }[] },
  ) {
    super(message);
    this.name = "GradeServiceError";
  }
}

export class NatsGradeClient {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  /** Requests that were sent again, for tests and logs. */
  retries = 0;

  constructor(
    private readonly nc: NatsConnection,
    options: NatsGradeClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = options.attempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  async grade(request: GradeRequest): Promise<Verdict> {
    return VerdictSchema.parse(await this.request(GRADE_SUBJECT, request));
  }

  async gradeBatch(batch: GradeBatchRequest): Promise<Verdict[]> {
    return GradeBatchResponseSchema.parse(await this.request(GRADE_BATCH_SUBJECT, batch)).verdicts;
  }

  /** Sends `body` as JSON (bytes as they are, e.g. to send what the contract refuses); returns the reply's JSON. */
  async request(subject: string, body: unknown): Promise<unknown> {
    const payload = body instanceof Uint8Array ? body : new TextEncoder().encode(JSON.stringify(body));
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.nc.request(subject, payload, { timeout: this.timeoutMs });
        const code = reply.headers?.get("Nats-Service-Error-Code");
        if (code) {
          const message = reply.headers?.get("Nats-Service-Error") ?? "error";
          throw new GradeServiceError(Number(code), message, reply.json());
        }
        return reply.json();
      } catch (error) {
        if (!isWorthRetrying(error) || attempt >= this.attempts) throw error;
        this.retries++;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}

function isWorthRetrying(error: unknown): boolean {
  if (error instanceof TimeoutError || error instanceof NoRespondersError) return true;
  if (error instanceof RequestError) return error.isNoResponders() || error.cause instanceof TimeoutError;
  return false;
}
