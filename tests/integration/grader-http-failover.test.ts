import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { httpGrader } from "../../shared/clients/grader-http.ts";
import { attemptDeadlineMs } from "../../shared/clients/retry-policy.ts";
import { DEFAULT_TIMEOUT_MS } from "../../shared/contracts/grading.ts";
import {
  failoverFixture,
  LANES,
  MAX_ITEMS_PER_REQUEST,
  percentile,
  type RequestRecord,
} from "../support/failover.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";
import { withoutTiming } from "../support/verdicts.ts";

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
    const records: RequestRecord[] = [];
    let killedAtMs = Number.POSITIVE_INFINITY;
    let killing: Promise<number | string> | undefined;
    let answered = 0;
    let sentAfterKill = 0;
    let next = 0;
    const lane = async () => {
      while (sentAfterKill < SENT_AFTER_KILL) {
        const n = next++;
        const size = n % 2 === 0 ? 1 : 2 + (n % (MAX_ITEMS_PER_REQUEST - 1));
        const cases = Array.from(
          { length: size },
          (_, i) => fixture[(n * MAX_ITEMS_PER_REQUEST + i) % fixture.length]!,
        );
        const record: RequestRecord = { startedMs: performance.now(), endedMs: 0, cases };
        if (killing) sentAfterKill++;
        records.push(record);
        try {
          const requests = cases.map((c) => c.request);
          record.verdicts =
            size === 1 ? [await client.grade(requests[0]!)] : await client.gradeMany(requests);
        } catch (error) {
          record.error = String(error);
        }
        record.endedMs = performance.now();
        if (!killing && ++answered >= ANSWERED_BEFORE_KILL) {
          killedAtMs = performance.now();
          killing = replicas[0]!.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    assert.equal(await killing, "SIGKILL");

    const lost = records.filter((r) => r.error !== undefined || r.verdicts?.length !== r.cases.length);
    let wrong = 0;
    let mismatched = 0;
    for (const record of records) {
      record.verdicts?.forEach((verdict, i) => {
        const { correct, expected } = record.cases[i]!;
        if (verdict.status === "ok" && verdict.correct !== correct) wrong++;
        if (JSON.stringify(withoutTiming(verdict)) !== JSON.stringify(expected)) mismatched++;
      });
    }
    const inFlightAtKill = records.filter((r) => r.startedMs <= killedAtMs && r.endedMs > killedAtMs);
    const latencies = inFlightAtKill.map((r) => r.endedMs - r.startedMs);
    const bound = 2 * DEFAULT_TIMEOUT_MS + attemptDeadlineMs(MAX_ITEMS_PER_REQUEST);
    t.diagnostic(
      `${records.length} requests (${LANES} lanes, 1 to ${MAX_ITEMS_PER_REQUEST} items); lost ${lost.length}, wrong ${wrong}, differing from in-process ${mismatched}`,
    );
    t.diagnostic(
      `in flight at the kill: ${latencies.length} requests, latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, worst ${Math.max(...latencies).toFixed(0)} ms (the issue's bound: ${bound} ms)`,
    );

    assert.deepEqual(
      lost.map((r) => r.error),
      [],
      "every request was answered",
    );
    assert.equal(wrong, 0, "verdicts that disagree with the known label");
    assert.equal(mismatched, 0, "verdicts that differ from the in-process checker's");
    assert.ok(inFlightAtKill.length > 0, "requests were in flight when the replica died");
    const health = await fetch(`${replicas[1]!.url}/healthz`);
    assert.equal(health.status, 200, "the other replica is still serving");
  });
});
