/** The HTTP front-end: routes, content-type and size checks, auth, metrics; grading is the pipeline's. */
import { type Context, Hono } from "hono";
import type { GraderMetrics } from "../metrics.ts";
import { errorBody, type GradingPipeline, type Outcome, type Rejection, reject } from "../pipeline.ts";
import { readBodyWithin } from "./body.ts";
import { renderDocsPage } from "./docs-page.ts";
import { BATCH_BODY_LIMIT_BYTES, SINGLE_BODY_LIMIT_BYTES } from "./limits.ts";
import type { OpenApiDocument } from "./openapi.ts";

export interface HttpAppOptions {
  pipeline: GradingPipeline;
  metrics: GraderMetrics;
  openApi: OpenApiDocument;
  /** When set, every route but /healthz needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** Fields /healthz reports beside `status`, e.g. ready workers and whether NATS is being served. */
  health: () => Record<string, unknown>;
}

const OPEN_ROUTES = new Set(["/healthz"]);

function replyRejection(c: Context, rejection: Rejection): Response {
  const headers: Record<string, string> = rejection.status === 401 ? { "WWW-Authenticate": "Bearer" } : {};
  return c.json(errorBody(rejection), rejection.status, headers);
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

function gradeHandler<T>(limitBytes: number, grade: (body: Uint8Array) => Promise<Outcome<T>>) {
  return async (c: Context): Promise<Response> => {
    if (!isJson(c.req.header("content-type"))) {
      return replyRejection(
        c,
        reject(415, "send the body as JSON with `Content-Type: application/json`").rejection,
      );
    }
    const body = await readBodyWithin(c.req.raw, limitBytes);
    if (!body.ok) {
      return replyRejection(
        c,
        body.reason === "too-large"
          ? reject(413, `the request body is over the limit of ${limitBytes} bytes`).rejection
          : reject(400, "the request body could not be read").rejection,
      );
    }
    const outcome = await grade(body.bytes);
    return outcome.ok ? c.json(outcome.value as object) : replyRejection(c, outcome.rejection);
  };
}

export function createHttpApp({ pipeline, metrics, openApi, token, health }: HttpAppOptions): Hono {
  const app = new Hono();
  const routes = new Set(Object.keys(openApi.paths));

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = routes.has(c.req.path) ? c.req.path : "unmatched";
    metrics.recordRequest(
      { transport: "http", route, code: String(c.res.status) },
      (performance.now() - started) / 1000,
    );
  });

  app.use(async (c, next) => {
    if (token === null || OPEN_ROUTES.has(c.req.path)) return next();
    const given = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
    if (!sameSecret(given, token)) {
      return replyRejection(
        c,
        reject(401, "missing or wrong bearer token (Authorization: Bearer <token>)").rejection,
      );
    }
    return next();
  });

  app.post(
    "/v1/grade",
    gradeHandler(SINGLE_BODY_LIMIT_BYTES, (body) => pipeline.gradeOne(body)),
  );
  app.post(
    "/v1/grade/batch",
    gradeHandler(BATCH_BODY_LIMIT_BYTES, (body) => pipeline.gradeBatch(body)),
  );
  app.get("/healthz", (c) => c.json({ status: "ok", ...health() }));
  app.get("/metrics", (c) => c.text(metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }));
  app.get("/openapi.json", (c) => c.json(openApi));
  app.get("/docs", (c) => c.html(renderDocsPage(openApi, new URL(c.req.url).origin)));

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}; see /docs` }, 404));
  app.onError((error, c) => {
    console.error(`grader: unhandled error on ${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
