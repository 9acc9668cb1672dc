/** What every grading client offers, whatever carries the requests. */
import type { GradeOptionsInput, GradeRequest, Verdict } from "../contracts/grading.ts";

export interface GraderClient {
  /** Grades one item (the single-item endpoint). */
  grade(request: GradeRequest): Promise<Verdict>;
  /** Grades the items, in order; any number of items (clients split them into batches). */
  gradeMany(items: GradeRequest[], options?: GradeOptionsInput): Promise<Verdict[]>;
  close(): Promise<void>;
}

/** The service refused a request (4xx), or asked for a wait too long to retry it. */
export class GraderRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: {
      error?: string;
      issues?: { path: string; message: string }[];
      /** On 429 and 503: how long the service asks the client to wait before trying again. */
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = "GraderRequestError";
  }
}

/**
 * No replica answered within the request's overall limit (none serving, the connection down, or every
 * one busy): retrying later may help. `tried` says what happened at each attempt, where it is known.
 */
export class GraderUnavailableError extends Error {
  constructor(
    message: string,
    readonly tried: string[] = [],
  ) {
    super(message);
    this.name = "GraderUnavailableError";
  }
}

/** Splits `items` into consecutive slices of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
