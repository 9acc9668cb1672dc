import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { MAX_BATCH_ITEMS, type Verdict } from "../../shared/contracts/grading.ts";
import { postJson, postRaw, streamOfBytes } from "../support/http.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";
import { expectedVerdict, sampleRequests, withoutTiming } from "../support/verdicts.ts";

const MiB = 1024 * 1024;

describe("grader over HTTP", () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader();
  });
  after(() => grader.stop());

  it("grades one request as the checker does in-process", async () => {
    for (const request of sampleRequests) {
      const reply = await postJson(`${grader.url}/v1/grade`, request);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.deepEqual(withoutTiming(reply.body as Verdict), expectedVerdict(request));
    }
  });

  it("grades a batch in order, as the checker does in-process", async () => {
    const items = Array.from({ length: 300 }, (_, i) => sampleRequests[i % sampleRequests.length]);
    const reply = await postJson(`${grader.url}/v1/grade/batch`, { items });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const { verdicts } = reply.body as { verdicts: Verdict[] };
    assert.deepEqual(verdicts.map(withoutTiming), items.map(expectedVerdict));
  });

  it("applies batch options to the items that have none of their own", async () => {
    const response = "\\boxed{42}";
    const reply = await postJson(`${grader.url}/v1/grade/batch`, {
      items: [
        { response, gold: "42" },
        { response, gold: "42", options: { requireThinkClose: false } },
      ],
      options: { requireThinkClose: true },
    });
    const { verdicts } = reply.body as { verdicts: Verdict[] };
    assert.deepEqual(
      verdicts.map((v) => v.correct),
      [false, true],
    );
  });

  it("says why malformed JSON is rejected", async () => {
    const reply = await postRaw(`${grader.url}/v1/grade`, '{"response": "x", ', {
      "Content-Type": "application/json",
    });
    assert.equal(reply.status, 400);
    assert.match((reply.body as { error: string }).error, /not valid JSON/);
  });

  it("lists the fields that do not match the schema", async () => {
    const reply = await postJson(`${grader.url}/v1/grade`, { response: 7, gold: true, extra: 1 });
    assert.equal(reply.status, 400);
    const { error, issues } = reply.body as { error: string; issues: { path: string; message: string }[] };
    assert.match(error, /schema/);
    assert.deepEqual(issues.map((issue) => issue.path).sort(), ["", "gold", "response"]);
    assert.ok(issues.every((issue) => issue.message.length > 0));
  });

  it("refuses a per-item budget over the 2,000 ms cap with 400", async () => {
    const reply = await postJson(`${grader.url}/v1/grade`, {
      response: "\\boxed{1}",
      gold: "1",
      options: { timeoutMs: 10_000 },
    });
    assert.equal(reply.status, 400);
    const { issues } = reply.body as { issues: { path: string; message: string }[] };
    assert.equal(issues[0].path, "options.timeoutMs");
    assert.match(issues[0].message, /2000/);
  });

  it("points into batch items and rejects too many of them", async () => {
    const bad = await postJson(`${grader.url}/v1/grade/batch`, {
      items: [{ response: "1", gold: 1 }, { gold: 1 }],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      (bad.body as { issues: { path: string }[] }).issues.map((issue) => issue.path),
      ["items.1.response"],
    );
    const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({ response: "1", gold: 1 }));
    const tooMany = await postJson(`${grader.url}/v1/grade/batch`, { items });
    assert.equal(tooMany.status, 400);
    assert.equal((tooMany.body as { issues: { path: string }[] }).issues[0].path, "items");
  });

  it("refuses bodies over the limit with 413, whether or not their length is declared", async () => {
    const declared = await postRaw(`${grader.url}/v1/grade`, "a".repeat(4 * MiB + 1), {
      "Content-Type": "application/json",
    });
    assert.equal(declared.status, 413);
    assert.match((declared.body as { error: string }).error, /limit/);
    const streamed = await postRaw(`${grader.url}/v1/grade`, streamOfBytes(5 * MiB), {
      "Content-Type": "application/json",
    });
    assert.equal(streamed.status, 413);
    const batch = await postRaw(`${grader.url}/v1/grade/batch`, streamOfBytes(17 * MiB), {
      "Content-Type": "application/json",
    });
    assert.equal(batch.status, 413);
  });

  it("accepts a large batch under its limit", async () => {
    const response = `${"Let us reason. ".repeat(20_000)} \\boxed{3}`;
    const reply = await postJson(`${grader.url}/v1/grade/batch`, {
      items: Array.from({ length: 20 }, () => ({ response, gold: "3" })),
    });
    assert.equal(reply.status, 200);
    assert.ok((reply.body as { verdicts: Verdict[] }).verdicts.every((v) => v.status !== "error"));
  });

  it("refuses a body that is not declared as JSON with 415", async () => {
    const reply = await postRaw(`${grader.url}/v1/grade`, JSON.stringify(sampleRequests[0]), {
      "Content-Type": "text/plain",
    });
    assert.equal(reply.status, 415);
    assert.match((reply.body as { error: string }).error, /application\/json/);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const reply = await fetch(`${grader.url}/v2/nothing`);
    assert.equal(reply.status, 404);
    assert.match(((await reply.json()) as { error: string }).error, /no route/);
  });

  it("reports health", async () => {
    const reply = await fetch(`${grader.url}/healthz`);
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), { status: "ok", workers: 2, nats: "off" });
  });

  it("exposes Prometheus metrics", async () => {
    await postJson(`${grader.url}/v1/grade`, sampleRequests[0]);
    const reply = await fetch(`${grader.url}/metrics`);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("content-type") ?? "", /text\/plain/);
    const text = await reply.text();
    assert.match(text, /^grader_requests_total\{transport="http",route="\/v1\/grade",code="200"\} \d+$/m);
    assert.match(text, /^grader_verdicts_total\{status="ok",correct="true"\} \d+$/m);
    assert.match(
      text,
      /^grader_request_duration_seconds_bucket\{transport="http",route="\/v1\/grade",le="\+Inf"\} \d+$/m,
    );
    assert.match(text, /^grader_pool_restarts_total \d+$/m);
    assert.match(text, /^grader_pool_timeouts_total \d+$/m);
  });

  it("describes itself in OpenAPI 3.1 built from the contract", async () => {
    const document = (await (await fetch(`${grader.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    assert.equal(document.openapi, "3.1.0");
    assert.ok(document.paths["/v1/grade"] && document.paths["/v1/grade/batch"]);
    assert.deepEqual(Object.keys(document.components.schemas.GradeRequest.properties ?? {}), [
      "response",
      "gold",
      "options",
    ]);
    assert.ok(document.components.schemas.Verdict);
  });

  it("serves a self-contained documentation page with curl examples", async () => {
    const reply = await fetch(`${grader.url}/docs`);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("content-type") ?? "", /text\/html/);
    const html = await reply.text();
    assert.match(html, /curl -sS -X POST '[^']*\/v1\/grade\/batch'/);
    assert.doesNotMatch(html, /<script|<link|src="http/);
  });
});

describe("grader over HTTP with a bearer token", () => {
  const token = "s3cret-token";
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({ token });
  });
  after(() => grader.stop());

  it("refuses requests without the token or with a wrong one", async () => {
    const missing = await postJson(`${grader.url}/v1/grade`, sampleRequests[0]);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get("www-authenticate"), "Bearer");
    const wrong = await postJson(`${grader.url}/v1/grade`, sampleRequests[0], {
      Authorization: "Bearer nope",
    });
    assert.equal(wrong.status, 401);
    assert.equal((await fetch(`${grader.url}/metrics`)).status, 401);
  });

  it("grades with the token", async () => {
    const reply = await postJson(`${grader.url}/v1/grade`, sampleRequests[0], {
      Authorization: `Bearer ${token}`,
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(withoutTiming(reply.body as Verdict), expectedVerdict(sampleRequests[0]));
  });

  it("keeps /healthz open", async () => {
    assert.equal((await fetch(`${grader.url}/healthz`)).status, 200);
  });
});

describe("grader shutdown", () => {
  it("exits cleanly on SIGTERM", async () => {
    const grader = await startTestGrader({ workers: 1 });
    const inFlight = postJson(`${grader.url}/v1/grade/batch`, { items: sampleRequests });
    const verdicts = ((await inFlight).body as { verdicts: Verdict[] }).verdicts;
    assert.equal(verdicts.length, sampleRequests.length);
    assert.equal(await grader.stop(), 0);
    assert.match(grader.process.output(), /stopped/);
  });
});
