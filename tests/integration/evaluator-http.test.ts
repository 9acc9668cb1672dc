import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunningEvaluator } from "../../infra/stack/evaluator.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { type EvaluationStatus, EvaluationStatusSchema } from "../../shared/contracts/evaluation.ts";
import {
  inProcessResult,
  jsonl,
  K,
  startTestEvaluationStack,
  type TestEvaluationStack,
  TOY_SAMPLES,
  TOY_SET,
} from "../support/evaluator-fixtures.ts";
import { postJson, postRaw, streamOfBytes } from "../support/http.ts";
import {
  natsServerMissing,
  startTestEvaluator,
  startTestNats,
  type TestProcess,
} from "../support/processes.ts";

const MiB = 1024 * 1024;

async function waitUntilFinished(url: string, id: string, headers: Record<string, string> = {}) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const reply = await fetch(`${url}/v1/evaluations/${id}`, { headers });
    assert.equal(reply.status, 200);
    const status = EvaluationStatusSchema.parse(await reply.json());
    if (status.state === "done" || status.state === "failed") return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish in 120 s`);
}

async function submit(url: string, body: unknown, headers: Record<string, string> = {}) {
  const reply = await postJson(`${url}/v1/evaluations`, body, headers);
  assert.equal(reply.status, 202, JSON.stringify(reply.body));
  const { id, status } = reply.body as { id: string; status: string };
  assert.equal(status, `/v1/evaluations/${id}`);
  assert.equal(reply.headers.get("location"), status);
  return id;
}

describe("evaluator over HTTP", { skip: natsServerMissing }, () => {
  let dataDir: string;
  let stack: TestEvaluationStack;
  let evaluator: TestProcess<RunningEvaluator>;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "rlvr-evaluator-data-"));
    await mkdir(join(dataDir, "benchmarks"));
    await writeFile(
      join(dataDir, "benchmarks", "toy.jsonl"),
      jsonl(TOY_SET.problems.map((p) => ({ id: p.id, problem: p.problem, answer: p.gold }))),
    );
    stack = await startTestEvaluationStack({ dataDir });
    evaluator = stack.evaluator;
  });
  after(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("evaluates inline samples against inline problem sets as rlvr eval does in-process", async () => {
    const title = "Toy benchmark, step 40";
    const id = await submit(evaluator.url, { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K, title });
    const status = await waitUntilFinished(evaluator.url, id);
    assert.equal(status.state, "done", status.error);
    assert.equal(status.title, title);
    assert.deepEqual(status.progress, { graded: TOY_SAMPLES.length, total: TOY_SAMPLES.length });
    assert.equal(status.attempts, 1);
    assert.deepEqual(status.result, await inProcessResult([TOY_SET], TOY_SAMPLES, K));
    // Equivalent forms count: 1.0, 2/2, 0.5, \dfrac12, 1/2, "1,024", 2^{10}.
    assert.equal(status.result?.benchmarks[0]?.pass1, (3 / 4 + 3 / 4 + 1 / 4 + 3 / 4) / 4);

    const markdown = await fetch(`${evaluator.url}/v1/evaluations/${id}/report.md`);
    assert.equal(markdown.status, 200);
    assert.match(markdown.headers.get("content-type") ?? "", /text\/markdown/);
    const markdownText = await markdown.text();
    assert.match(markdownText, /Pass@1/);
    assert.ok(markdownText.startsWith(`# ${title}\n`), markdownText.split("\n")[0]);
    const html = await fetch(`${evaluator.url}/v1/evaluations/${id}/report.html`);
    assert.equal(html.status, 200);
    const page = await html.text();
    assert.match(page, /^<!doctype html>/);
    assert.ok(page.includes(`<title>${title}</title>`), "the page is titled with the job's title");
    assert.ok(page.includes(`<h1>${title}</h1>`), "the report is headed with the job's title");
  });

  it("reads named benchmarks from its data folder", async () => {
    const samples = TOY_SAMPLES.map((s) => ({ ...s, benchmark: "toy" }));
    const id = await submit(evaluator.url, { benchmarks: ["toy"], samples, k: K });
    const status = await waitUntilFinished(evaluator.url, id);
    assert.equal(status.state, "done", status.error);
    assert.deepEqual(status.result, await inProcessResult([TOY_SET], TOY_SAMPLES, K));
  });

  it("refuses an unknown benchmark before queueing, naming it", async () => {
    const reply = await postJson(`${evaluator.url}/v1/evaluations`, {
      benchmarks: ["toy", "no_such_bench"],
      samples: TOY_SAMPLES,
    });
    assert.equal(reply.status, 400);
    assert.match((reply.body as { error: string }).error, /unknown benchmark "no_such_bench"/);
  });

  it("refuses samples named by an object that is not in the object store", async () => {
    const reply = await postJson(`${evaluator.url}/v1/evaluations`, {
      problemSets: [TOY_SET],
      samples: { object: "nowhere.jsonl" },
    });
    assert.equal(reply.status, 400);
    assert.match((reply.body as { error: string }).error, /no object "nowhere\.jsonl".*rlvr-eval-samples/);
  });

  it("fails a job whose samples do not fit its problems, with the samples report as the error", async () => {
    const samples = TOY_SAMPLES.filter((s) => s.problem_id !== "p3");
    const id = await submit(evaluator.url, { problemSets: [TOY_SET], samples, k: K });
    const status: EvaluationStatus = await waitUntilFinished(evaluator.url, id);
    assert.equal(status.state, "failed");
    assert.match(
      status.error ?? "",
      /samples do not fit the problems[\s\S]*problems without samples: toy\/p3/,
    );
    assert.equal(status.result, undefined);
    const report = await fetch(`${evaluator.url}/v1/evaluations/${id}/report.md`);
    assert.equal(report.status, 409);
    assert.match(((await report.json()) as { error: string }).error, /failed/);
  });

  it("answers malformed JSON with 400", async () => {
    const reply = await postRaw(`${evaluator.url}/v1/evaluations`, "{nope", {
      "Content-Type": "application/json",
    });
    assert.equal(reply.status, 400);
    assert.match((reply.body as { error: string }).error, /not valid JSON/);
  });

  it("answers a request that does not match the schema with field errors", async () => {
    const reply = await postJson(`${evaluator.url}/v1/evaluations`, {
      samples: [{ problem_id: "p1", response: 7 }],
      k: 0,
      surprise: true,
    });
    assert.equal(reply.status, 400);
    const paths = (reply.body as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    assert.deepEqual(paths, ["", "k", "samples"]);
  });

  it("refuses a body over 64 MiB while reading it (413), and one not sent as JSON (415)", async () => {
    const big = await postRaw(`${evaluator.url}/v1/evaluations`, streamOfBytes(64 * MiB + 1), {
      "Content-Type": "application/json",
    });
    assert.equal(big.status, 413);
    const text = await postRaw(`${evaluator.url}/v1/evaluations`, "{}", { "Content-Type": "text/plain" });
    assert.equal(text.status, 415);
  });

  it("answers 404 for an unknown job, its reports, and unknown routes", async () => {
    for (const path of [
      "/v1/evaluations/no-such-job",
      "/v1/evaluations/no-such-job/report.md",
      "/v1/evaluations/..%2Fetc",
      "/v2/nothing",
    ]) {
      const reply = await fetch(`${evaluator.url}${path}`);
      assert.equal(reply.status, 404, path);
      assert.ok(((await reply.json()) as { error: string }).error, path);
    }
  });

  it("reports health, metrics, its OpenAPI document and a docs page", async () => {
    const health = await fetch(`${evaluator.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok", nats: "connected", activeJobs: 0 });
    const metrics = await (await fetch(`${evaluator.url}/metrics`)).text();
    assert.match(metrics, /^evaluator_jobs_total\{outcome="done"\} [1-9]\d*$/m);
    assert.match(metrics, /^evaluator_jobs_total\{outcome="failed"\} [1-9]\d*$/m);
    assert.match(metrics, /^evaluator_items_graded_total [1-9]\d*$/m);
    assert.match(metrics, /^evaluator_job_duration_seconds_count\{outcome="done"\} [1-9]\d*$/m);
    assert.match(
      metrics,
      /^evaluator_http_requests_total\{route="\/v1\/evaluations\/:id",code="200"\} \d+$/m,
    );
    assert.match(metrics, /^evaluator_active_jobs 0$/m);
    const document = (await (await fetch(`${evaluator.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(document.openapi, "3.1.0");
    assert.ok(document.paths["/v1/evaluations"] && document.paths["/v1/evaluations/{id}"]);
    assert.ok(document.components.schemas.EvaluationRequest && document.components.schemas.EvaluationStatus);
    const docs = await fetch(`${evaluator.url}/docs`);
    assert.equal(docs.status, 200);
    const html = await docs.text();
    assert.match(html, /curl -sS -X POST '[^']*\/v1\/evaluations'/);
    assert.match(html, /EVALUATOR_TOKEN/);
    assert.doesNotMatch(html, /<script|<link|src="http/);
  });
});

describe("evaluator over HTTP with a bearer token", { skip: natsServerMissing }, () => {
  const token = "eval-s3cret";
  let nats: TestProcess<RunningNatsServer>;
  let evaluator: TestProcess<RunningEvaluator>;
  before(async () => {
    nats = await startTestNats();
    evaluator = await startTestEvaluator({ natsUrl: nats.url, token });
  });
  after(async () => {
    await evaluator?.stop();
    await nats?.stop();
  });

  it("refuses requests without the token or with a wrong one, and keeps /healthz open", async () => {
    const body = { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K };
    const missing = await postJson(`${evaluator.url}/v1/evaluations`, body);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get("www-authenticate"), "Bearer");
    const wrong = await postJson(`${evaluator.url}/v1/evaluations`, body, { Authorization: "Bearer nope" });
    assert.equal(wrong.status, 401);
    for (const path of ["/v1/evaluations/x", "/metrics", "/openapi.json", "/docs"]) {
      assert.equal((await fetch(`${evaluator.url}${path}`)).status, 401, path);
    }
    assert.equal((await fetch(`${evaluator.url}/healthz`)).status, 200);
  });

  it("queues a job with the token", async () => {
    const id = await submit(
      evaluator.url,
      { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K },
      { Authorization: `Bearer ${token}` },
    );
    const reply = await fetch(`${evaluator.url}/v1/evaluations/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(reply.status, 200);
  });
});
