/**
 * A grading client over the HTTP API (`POST /v1/grade/batch`) of one grader or several replicas, for
 * Deno, Node and browsers.
 *
 * Grading is a pure function, so a request may be sent again freely: an attempt that cannot connect,
 * gets no answer within its deadline (retry-policy.ts) or finds the replica busy (429, 502, 503, 504) is
 * sent again, to the next replica, after the wait the replica asked for (`Retry-After`) or a backoff.
 * Other refusals (400, 401, 413…) are the request's fault and are thrown at once (GraderRequestError).
 */
import { mapLimited } from "../async/map-limited.ts";
import {
  GradeBatchResponseSchema,
  type GradeOptionsInput,
  MAX_BATCH_ITEMS,
  type Verdict,
} from "../contracts/grading.ts";
import { type GraderClient, GraderRequestError, GraderUnavailableError } from "./grader.ts";
import { attemptDeadlineMs, itemBudgetOf, parseRetryAfter, retryDelayMs } from "./retry-policy.ts";
import { type SizedBatch, sizedBatches } from "./sized-batches.ts";

export interface HttpGraderOptions {
  /**
   * A grader's URL, e.g. `http://127.0.0.1:8787`, or several replicas' (a list, or one string with
   * commas): requests go to them in turn and move on to the next when one fails.
   */
  url: string | readonly string[];
  token?: string;
  /** Items per request (at most the service's 1,024). */
  batchSize?: number;
  /** Bytes per request body, at most (the service takes up to 16 MiB). */
  batchBytes?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  /** Tries per batch, the first included. */
  attempts?: number;
}

/** Statuses that say "not now" rather than "not this request". */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;
const DEFAULT_ATTEMPTS = 8;
/** A replica that could not be reached is passed over for this long while another one is left. */
const UNREACHABLE_FOR_MS = 2_000;
/** A replica asking for a longer wait than this (e.g. a token lockout) ends the request instead. */
const MAX_RETRY_AFTER_MS = 30_000;

/** The replicas' base URLs from a URL, a comma-separated list of them, or a list. */
export function replicaUrls(url: string | readonly string[]): string[] {
  const urls = (typeof url === "string" ? url.split(",") : [...url]).map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) throw new Error("no grading service URL given");
  for (const u of urls) {
    if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol)) {
      throw new Error(`grading service URL ${JSON.stringify(u)} is not an http(s) URL`);
    }
  }
  return urls;
}

type Attempt =
  | { ok: true; verdicts: Verdict[] }
  | { ok: false; why: string; reachable: boolean; retryAfterMs?: number };

export function httpGrader(options: HttpGraderOptions): GraderClient {
  const replicas = new Replicas(replicaUrls(options.url));
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function attemptOn(replica: string, batch: SizedBatch, deadlineMs: number): Promise<Attempt> {
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(new URL("/v1/grade/batch", replica), {
        method: "POST",
        headers,
        body: batch.body,
        signal: AbortSignal.timeout(deadlineMs),
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (error) {
      return { ok: false, reachable: false, why: describeFailure(error, deadlineMs) };
    }
    const body = parseJson(text) as (GraderRequestError["body"] & { retryAfterMs?: number }) | null;
    if (status === 200) return { ok: true, verdicts: GradeBatchResponseSchema.parse(body).verdicts };
    const message = body?.error ?? `HTTP ${status}`;
    if (!RETRYABLE_STATUSES.has(status)) {
      throw new GraderRequestError(`grader ${replica} refused the batch: ${message}`, status, body ?? {});
    }
    const retryAfterMs = parseRetryAfter(retryAfter) ?? body?.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
      throw new GraderRequestError(
        `grader ${replica} asks to wait ${Math.ceil(retryAfterMs / 1000)} s: ${message}`,
        status,
        body ?? {},
      );
    }
    return { ok: false, reachable: true, why: `HTTP ${status}: ${message}`, retryAfterMs };
  }

  async function send(batch: SizedBatch, batchOptions?: GradeOptionsInput): Promise<Verdict[]> {
    const deadlineMs = attemptDeadlineMs(batch.items.length, itemBudgetOf(batch.items, batchOptions));
    const tried: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const replica = replicas.next();
      const outcome = await attemptOn(replica, batch, deadlineMs);
      if (outcome.ok) {
        replicas.answered(replica);
        return outcome.verdicts;
      }
      tried.push(`${replica}: ${outcome.why}`);
      if (!outcome.reachable) replicas.unreachable(replica);
      if (attempt >= attempts) throw unavailable(replicas.urls, tried);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, outcome.retryAfterMs)));
    }
  }

  async function gradeMany(
    items: Parameters<GraderClient["gradeMany"]>[0],
    batchOptions?: GradeOptionsInput,
  ) {
    const batches = sizedBatches(items, batchOptions, {
      maxItems: Math.min(options.batchSize ?? 256, MAX_BATCH_ITEMS),
      maxBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
    });
    return (await mapLimited(batches, options.concurrency ?? 4, (b) => send(b, batchOptions))).flat();
  }

  return {
    async grade(item) {
      const [verdict] = await gradeMany([item]);
      return verdict!;
    },
    gradeMany,
    async close() {},
  };
}

/** The error when every attempt failed: what was tried, and what to do about it. */
function unavailable(urls: readonly string[], tried: string[]): GraderUnavailableError {
  const distinct = [...new Set(tried)];
  const busy = tried.every((line) => / HTTP \d+:/.test(line));
  const advice = busy
    ? "The grading service stayed busy: try again later, send smaller batches (--batch-size), or add replicas."
    : "Is the grading service running? Start it with `npm run stack:up` (`rlvr stack up`), or give its URL with --grader-url or GRADER_URL (comma-separated for several replicas).";
  return new GraderUnavailableError(
    `no answer from the grading service over HTTP at ${urls.join(", ")} after ${tried.length} tries:\n  ${distinct.join("\n  ")}\n${advice}`,
    tried,
  );
}

function describeFailure(error: unknown, deadlineMs: number): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === "TimeoutError") return `no answer within ${deadlineMs} ms`;
  const detail = failure.cause?.code ?? failure.cause?.message ?? failure.message;
  return `could not connect or the connection broke (${detail})`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The replicas in turn, passing over for a while one that could not be reached, so that a dead replica
 * costs its requests one failed attempt each rather than half of all attempts.
 */
class Replicas {
  private turn = 0;
  private readonly unreachableUntil = new Map<string, number>();

  constructor(readonly urls: readonly string[]) {}

  next(): string {
    const now = Date.now();
    for (let i = 0; i < this.urls.length; i++) {
      const url = this.urls[this.turn++ % this.urls.length]!;
      if ((this.unreachableUntil.get(url) ?? 0) <= now) return url;
    }
    // All of them failed lately: try them in turn anyway.
    return this.urls[this.turn++ % this.urls.length]!;
  }

  unreachable(url: string): void {
    this.unreachableUntil.set(url, Date.now() + UNREACHABLE_FOR_MS);
  }

  answered(url: string): void {
    this.unreachableUntil.delete(url);
  }
}
