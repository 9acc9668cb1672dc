/** The HTTP front-end: routes, content-type and size checks, auth, metrics; grading is the pipeline's. */
import { type Context, Hono } from "hono";
import { BATCH_BODY_LIMIT_BYTES, SINGLE_BODY_LIMIT_BYTES } from "../../../shared/contracts/grading.ts";
import { OPENRLHF_BODY_LIMIT_BYTES } from "../../../shared/contracts/openrlhf.ts";
import { type Outcome, replyRejection } from "../../common/http/errors.ts";
import { bearerAuth, readJsonBody, remoteAddress, requestMetrics } from "../../common/http/guards.ts";
import { renderDocsPage } from "../../common/openapi/docs-page.ts";
import type { OpenApiDocument } from "../../common/openapi/document.ts";
import type { Admission } from "../admission.ts";
import type { GraderMetrics } from "../metrics.ts";
import type { GradingPipeline } from "../pipeline.ts";
import { gradeOpenRlhfRewards, replyOpenRlhfRewards } from "./openrlhf.ts";

export interface HttpAppOptions {
  pipeline: GradingPipeline;
  admission: Admission;
  metrics: GraderMetrics;
  openApi: OpenApiDocument;
  /** When set, every route but /healthz needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** Fields /healthz reports beside `status`, e.g. ready workers and whether NATS is being served. */
  health: () => Record<string, unknown>;
}

/**
 * A grading route: admitted (see admission.ts) before its body is read, holding the body's bytes and its
 * client's turn until it is answered.
 */
function gradeHandler<T extends object>(
  admission: Admission,
  limitBytes: number,
  grade: (body: Uint8Array) => Promise<Outcome<T>>,
  reply: (c: Context, value: T) => Response = (c, value) => c.json(value),
) {
  return async (c: Context): Promise<Response> => {
    const admitted = admission.enter(`http:${remoteAddress(c)}`, expectedBodyBytes(c, limitBytes));
    if (!admitted.ok) return replyRejection(c, admitted.rejection);
    try {
      const body = await readJsonBody(c, limitBytes);
      if (!body.ok) return replyRejection(c, body.rejection);
      const outcome = await grade(body.value);
      return outcome.ok ? reply(c, outcome.value) : replyRejection(c, outcome.rejection);
    } finally {
      admitted.release();
    }
  };
}

/** The declared length, or the route's limit for a body streamed without one (it may grow that far). */
function expectedBodyBytes(c: Context, limitBytes: number): number {
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  return Number.isInteger(declared) && declared >= 0 ? Math.min(declared, limitBytes) : limitBytes;
}

export function createHttpApp({
  pipeline,
  admission,
  metrics,
  openApi,
  token,
  health,
}: HttpAppOptions): Hono {
  const app = new Hono();
  app.use(
    requestMetrics((labels, seconds) => metrics.recordRequest({ transport: "http", ...labels }, seconds)),
  );
  app.use(bearerAuth(token, new Set(["/healthz"])));

  // Each HTTP request is a tenant of its own in the pool (see pipeline.ts).
  app.post(
    "/v1/grade",
    gradeHandler(admission, SINGLE_BODY_LIMIT_BYTES, (body) => pipeline.gradeOne(body)),
  );
  app.post(
    "/v1/grade/batch",
    gradeHandler(admission, BATCH_BODY_LIMIT_BYTES, (body) => pipeline.gradeBatch(body)),
  );
  app.post(
    "/v1/openrlhf/reward",
    gradeHandler(
      admission,
      OPENRLHF_BODY_LIMIT_BYTES,
      (body) => gradeOpenRlhfRewards(pipeline, body),
      replyOpenRlhfRewards,
    ),
  );
  app.get("/healthz", (c) => c.json({ status: "ok", ...health() }));
  app.get("/metrics", (c) => c.text(metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }));
  app.get("/openapi.json", (c) => c.json(openApi));
  app.get("/docs", (c) => c.html(renderDocsPage(openApi, new URL(c.req.url).origin, "GRADER_TOKEN")));

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}; see /docs` }, 404));
  app.onError((error, c) => {
    console.error(`grader: unhandled error on ${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
