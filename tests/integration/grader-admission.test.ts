import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NatsConnection } from "@nats-io/transport-node";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { httpGrader } from "../../shared/clients/grader-http.ts";
import { GRADER_NATS, type GradeRequest, type Verdict } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { heldRequest, type JsonReply, postJson, postJsonFrom } from "../support/http.ts";
import { natsServerMissing, startTestGrader, startTestNats, type TestProcess } from "../support/processes.ts";
import { expectedVerdict, sampleRequests, withoutTiming } from "../support/verdicts.ts";

/** Checks of about a millisecond each, so that a flood of them really queues up behind one worker. */
const padding = "Let me think step by step: 3 + 4 = 7, and 7 times 6 is 42. ".repeat(400);
const slowRequests: GradeRequest[] = sampleRequests.map((r) => ({ ...r, response: padding + r.response }));
const expected = slowRequests.map(expectedVerdict);
const itemsFrom = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => (start + i) % slowRequests.length);

const QUEUE_LIMIT = 64;
const FLOOD = { requests: 40, items: 32 };

function assertRightVerdicts(indexes: number[], verdicts: Verdict[], what: string): void {
  assert.equal(verdicts.length, indexes.length, what);
  verdicts.forEach((verdict, i) => {
    assert.deepEqual(withoutTiming(verdict), expected[indexes[i]!], `${what}, item ${i}`);
  });
}

function assertTryLater(reply: JsonReply, status: 429 | 503): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  const retryAfter = Number(reply.headers.get("retry-after"));
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1,
    `Retry-After: ${reply.headers.get("retry-after")}`,
  );
  const body = reply.body as { error: string; retryAfterMs: number };
  assert.ok(
    body.retryAfterMs > 0 && Math.ceil(body.retryAfterMs / 1000) === retryAfter,
    JSON.stringify(body),
  );
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = text.match(new RegExp(`^${name} (\\d+)$`, "m"))?.[1];
  assert.ok(value !== undefined, `no ${name} in /metrics`);
  return Number(value);
}

/** Waits (generously: the machine may be busy) until the grader holds `count` admitted requests. */
async function untilInFlight(url: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await metric(url, "grader_requests_in_flight")) < count) {
    if (Date.now() > deadline) throw new Error(`the grader never held ${count} requests`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("grader with a bounded queue, over HTTP", () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({
      workers: 1,
      // Every request of this test comes from 127.0.0.1: only the queue should refuse them.
      env: { GRADER_MAX_QUEUED_ITEMS: String(QUEUE_LIMIT), GRADER_MAX_CLIENT_REQUESTS: "1000" },
    });
  });
  after(() => grader?.stop());

  it("refuses a flood beyond the queue with 503 + Retry-After and keeps answering; a retrying client loses nothing", async (t) => {
    const flood = () =>
      Promise.all(
        Array.from({ length: FLOOD.requests }, async (_, r) => {
          const indexes = itemsFrom(r, FLOOD.items);
          const reply = await postJson(`${grader.url}/v1/grade/batch`, {
            items: indexes.map((i) => slowRequests[i]),
          });
          if (reply.status === 200) {
            assertRightVerdicts(indexes, (reply.body as { verdicts: Verdict[] }).verdicts, "flood");
          } else assertTryLater(reply, 503);
          return reply.status;
        }),
      );
    const health = fetch(`${grader.url}/healthz`);
    const statuses = await flood();
    assert.equal((await health).status, 200);
    const refused = statuses.filter((s) => s === 503).length;
    assert.ok(refused > 0, "some of the flood is refused");
    assert.ok(statuses.includes(200), "some of the flood is graded");

    // A client that retries gets every verdict, right, while another flood goes on.
    const client = httpGrader({ url: grader.url, batchSize: FLOOD.items, concurrency: 8, attempts: 100 });
    const indexes = itemsFrom(0, 1_000);
    const [verdicts, second] = await Promise.all([
      client.gradeMany(indexes.map((i) => slowRequests[i]!)),
      flood(),
    ]);
    assertRightVerdicts(indexes, verdicts, "retrying client");
    assert.equal((await postJson(`${grader.url}/v1/grade`, sampleRequests[0])).status, 200);
    const refusals = await metric(grader.url, 'grader_admission_refusals_total\\{reason="queue"\\}');
    t.diagnostic(
      `flood: ${refused}/${statuses.length} refused, then ${second.filter((s) => s === 503).length}/${second.length} beside the retrying client; ${refusals} queue refusals in all; 1,000/1,000 verdicts right`,
    );
  });
});

describe("grader limits per client and on request bytes held, over HTTP", () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({
      env: { GRADER_MAX_CLIENT_REQUESTS: "2", GRADER_MAX_BODY_BYTES_IN_FLIGHT: "1000000" },
    });
  });
  after(() => grader?.stop());

  const oneItem = JSON.stringify(sampleRequests[0]);

  it("answers a client's requests beyond its limit in flight with 429 + Retry-After; other clients are served", async () => {
    const held = [
      heldRequest(`${grader.url}/v1/grade`, oneItem),
      heldRequest(`${grader.url}/v1/grade`, oneItem),
    ];
    try {
      await untilInFlight(grader.url, 2);
      assertTryLater(await postJsonFrom(`${grader.url}/v1/grade`, sampleRequests[0]), 429);
      const other = await postJsonFrom(`${grader.url}/v1/grade`, sampleRequests[0], {
        localAddress: "127.0.0.2",
      });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.equal((await fetch(`${grader.url}/healthz`)).status, 200);
    } finally {
      for (const request of held) request.finish();
    }
    for (const request of held) assert.equal((await request.reply).status, 200);
    assert.equal((await postJsonFrom(`${grader.url}/v1/grade`, sampleRequests[0])).status, 200);
  });

  it("answers 503 + Retry-After while the request bytes held would go over the bound", async () => {
    // One request of 900 kB held open (from its own address, so that no client limit is in play).
    const bulky = JSON.stringify({ response: `${" ".repeat(900_000)}\\boxed{42}`, gold: "42" });
    const held = heldRequest(`${grader.url}/v1/grade`, bulky, { localAddress: "127.0.0.3" });
    try {
      await untilInFlight(grader.url, 1);
      assert.ok((await metric(grader.url, "grader_request_body_bytes_in_flight")) >= 900_000);
      const medium = { response: `${" ".repeat(200_000)}\\boxed{42}`, gold: "42" };
      assertTryLater(
        await postJsonFrom(`${grader.url}/v1/grade`, medium, { localAddress: "127.0.0.4" }),
        503,
      );
      const small = await postJsonFrom(`${grader.url}/v1/grade`, sampleRequests[0], {
        localAddress: "127.0.0.4",
      });
      assert.equal(small.status, 200, "a request that fits is admitted");
    } finally {
      held.finish();
    }
    const reply = await held.reply;
    assert.equal(reply.status, 200);
    assert.equal((reply.body as Verdict).correct, true);
    assert.equal(await metric(grader.url, "grader_request_body_bytes_in_flight"), 0);
  });
});

describe("grader with a bounded queue, over NATS", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let grader: TestProcess<RunningGrader>;
  let nc: NatsConnection;
  before(async () => {
    nats = await startTestNats();
    grader = await startTestGrader({
      natsUrl: nats.url,
      workers: 1,
      env: { GRADER_MAX_QUEUED_ITEMS: String(QUEUE_LIMIT) },
    });
    nc = await connectNats(nats.url, "admission-test");
  });
  after(async () => {
    await nc?.close();
    await grader?.stop();
    await nats?.stop();
  });

  it("refuses a flood beyond the queue with a 503 service error carrying Retry-After and retryAfterMs", async () => {
    const replies = await Promise.all(
      Array.from({ length: FLOOD.requests }, async (_, r) => {
        const indexes = itemsFrom(r, FLOOD.items);
        const body = JSON.stringify({ items: indexes.map((i) => slowRequests[i]) });
        const reply = await nc.request(GRADER_NATS.batchSubject, body, { timeout: 120_000 });
        const code = reply.headers?.get("Nats-Service-Error-Code");
        if (!code) {
          assertRightVerdicts(indexes, reply.json<{ verdicts: Verdict[] }>().verdicts, "NATS flood");
          return 200;
        }
        assert.equal(code, "503", reply.string());
        assert.match(reply.headers?.get("Nats-Service-Error") ?? "", /busy/);
        assert.equal(reply.headers?.get("Retry-After"), "1");
        const parsed = reply.json<{ error: string; retryAfterMs: number }>();
        assert.equal(parsed.retryAfterMs, 1_000);
        assert.match(parsed.error, /checks are waiting/);
        return 503;
      }),
    );
    assert.ok(replies.includes(503), "some of the flood is refused");
    assert.ok(replies.includes(200), "some of the flood is graded");
    const after = await nc.request(GRADER_NATS.gradeSubject, JSON.stringify(sampleRequests[0]), {
      timeout: 60_000,
    });
    assert.deepEqual(withoutTiming(after.json<Verdict>()), expectedVerdict(sampleRequests[0]!));
  });
});
