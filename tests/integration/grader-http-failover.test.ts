import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { httpGrader } from "../../shared/clients/grader-http.ts";
import {
  describeFailover,
  failoverFixture,
  loadUntilKilled,
  summarizeFailover,
} from "../support/failover.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";

/** Answers before the kill (both replicas then hold requests), and requests sent after it. */
const ANSWERED_BEFORE_KILL = 200;
const SENT_AFTER_KILL = 400;

describe("grader replicas over HTTP, one killed under load", () => {
  const fixture = failoverFixture();
  let replicas: TestProcess<RunningGrader>[] = [];
  before(async () => {
    replicas = await Promise.all([0, 1].map(() => startTestGrader({ workers: 1 })));
  });
  after(() => Promise.all(replicas.map((replica) => replica.stop())));

  it("loses no request and gives no wrong verdict: the client moves on to the other replica", async (t) => {
    const client = httpGrader({ url: replicas.map((replica) => replica.url) });
    const run = await loadUntilKilled(client, replicas[0]!, fixture, {
      answeredBeforeKill: ANSWERED_BEFORE_KILL,
      sentAfterKill: SENT_AFTER_KILL,
    });
    assert.equal(run.killedWith, "SIGKILL");
    const report = summarizeFailover(run.records, run.killedAtMs, run.killedWith);
    for (const line of describeFailover([report])) t.diagnostic(line);
    const { lost, wrong, mismatched, timeouts, inFlightAtKill } = report;

    assert.deepEqual(
      lost.map((r) => r.error),
      [],
      "every request was answered",
    );
    assert.equal(wrong, 0, "verdicts that disagree with the known label");
    assert.equal(mismatched, 0, "verdicts that differ from the in-process checker's");
    assert.equal(timeouts, 0, "short cases never near their budget");
    assert.ok(inFlightAtKill.length > 0, "requests were in flight when the replica died");
    const health = await fetch(`${replicas[1]!.url}/healthz`);
    assert.equal(health.status, 200, "the other replica is still serving");
  });
});
