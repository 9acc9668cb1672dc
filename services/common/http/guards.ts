/** What every route of a service's HTTP API goes through: request metrics, bearer auth, JSON bodies. */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { readBodyWithin } from "./body.ts";
import { type Outcome, reject, replyRejection } from "./errors.ts";

/**
 * Records each request under its route pattern, so that ids in paths do not make a series each;
 * requests that match no route count as "unmatched".
 */
export function requestMetrics(
  record: (labels: { route: string; code: string }, seconds: number) => void,
): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = matchedRoutes(c).findLast((r) => r.method !== "ALL")?.path ?? "unmatched";
    record({ route, code: String(c.res.status) }, (performance.now() - started) / 1000);
  };
}

/** When `token` is set, every route but `openRoutes` needs `Authorization: Bearer <token>`. */
export function bearerAuth(token: string | null, openRoutes: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (token === null || openRoutes.has(c.req.path)) return next();
    const given = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
    if (!sameSecret(given, token)) {
      return replyRejection(
        c,
        reject(401, "missing or wrong bearer token (Authorization: Bearer <token>)").rejection,
      );
    }
    return next();
  };
}

/** The body of a JSON request, refused (415, 413, 400) unless it is JSON and within `limitBytes`. */
export async function readJsonBody(c: Context, limitBytes: number): Promise<Outcome<Uint8Array>> {
  if (!isJson(c.req.header("content-type"))) {
    return reject(415, "send the body as JSON with `Content-Type: application/json`");
  }
  const body = await readBodyWithin(c.req.raw, limitBytes);
  if (body.ok) return { ok: true, value: body.bytes };
  return body.reason === "too-large"
    ? reject(413, `the request body is over the limit of ${limitBytes} bytes`)
    : reject(400, "the request body could not be read");
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** Compares in time independent of where the strings differ, so the token cannot be guessed byte by byte. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i];
  return difference === 0;
}
