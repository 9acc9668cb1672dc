/**
 * Admission control, the same for both front-ends (HTTP and NATS): a request is refused at once, with a
 * hint of when to come back, rather than queued without bound.
 *
 * - the pool's queue: when the checks waiting for a worker plus the request's own would exceed
 *   `maxQueuedItems`, 503;
 * - one client's requests in flight (HTTP: a remote address; NATS: a client connection) beyond
 *   `maxRequestsPerClient`, 429;
 * - request bodies held in memory at once, across all requests, beyond `maxBodyBytesInFlight`, 503.
 *
 * A request that finds a resource unused is always admitted, however large, so that no request within
 * the per-request limits is refused forever.
 */
import { type Rejection, tryLater } from "../common/http/errors.ts";

export interface AdmissionLimits {
  maxQueuedItems: number;
  maxRequestsPerClient: number;
  maxBodyBytesInFlight: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxQueuedItems: 8_192,
  maxRequestsPerClient: 64,
  maxBodyBytesInFlight: 64 * 1024 * 1024,
};

/** The wait suggested to refused clients: long enough for a queue of checks to move on. */
const RETRY_AFTER_MS = 1_000;

export type Admitted = { ok: true; release(): void } | { ok: false; rejection: Rejection };

export type RefusalReason = "queue" | "client" | "body-bytes";

export interface AdmissionStats {
  requestsInFlight: number;
  bodyBytesInFlight: number;
  refused: Record<RefusalReason, number>;
}

export class Admission {
  private readonly perClient = new Map<string, number>();
  private requestsInFlight = 0;
  private bodyBytesInFlight = 0;
  private readonly refused: Record<RefusalReason, number> = { queue: 0, client: 0, "body-bytes": 0 };

  constructor(
    readonly limits: AdmissionLimits,
    /** Checks waiting for a worker (the pool's `queued`). */
    private readonly queuedItems: () => number,
  ) {}

  /**
   * A request from `client` (undefined when unknown: it is then limited only as a whole) that holds
   * `bodyBytes` in memory until `release()`, which must be called once it is answered.
   */
  enter(client: string | undefined, bodyBytes: number): Admitted {
    const held = client === undefined ? 0 : (this.perClient.get(client) ?? 0);
    if (held >= this.limits.maxRequestsPerClient) {
      this.refused.client++;
      return tryLater(
        429,
        `too many requests in flight from this client (at most ${this.limits.maxRequestsPerClient}): wait for some to be answered`,
        RETRY_AFTER_MS,
      );
    }
    if (this.bodyBytesInFlight > 0 && this.bodyBytesInFlight + bodyBytes > this.limits.maxBodyBytesInFlight) {
      this.refused["body-bytes"]++;
      return tryLater(
        503,
        `the grader is holding ${this.bodyBytesInFlight} bytes of requests (at most ${this.limits.maxBodyBytesInFlight}): try again shortly, or send smaller batches`,
        RETRY_AFTER_MS,
      );
    }
    if (client !== undefined) this.perClient.set(client, held + 1);
    this.requestsInFlight++;
    this.bodyBytesInFlight += bodyBytes;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.requestsInFlight--;
        this.bodyBytesInFlight -= bodyBytes;
        if (client === undefined) return;
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left > 0) this.perClient.set(client, left);
        else this.perClient.delete(client);
      },
    };
  }

  /** A 503 when `items` more checks would make the pool's queue too long; null when they may wait. */
  queueRefusal(items: number): Rejection | null {
    const queued = this.queuedItems();
    if (queued === 0 || queued + items <= this.limits.maxQueuedItems) return null;
    this.refused.queue++;
    return tryLater(
      503,
      `the grader is busy: ${queued} checks are waiting (at most ${this.limits.maxQueuedItems}); try again shortly or on another replica`,
      RETRY_AFTER_MS,
    ).rejection;
  }

  stats(): AdmissionStats {
    return {
      requestsInFlight: this.requestsInFlight,
      bodyBytesInFlight: this.bodyBytesInFlight,
      refused: { ...this.refused },
    };
  }
}
