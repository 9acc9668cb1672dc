/** The HTTP front-end: submitting jobs and reading their status and reports; the jobs are NATS's. */
import { type Context, Hono } from "hono";
import { EvaluationRequestSchema, type EvaluationStatus } from "../../../shared/contracts/evaluation.ts";
import { readStatus, submitEvaluation } from "../../../shared/evaluation/jobs/client.ts";
import type { EvaluationJobStore } from "../../../shared/evaluation/jobs/infrastructure.ts";
import { evaluationHtml, evaluationMarkdown } from "../../../shared/reports/evaluation-report.ts";
import { decodeJson } from "../../common/http/decode.ts";
import { reject, replyRejection, tryLater } from "../../common/http/errors.ts";
import { bearerAuth, readJsonBody, requestMetrics } from "../../common/http/guards.ts";
import { renderDocsPage } from "../../common/openapi/docs-page.ts";
import type { OpenApiDocument } from "../../common/openapi/document.ts";
import type { EvaluatorMetrics } from "../metrics.ts";
import { admissionProblem, queueRefusal } from "./admission.ts";
import { SUBMIT_BODY_LIMIT_BYTES } from "./limits.ts";

export interface HttpAppOptions {
  /** The job store, or null while NATS is not connected yet. */
  store: () => EvaluationJobStore | null;
  dataDir: string;
  metrics: EvaluatorMetrics;
  openApi: OpenApiDocument;
  /** When set, every route but /healthz needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** Jobs queued or running beyond which new ones are refused (503). */
  maxPendingJobs: number;
  /** Whether jobs are being taken from the queue, and what /healthz reports beside `status`. */
  health: () => { ready: boolean } & Record<string, unknown>;
}

const NOT_CONNECTED = tryLater(
  503,
  "the evaluator is not connected to NATS yet; try again shortly",
  1_000,
).rejection;

export function createHttpApp({
  store,
  dataDir,
  metrics,
  openApi,
  token,
  maxPendingJobs,
  health,
}: HttpAppOptions): Hono {
  const app = new Hono();
  app.use(requestMetrics((labels, seconds) => metrics.recordRequest(labels, seconds)));
  app.use(bearerAuth(token, new Set(["/healthz"])));

  app.post("/v1/evaluations", async (c) => {
    const jobs = store();
    if (!jobs) return replyRejection(c, NOT_CONNECTED);
    // Before the body is read: a full queue should not cost reading up to the body limit.
    const full = await queueRefusal(jobs, maxPendingJobs);
    if (full) return replyRejection(c, full);
    const body = await readJsonBody(c, SUBMIT_BODY_LIMIT_BYTES);
    if (!body.ok) return replyRejection(c, body.rejection);
    const request = decodeJson(body.value, EvaluationRequestSchema);
    if (!request.ok) return replyRejection(c, request.rejection);
    const problem = await admissionProblem(jobs, dataDir, request.value);
    if (problem) return replyRejection(c, problem);
    const id = await submitEvaluation(jobs, request.value, { recordQueued: true });
    const status = `/v1/evaluations/${id}`;
    return c.json({ id, status }, 202, { Location: status });
  });

  const withStatus = (answer: (c: Context, status: EvaluationStatus) => Response) => async (c: Context) => {
    const jobs = store();
    if (!jobs) return replyRejection(c, NOT_CONNECTED);
    const id = c.req.param("id") ?? "";
    const status = await readStatus(jobs, id);
    if (!status) return replyRejection(c, reject(404, `no evaluation job ${JSON.stringify(id)}`).rejection);
    return answer(c, status);
  };
  const withResult = (render: (c: Context, status: EvaluationStatus) => Response) =>
    withStatus((c, status) => {
      if (status.state === "done" && status.result) return render(c, status);
      const why = status.state === "failed" ? `it failed: ${status.error}` : `it is ${status.state}`;
      return replyRejection(c, reject(409, `job ${status.id} has no report: ${why}`).rejection);
    });

  app.get(
    "/v1/evaluations/:id",
    withStatus((c, status) => c.json(status)),
  );
  app.get(
    "/v1/evaluations/:id/report.html",
    withResult((c, status) => c.html(evaluationHtml(status.result!, status.title))),
  );
  app.get(
    "/v1/evaluations/:id/report.md",
    withResult((c, status) =>
      c.text(evaluationMarkdown(status.result!, status.title), 200, {
        "Content-Type": "text/markdown; charset=UTF-8",
      }),
    ),
  );
  app.get("/healthz", (c) => {
    const { ready, ...details } = health();
    return c.json({ status: ready ? "ok" : "starting", ...details }, ready ? 200 : 503);
  });
  app.get("/metrics", (c) => c.text(metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }));
  app.get("/openapi.json", (c) => c.json(openApi));
  app.get("/docs", (c) => c.html(renderDocsPage(openApi, new URL(c.req.url).origin, "EVALUATOR_TOKEN")));

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}; see /docs` }, 404));
  app.onError((error, c) => {
    console.error(`evaluator: unhandled error on ${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
