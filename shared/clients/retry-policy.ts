/**
 * How grading clients (NATS and HTTP) time their attempts. Grading is a pure function, so a request may
 * be sent again freely; what matters is not to wait long on a replica that died with the request in
 * hand, and not to hammer a replica that said it is full.
 */
import { DEFAULT_TIMEOUT_MS, type GradeOptionsInput, type GradeRequest } from "../contracts/grading.ts";

/** What a healthy replica needs beyond the items' budgets: transport, decoding, a turn in its pool. */
const ATTEMPT_OVERHEAD_MS = 1_000;
/** Allowance per item of a batch: grading takes about a millisecond an item; this covers a busy replica. */
const PER_ITEM_MS = 10;
const MAX_BACKOFF_MS = 2_000;

/**
 * How long one attempt of a request of `items` items may go unanswered before the client sends it
 * again (to another replica): a replica that died holding it then costs one deadline, not the
 * request's whole timeout.
 */
export function attemptDeadlineMs(items: number, itemBudgetMs = DEFAULT_TIMEOUT_MS): number {
  return ATTEMPT_OVERHEAD_MS + 2 * itemBudgetMs + items * PER_ITEM_MS;
}

/** The largest per-item budget a request asks for (the default where it names none). */
export function itemBudgetOf(items: readonly GradeRequest[], options?: GradeOptionsInput): number {
  let budget = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  for (const item of items) budget = Math.max(budget, item.options?.timeoutMs ?? 0);
  return budget;
}

/**
 * The wait before retry number `retry` (1 for the first): what the server asked for with Retry-After,
 * else exponential backoff with full jitter.
 */
export function retryDelayMs(retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return retryAfterMs;
  }
  const ceiling = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A Retry-After value (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
