/** What every route of a service's HTTP API goes through: request metrics, bearer auth, JSON bodies. */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { AuthThrottle } from "./auth-throttle.ts";
import { readBodyWithin } from "./body.ts";
import { type Outcome, reject, replyRejection, tryLater } from "./errors.ts";

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

/**
 * When `token` is set, every route but `openRoutes` needs `Authorization: Bearer <token>`. Wrong tokens
 * are throttled per remote address (see auth-throttle.ts): a locked-out address gets 429 with
 * `Retry-After` whatever token it sends.
 */
export function bearerAuth(
  token: string | null,
  openRoutes: ReadonlySet<string>,
  throttle = new AuthThrottle(),
): MiddlewareHandler {
  if (token === null) return (_c, next) => next();
  const expected = sha256(token);
  return async (c, next) => {
    if (openRoutes.has(c.req.path)) return next();
    const address = remoteAddress(c);
    const lockedForMs = throttle.lockedForMs(address);
    if (lockedForMs > 0) return replyRejection(c, tooManyWrongTokens(lockedForMs).rejection);
    const given = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (given !== undefined && sameBytes(await sha256(given), await expected)) {
      throttle.succeeded(address);
      return next();
    }
    // A request without a token is not a guess; a wrong one is.
    if (given !== undefined) throttle.failed(address);
    return replyRejection(
      c,
      reject(401, "missing or wrong bearer token (Authorization: Bearer <token>)").rejection,
    );
  };
}

function tooManyWrongTokens(lockedForMs: number) {
  return tryLater(
    429,
    `too many wrong bearer tokens from this address: locked out for ${Math.ceil(lockedForMs / 1000)} s`,
    lockedForMs,
  );
}

/**
 * The address the request came from, as the socket says (Deno.serve passes it as Hono's env); a proxy in
 * front makes every request come from the proxy. "unknown" where the runtime does not say.
 */
export function remoteAddress(c: Context): string {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname ?? "unknown";
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

/**
 * Tokens are compared as SHA-256 digests: equal-length values, compared without stopping at the first
 * difference, so neither where a guess goes wrong nor the token's length shows in the time taken.
 */
async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i]!;
  return difference === 0;
}
