/**
 * How the NATS grading client treats each kind of answer, against scripted replicas on a real
 * nats-server: a replica that holds a request, one that is busy (503 / 429 with a retry hint), one that
 * refuses (4xx), none at all.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { headers, type Msg, type NatsConnection } from "@nats-io/transport-node";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { checkAnswer } from "../../shared/checker/check.ts";
import { GraderRequestError, GraderUnavailableError } from "../../shared/clients/grader.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { attemptDeadlineMs } from "../../shared/clients/retry-policy.ts";
import { GRADER_NATS } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { natsServerMissing, startTestNats, type TestProcess } from "../support/processes.ts";

const ITEM = { response: "\\boxed{1}", gold: "1" };
const VERDICT = checkAnswer(ITEM);

describe("the NATS grading client's retries", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let replica: NatsConnection;
  let learner: NatsConnection;
  before(async () => {
    nats = await startTestNats();
    replica = await connectNats(nats.url, "scripted-replica");
    learner = await connectNats(nats.url, "learner");
  });
  after(async () => {
    await learner?.close();
    await replica?.close();
    await nats?.stop();
  });

  /** A replica in the grader's queue group that answers its `n`-th request (from 1) with `answer(n, msg)`. */
  async function scriptedReplica(answer: (n: number, msg: Msg) => void) {
    const seen: { at: number; reply: string }[] = [];
    const sub = replica.subscribe(GRADER_NATS.gradeSubject, {
      queue: GRADER_NATS.queue,
      callback: (_, msg) => {
        seen.push({ at: performance.now(), reply: msg.reply ?? "" });
        answer(seen.length, msg);
      },
    });
    await replica.flush();
    return {
      seen,
      stop: async () => {
        sub.unsubscribe();
        await replica.flush();
      },
    };
  }

  const verdict = (msg: Msg) => msg.respond(JSON.stringify(VERDICT));
  const refuse = (msg: Msg, code: number, body: object, extra: Record<string, string> = {}) => {
    const h = headers();
    h.set("Nats-Service-Error", "refused");
    h.set("Nats-Service-Error-Code", String(code));
    for (const [key, value] of Object.entries(extra)) h.set(key, value);
    msg.respond(JSON.stringify(body), { headers: h });
  };

  it("takes a late reply to an earlier attempt: a slow replica costs nothing", async () => {
    let held: Msg | undefined;
    const script = await scriptedReplica((n, msg) => {
      if (n === 1) held = msg;
      // The second attempt goes unanswered; the first is answered only now.
      else if (n === 2) verdict(held!);
    });
    try {
      const client = await natsGrader({ connection: learner });
      assert.deepEqual(await client.grade(ITEM), VERDICT);
      await client.close();
      assert.equal(script.seen.length, 2, "the request was sent again past its attempt deadline");
      assert.notEqual(
        script.seen[0]!.reply,
        script.seen[1]!.reply,
        "each attempt has a reply token of its own",
      );
    } finally {
      await script.stop();
    }
  });

  it("never takes a reply on a token already answered: a verdict aimed at a public reply subject is ignored", async () => {
    // Replies on _INBOX.> are readable by every client user; once a "busy" answer has made a token
    // public, someone else's grading request aimed at it must not count for this one.
    const wrong = { response: "\\boxed{2}", gold: "1" };
    const genuine = checkAnswer(wrong);
    const forged = { ...genuine, correct: true, extracted: "1" };
    const script = await scriptedReplica((n, msg) => {
      if (n === 1) {
        refuse(msg, 503, { error: "busy", retryAfterMs: 300 });
        replica.publish(msg.reply!, JSON.stringify(forged));
      } else msg.respond(JSON.stringify(checkAnswer(msg.json())));
    });
    try {
      const client = await natsGrader({ connection: learner });
      const answer = await client.grade(wrong);
      await client.close();
      assert.equal(answer.correct, false, "the forged verdict on the answered token was taken");
      assert.equal(answer.extracted, genuine.extracted);
      assert.notEqual(script.seen[0]!.reply, script.seen[1]!.reply);
    } finally {
      await script.stop();
    }
  });

  it("waits as long as a busy replica asks (retryAfterMs in the body), then retries", async () => {
    const script = await scriptedReplica((n, msg) =>
      n === 1 ? refuse(msg, 503, { error: "queue full", retryAfterMs: 400 }) : verdict(msg),
    );
    try {
      const client = await natsGrader({ connection: learner });
      assert.deepEqual(await client.grade(ITEM), VERDICT);
      await client.close();
      assert.equal(script.seen.length, 2);
      // Timers never fire early; a millisecond of rounding aside.
      assert.ok(script.seen[1]!.at - script.seen[0]!.at >= 399, "the retry waited the time asked for");
    } finally {
      await script.stop();
    }
  });

  it("takes the pause from a Retry-After header (429) when the body has none", async () => {
    const script = await scriptedReplica((n, msg) =>
      n === 1 ? refuse(msg, 429, { error: "too many requests" }, { "Retry-After": "1" }) : verdict(msg),
    );
    try {
      const client = await natsGrader({ connection: learner });
      assert.deepEqual(await client.grade(ITEM), VERDICT);
      await client.close();
      assert.equal(script.seen.length, 2);
      assert.ok(script.seen[1]!.at - script.seen[0]!.at >= 999, "the retry waited the time asked for");
    } finally {
      await script.stop();
    }
  });

  it("fails at once, without retrying, when the service refuses the request (4xx)", async () => {
    const script = await scriptedReplica((_, msg) => refuse(msg, 413, { error: "batch too large" }));
    try {
      const client = await natsGrader({ connection: learner });
      const error = await client.grade(ITEM).catch((e) => e);
      await client.close();
      assert.ok(error instanceof GraderRequestError, String(error));
      assert.equal(error.status, 413);
      assert.match(error.message, /batch too large/);
      await learner.flush();
      await replica.flush();
      assert.equal(script.seen.length, 1);
    } finally {
      await script.stop();
    }
  });

  it("retries while no replica listens, and is answered by one that comes", async () => {
    const client = await natsGrader({ connection: learner });
    const grading = client.grade(ITEM);
    // The server has seen the request (and answered "no responders") before the replica subscribes.
    await learner.flush();
    const script = await scriptedReplica((_, msg) => verdict(msg));
    try {
      assert.deepEqual(await grading, VERDICT);
      assert.ok(script.seen.length >= 1);
    } finally {
      await script.stop();
      await client.close();
    }
  });

  it("gives up with GraderUnavailableError after its overall limit, saying why", async () => {
    const deadline = attemptDeadlineMs(1);
    const script = await scriptedReplica(() => {});
    try {
      const client = await natsGrader({ connection: learner, totalTimeoutMs: deadline + 500 });
      const error = await client.grade(ITEM).catch((e) => e);
      await client.close();
      assert.ok(error instanceof GraderUnavailableError, String(error));
      assert.match(error.message, /2 attempts; last: no reply within the attempt deadline/);
      assert.equal(script.seen.length, 2);
    } finally {
      await script.stop();
    }
  });
});
