import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Hono } from "hono";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { createHttpApp } from "../../services/evaluator/http/app.ts";
import { buildOpenApiDocument } from "../../services/evaluator/http/openapi.ts";
import { EvaluatorMetrics } from "../../services/evaluator/metrics.ts";
import { openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { K, TOY_SAMPLES, TOY_SET } from "../support/evaluator-fixtures.ts";
import { natsServerMissing, startTestNats, type TestProcess } from "../support/processes.ts";

/**
 * The evaluator's HTTP app on a real JetStream job store, with no evaluator taking jobs: what is
 * submitted stays queued, so the queue's length is known exactly.
 */
describe("evaluator with a bounded job queue", { skip: natsServerMissing }, () => {
  const MAX_PENDING = 2;
  let nats: TestProcess<RunningNatsServer>;
  let nc: NatsConnection;
  let app: Hono;
  before(async () => {
    nats = await startTestNats();
    nc = await connectNats(nats.url, "evaluator-admission-test");
    const store = await openJobStore(nc);
    app = createHttpApp({
      store: () => store,
      dataDir: "/nonexistent",
      metrics: new EvaluatorMetrics(() => 0),
      openApi: buildOpenApiDocument("test"),
      token: null,
      maxPendingJobs: MAX_PENDING,
      health: () => ({ ready: true }),
    });
  });
  after(async () => {
    await nc?.close();
    await nats?.stop();
  });

  const submit = () =>
    app.request("/v1/evaluations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K }),
    });

  it("queues jobs up to the bound, then refuses with 503 + Retry-After", async () => {
    for (let i = 0; i < MAX_PENDING; i++) assert.equal((await submit()).status, 202);
    const refused = await submit();
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get("retry-after")) >= 1, refused.headers.get("retry-after") ?? "none");
    const body = (await refused.json()) as { error: string; retryAfterMs: number };
    assert.match(body.error, /the evaluation queue is full: 2 jobs are queued or running \(at most 2\)/);
    assert.ok(body.retryAfterMs > 0);
  });
});
