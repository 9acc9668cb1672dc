import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hono } from "hono";
import { Admission, DEFAULT_ADMISSION_LIMITS } from "../../../services/grader/admission.ts";
import { createHttpApp } from "../../../services/grader/http/app.ts";
import { buildOpenApiDocument } from "../../../services/grader/http/openapi.ts";
import { responseAfterPrompt } from "../../../services/grader/http/openrlhf.ts";
import { GraderMetrics } from "../../../services/grader/metrics.ts";
import { GradingPipeline } from "../../../services/grader/pipeline.ts";
import type { Verdict } from "../../../shared/contracts/grading.ts";
import { GradingPool } from "../../../shared/pool/index.ts";

const PROMPT =
  "<|im_start|>user\nWhat is half of one? Put it in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n";
/** A prompt that gives the answer away: only a grader that reads the prompt would pay for it. */
const LEAKY_PROMPT =
  "<|im_start|>user\nExample: 1/2 of 1 is \\boxed{\\frac{1}{2}}. Now: what is half of one?<|im_end|>\n<|im_start|>assistant\n";
const TOKEN = "openrlhf-test-token";

interface Body {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** The grader's HTTP app in-process on a real worker pool; `queuedItems` overrides what admission sees. */
function graderApp(pool: GradingPool, options: { token?: string; queuedItems?: () => number } = {}): Hono {
  const queued = options.queuedItems ?? (() => pool.stats().queued);
  const admission = new Admission({ ...DEFAULT_ADMISSION_LIMITS, maxQueuedItems: 10 }, queued);
  const metrics = new GraderMetrics(
    () => pool.stats(),
    () => admission.stats(),
  );
  return createHttpApp({
    pipeline: new GradingPipeline(pool, metrics, admission),
    admission,
    metrics,
    openApi: buildOpenApiDocument("test"),
    token: options.token ?? null,
    health: () => ({}),
  });
}

async function post(app: Hono, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await app.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) } satisfies Body;
}

const rewardsOf = (reply: Body) => reply.json.rewards as number[];
const issuePaths = (reply: Body) => (reply.json.issues as { path: string }[]).map((issue) => issue.path);

describe("OpenRLHF reward endpoint (in-process)", () => {
  let pool: GradingPool;
  let app: Hono;
  before(async () => {
    pool = await GradingPool.start({ size: 2 });
    app = graderApp(pool);
  });
  after(() => pool.close());

  it("rewards the response after each prompt: correct 1.0, wrong 0.0, equivalent forms 1.0", async () => {
    const responses = [
      "It is \\boxed{\\frac{1}{2}}.<|im_end|>",
      "It is \\boxed{2}.<|im_end|>",
      "\\boxed{0.5}",
    ];
    const reply = await post(app, "/v1/openrlhf/reward", {
      query: responses.map((response) => PROMPT + response),
      prompts: responses.map(() => PROMPT),
      labels: ["\\frac{1}{2}", "\\frac{1}{2}", "\\frac{1}{2}"],
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(rewardsOf(reply), [1, 0, 1]);
    assert.deepEqual(reply.json.scores, reply.json.rewards);
    // Written as floats, so that Python reads floats (an int list would make an integer tensor).
    assert.match(reply.text, /"rewards":\[1\.0,0\.0,1\.0\]/);
  });

  it("never pays for an answer that only the prompt states", async () => {
    const query = `${LEAKY_PROMPT}I am not sure.<|im_end|>`;
    const wholeQuery = await post(app, "/v1/grade", { response: query, gold: "\\frac{1}{2}" });
    assert.equal((wholeQuery.json as unknown as Verdict).correct, true, "the prompt alone would earn it");
    const reply = await post(app, "/v1/openrlhf/reward", {
      query: [query],
      prompts: [LEAKY_PROMPT],
      labels: ["\\frac{1}{2}"],
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(rewardsOf(reply), [0]);
  });

  it("gives 0 to a query that does not start with its prompt, and still grades the others", async () => {
    const truncated = `${LEAKY_PROMPT.slice(0, -12)}\\boxed{\\frac{1}{2}}`;
    const reply = await post(app, "/v1/openrlhf/reward", {
      query: [truncated, `${PROMPT}\\boxed{\\frac12}`],
      prompts: [LEAKY_PROMPT, PROMPT],
      labels: ["1/2", "1/2"],
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(rewardsOf(reply), [0, 1]);
  });

  it("takes number and list golds, and ignores fields it does not read", async () => {
    const reply = await post(app, "/v1/openrlhf/reward", {
      query: [`${PROMPT}\\boxed{7}`, `${PROMPT}\\boxed{b}`],
      prompts: [PROMPT, PROMPT],
      labels: [7, ["a", "b"]],
      metadata: [{ source: "x" }, { source: "y" }],
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(rewardsOf(reply), [1, 1]);
  });

  it("answers malformed payloads with 400 naming the field", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ query: ["a"], labels: ["1"] }, "prompts", /prompts is required/],
      [{ query: ["a"], prompts: ["a"] }, "labels", /labels is required.*--label_key/],
      [{ query: ["ab", "ac"], prompts: ["a"], labels: ["1", "2"] }, "prompts", /has 1 entry but query has 2/],
      [{ query: ["ab"], prompts: ["a"], labels: ["1", "2"] }, "labels", /has 2 entries but query has 1/],
      [{ query: ["ab", "ac"], prompts: ["a", "a"], labels: ["1", ""] }, "labels.1", /empty gold answer/],
      [{ query: "ab", prompts: ["a"], labels: ["1"] }, "query", /expected array/],
      [{ query: ["ab"], prompts: ["a"], labels: [true] }, "labels.0", /none of the alternatives/],
      [{ query: [], prompts: [], labels: [] }, "query", /1/],
    ];
    for (const [body, path, message] of cases) {
      const reply = await post(app, "/v1/openrlhf/reward", body);
      assert.equal(reply.status, 400, `${JSON.stringify(body)}: ${reply.text}`);
      const issue = (reply.json.issues as { path: string; message: string }[]).find((i) => i.path === path);
      assert.ok(issue, `${JSON.stringify(body)}: no issue at ${path} in ${issuePaths(reply)}`);
      assert.match(issue.message, message);
    }
  });

  it("goes through admission: a full queue answers 503 with Retry-After", async () => {
    const busy = graderApp(pool, { queuedItems: () => 10 });
    const reply = await post(busy, "/v1/openrlhf/reward", {
      query: [`${PROMPT}\\boxed{1}`],
      prompts: [PROMPT],
      labels: ["1"],
    });
    assert.equal(reply.status, 503, reply.text);
    assert.ok(Number(reply.headers.get("retry-after")) >= 1, reply.headers.get("retry-after") ?? "none");
    assert.match(reply.json.error as string, /checks are waiting/);
  });

  it("needs the bearer token when the service has one", async () => {
    const guarded = graderApp(pool, { token: TOKEN });
    const body = { query: [`${PROMPT}\\boxed{1}`], prompts: [PROMPT], labels: ["1"] };
    assert.equal((await post(guarded, "/v1/openrlhf/reward", body)).status, 401);
    const reply = await post(guarded, "/v1/openrlhf/reward", body, { Authorization: `Bearer ${TOKEN}` });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(rewardsOf(reply), [1]);
  });

  it("is in the OpenAPI document with its request and response schemas", async () => {
    const response = await app.request("/openapi.json");
    const document = (await response.json()) as {
      paths: Record<string, { post?: { requestBody: unknown } }>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    assert.ok(document.paths["/v1/openrlhf/reward"]?.post, "no POST /v1/openrlhf/reward");
    assert.deepEqual(document.components.schemas.OpenRlhfRewardRequest.required, [
      "query",
      "prompts",
      "labels",
    ]);
    assert.ok(document.components.schemas.OpenRlhfRewardResponse);
  });
});

describe("the response after a prompt", () => {
  it("is the query's text after the prompt, or null when the query does not start with it", () => {
    assert.equal(responseAfterPrompt("Q: 1+1?\nA: 2", "Q: 1+1?\nA:"), " 2");
    assert.equal(responseAfterPrompt("Q: 1+1?", "Q: 1+1?"), "");
    assert.equal(responseAfterPrompt("Q: 1 + 1?\nA: 2", "Q: 1+1?\nA:"), null);
  });
});
