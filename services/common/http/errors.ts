/**
 * Error replies of the services' APIs: one body shape over HTTP and NATS alike, rejections that carry
 * the HTTP status, and field errors taken from zod.
 */
import type { Context } from "hono";
import { z } from "zod";

/** The body of every error reply. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  /** Present when the request did not match the schema: one entry per problem. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /**
   * Present when the service is busy (429, 503): how long to wait before sending the request again, in
   * milliseconds. Over HTTP the `Retry-After` header says the same in whole seconds.
   */
  retryAfterMs: z.number().int().nonnegative().optional(),
});

export type ErrorBody = z.output<typeof ErrorBodySchema>;
export type Issue = NonNullable<ErrorBody["issues"]>[number];

/** `status` is an HTTP status code; over NATS it travels as the service error code. */
export interface Rejection extends ErrorBody {
  status: 400 | 401 | 404 | 409 | 413 | 415 | 429 | 503;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function reject(
  status: Rejection["status"],
  error: string,
  issues?: Issue[],
): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: issues ? { status, error, issues } : { status, error } };
}

/** A refusal because the service is busy or the caller must slow down: retrying later will succeed. */
export function tryLater(
  status: 429 | 503,
  error: string,
  retryAfterMs: number,
): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { status, error, retryAfterMs: Math.max(0, Math.round(retryAfterMs)) } };
}

/** The reply body of a rejection (its status travels separately). */
export function errorBody({ status: _, ...body }: Rejection): ErrorBody {
  return body;
}

/** The `Retry-After` value (whole seconds, rounded up) of a rejection that carries a retry hint. */
export function retryAfterSeconds(rejection: Rejection): string | undefined {
  return rejection.retryAfterMs === undefined ? undefined : String(Math.ceil(rejection.retryAfterMs / 1000));
}

export function replyRejection(c: Context, rejection: Rejection): Response {
  const headers: Record<string, string> = rejection.status === 401 ? { "WWW-Authenticate": "Bearer" } : {};
  const retryAfter = retryAfterSeconds(rejection);
  if (retryAfter !== undefined) headers["Retry-After"] = retryAfter;
  return c.json(errorBody(rejection), rejection.status, headers);
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: describe(issue) }));
}

/** zod's message for a union ("Invalid input") does not say what would have been valid. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue.message;
  const alternatives = issue.errors
    .map((branch) => branch[0]?.message)
    .filter((message) => message !== undefined);
  return `${issue.message}; none of the alternatives fits: ${[...new Set(alternatives)].join(" | ")}`;
}
