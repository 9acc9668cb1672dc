import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NatsConnection } from "@nats-io/transport-node";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { renderAuthorization } from "../../infra/stack/nats-auth.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { natsClientTenant } from "../../services/grader/nats/tenant.ts";
import { GraderRequestError } from "../../shared/clients/grader.ts";
import { type NatsGraderClient, natsGrader } from "../../shared/clients/grader-nats.ts";
import { GRADER_NATS, type GradeRequest } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import type { StackCredentials } from "../../shared/nats/credentials.ts";
import { discover } from "../support/nats-discovery.ts";
import { natsServerMissing, startTestGrader, startTestNats, type TestProcess } from "../support/processes.ts";
import { expectedVerdict, sampleRequests, withoutTiming } from "../support/verdicts.ts";

const SERVICE = GRADER_NATS.serviceName;

describe("grader over NATS", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let grader: TestProcess<RunningGrader>;
  let nc: NatsConnection;
  let client: NatsGraderClient;
  before(async () => {
    nats = await startTestNats();
    grader = await startTestGrader({ natsUrl: nats.url });
    nc = await connectNats(nats.url, "grader-test");
    client = await natsGrader({ connection: nc });
  });
  after(async () => {
    await nc?.close();
    await grader?.stop();
    await nats?.stop();
  });

  it("grades one request as the checker does in-process", async () => {
    for (const request of sampleRequests) {
      assert.deepEqual(withoutTiming(await client.grade(request)), expectedVerdict(request));
    }
  });

  it("grades a batch in order, as the checker does in-process", async () => {
    const items = Array.from({ length: 200 }, (_, i) => sampleRequests[i % sampleRequests.length]);
    const verdicts = await client.gradeMany(items);
    assert.deepEqual(verdicts.map(withoutTiming), items.map(expectedVerdict));
  });

  it("tells client connections apart by the reply inboxes their requests carry", async () => {
    const other = await connectNats(nats.url, "grader-test-other");
    const replies: string[] = [];
    const echo = nc.subscribe("test.tenant", {
      callback: (_, msg) => {
        msg.respond(msg.reply ?? "");
      },
    });
    try {
      await nc.flush();
      for (const [connection, options] of [[nc], [nc], [other], [nc, { noMux: true }]] as const) {
        const reply = await connection.request("test.tenant", "", { timeout: 5_000, ...options });
        replies.push(reply.string());
      }
    } finally {
      echo.unsubscribe();
      await other.close();
    }
    const [first, second, fromOther, ownInbox] = replies.map(natsClientTenant);
    assert.ok(first, replies[0]);
    assert.equal(second, first);
    assert.ok(fromOther && fromOther !== first, replies[2]);
    // A request with an inbox of its own is a tenant by itself.
    assert.equal(ownInbox, undefined);
  });

  it("answers malformed JSON with a service error and a JSON body", async () => {
    const error = await client.request("rlvr.grade", new TextEncoder().encode("{nope")).catch((e) => e);
    assert.ok(error instanceof GraderRequestError, String(error));
    assert.equal(error.status, 400);
    assert.match(error.body.error ?? "", /not valid JSON/);
  });

  it("answers a request that does not match the schema with field errors", async () => {
    const error = await client
      .request("rlvr.grade.batch", { items: [{ response: 1, gold: 1 }] })
      .catch((e) => e);
    assert.ok(error instanceof GraderRequestError, String(error));
    assert.equal(error.status, 400);
    assert.deepEqual(
      error.body.issues?.map((issue) => issue.path),
      ["items.0.response"],
    );
  });

  it("grades a 1 MB response", async () => {
    const request = { response: `${"x + ".repeat(250_000)}\\boxed{12}`, gold: "12" };
    const verdict = await client.grade(request);
    assert.ok(["ok", "timeout"].includes(verdict.status));
  });

  it("is discoverable with $SRV.PING, INFO and STATS", async () => {
    const [ping] = await discover(nc, "PING", SERVICE, 1);
    assert.equal(ping.name, SERVICE);
    assert.equal(ping.type, "io.nats.micro.v1.ping_response");
    const [info] = await discover(nc, "INFO", SERVICE, 1);
    assert.deepEqual(info.endpoints?.map((e) => [e.subject, e.queue_group]).sort(), [
      ["rlvr.grade", SERVICE],
      ["rlvr.grade.batch", SERVICE],
    ]);
    const [stats] = await discover(nc, "STATS", SERVICE, 1);
    const grade = stats.endpoints?.find((e) => e.subject === "rlvr.grade");
    assert.ok(grade && grade.num_requests > 0);
    assert.ok(grade.data.graded > 0 && grade.data.rejected > 0, JSON.stringify(grade.data));
  });

  it("says in /healthz that it serves NATS", async () => {
    const health = (await (await fetch(`${grader.url}/healthz`)).json()) as { nats: string };
    assert.equal(health.nats, "serving");
  });

  it("counts NATS requests in /metrics", async () => {
    const text = await (await fetch(`${grader.url}/metrics`)).text();
    assert.match(text, /^grader_requests_total\{transport="nats",route="grade",code="200"\} \d+$/m);
    assert.match(text, /^grader_requests_total\{transport="nats",route="grade",code="400"\} \d+$/m);
  });
});

describe("grader replicas in a NATS queue group", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let replicas: TestProcess<RunningGrader>[];
  let nc: NatsConnection;
  before(async () => {
    nats = await startTestNats();
    replicas = await Promise.all([0, 1].map(() => startTestGrader({ workers: 1, natsUrl: nats.url })));
    nc = await connectNats(nats.url, "grader-test");
  });
  after(async () => {
    await nc?.close();
    await Promise.all(replicas?.map((replica) => replica.stop()) ?? []);
    await nats?.stop();
  });

  const requestNumber = (i: number): GradeRequest => ({
    response: `\\boxed{${i}}`,
    gold: String(i % 3 === 0 ? i : -i),
  });

  async function gradeAll(
    client: NatsGraderClient,
    count: number,
    concurrency: number,
    onProgress?: (done: number) => void,
  ) {
    const verdicts = new Array(count);
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          verdicts[i] = await client.grade(requestNumber(i));
          onProgress?.(++done);
        }
      }),
    );
    return verdicts;
  }

  it("share the load", async () => {
    await gradeAll(await natsGrader({ connection: nc }), 200, 8);
    const stats = await discover(nc, "STATS", SERVICE, 2);
    assert.equal(stats.length, 2);
    for (const replica of stats) {
      const grade = replica.endpoints?.find((e) => e.subject === "rlvr.grade");
      assert.ok(grade && grade.num_requests > 0, `replica ${replica.id} got no requests`);
    }
  });

  it("lose no request when one replica is killed mid-stream", async () => {
    // A request the killed replica held is sent again once its attempt deadline passes.
    const client = await natsGrader({ connection: nc });
    const count = 400;
    let killed: Promise<unknown> | undefined;
    const verdicts = await gradeAll(client, count, 16, (done) => {
      if (done === 100) killed = replicas[0]!.kill();
    });
    assert.equal(await killed, "SIGKILL");
    for (let i = 0; i < count; i++) {
      assert.deepEqual(withoutTiming(verdicts[i]), expectedVerdict(requestNumber(i)), `request ${i}`);
    }
    const [survivor] = await discover(nc, "PING", SERVICE, 1);
    assert.ok(survivor);
  });
});

describe("grader on a NATS server that wants a password", { skip: natsServerMissing }, () => {
  const credentials: StackCredentials = {
    nats: {
      grader: { user: "grader", password: "grader-pa55" },
      evaluator: { user: "evaluator", password: "evaluator-pa55" },
      client: { user: "learner", password: "client pa55/:@" },
    },
  };
  let nats: TestProcess<RunningNatsServer>;
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    nats = await startTestNats({ authorization: renderAuthorization(credentials) });
    // The grader takes its identity from NATS_USER / NATS_PASSWORD.
    const { user, password } = credentials.nats.grader;
    grader = await startTestGrader({ natsUrl: nats.url, natsUser: user, natsPassword: password });
  });
  after(async () => {
    await grader?.stop();
    await nats?.stop();
  });

  it("logs in and serves a client whose user is in the URL", async () => {
    const { user, password } = credentials.nats.client;
    const url = nats.url.replace("//", `//${user}:${encodeURIComponent(password)}@`);
    const nc = await connectNats(url, "grader-test");
    try {
      const verdict = await (await natsGrader({ connection: nc })).grade(sampleRequests[0]!);
      assert.deepEqual(withoutTiming(verdict), expectedVerdict(sampleRequests[0]));
    } finally {
      await nc.close();
    }
  });
});
