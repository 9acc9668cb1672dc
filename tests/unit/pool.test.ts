import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GradingPool } from "../../shared/pool/index.ts";
import {
  ANSWER_AT_ONCE,
  CRASH_WORKER,
  misbehavingWorkerUrl,
  neverStartingWorkerUrl,
  SPIN_FOREVER,
  sleepThen,
} from "../support/misbehaving-worker.ts";
import {
  expectedVerdict as expected,
  sampleRequests as requests,
  withoutTiming,
} from "../support/verdicts.ts";

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("GradingPool", () => {
  let pool: GradingPool;
  before(async () => {
    pool = await GradingPool.start({ size: 2 });
  });
  after(() => pool.close());

  it("grades one request as the checker does in-process", async () => {
    for (const request of requests) {
      assert.deepEqual(withoutTiming(await pool.grade(request)), expected(request));
    }
  });

  it("grades many requests, in order", async () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      response: `\\boxed{${i % 7}}`,
      gold: String(i % 5),
    }));
    const verdicts = await pool.gradeMany([...requests, ...many]);
    assert.deepEqual(verdicts.map(withoutTiming), [...requests, ...many].map(expected));
  });

  it("keeps concurrent callers' verdicts apart", async () => {
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => ({
        response: `\\boxed{${b * 100 + i}}`,
        gold: String(b * 100 + i),
      })),
    );
    const results = await Promise.all(batches.map((batch) => pool.gradeMany(batch)));
    for (const [b, verdicts] of results.entries()) {
      assert.deepEqual(
        verdicts.map((v) => v.extracted),
        batches[b].map((r) => r.response.slice(7, -1)),
      );
      assert.ok(verdicts.every((v) => v.correct));
    }
  });

  it("reports what it did", async () => {
    const stats = pool.stats();
    assert.equal(stats.size, 2);
    assert.equal(stats.readyWorkers, 2);
    assert.equal(stats.queued, 0);
    assert.equal(stats.inFlight, 0);
    assert.ok(stats.completed >= requests.length);
  });

  it("refuses work once closed", async () => {
    const closing = await GradingPool.start({ size: 1 });
    const verdict = closing.grade(requests[0]);
    await closing.close();
    assert.equal((await verdict).status, "ok");
    await assert.rejects(closing.grade(requests[0]), /closed/);
  });
});

describe("GradingPool with a worker that misbehaves", () => {
  let pool: GradingPool;
  before(async () => {
    pool = await GradingPool.start({ size: 2, workerUrl: misbehavingWorkerUrl, timeoutMs: 100 });
  });
  after(() => pool.close());

  it("answers an overrunning item `timeout`, the rest of its batch normally, and keeps serving", async () => {
    const batch = [...requests, { response: SPIN_FOREVER, gold: "1" }, ...requests];
    const verdicts = await pool.gradeMany(batch);
    const spun = verdicts[requests.length];
    assert.equal(spun.status, "timeout");
    assert.equal(spun.correct, false);
    assert.match(spun.reason ?? "", /100 ms/);
    assert.ok(spun.elapsedMs >= 99, `elapsed ${spun.elapsedMs}`);
    const others = verdicts.filter((_, i) => i !== requests.length);
    assert.deepEqual(others.map(withoutTiming), [...requests, ...requests].map(expected));

    const stats = pool.stats();
    assert.equal(stats.timeouts, 1);
    assert.equal(stats.restarts, 1);
    assert.deepEqual(withoutTiming(await pool.grade(requests[0])), expected(requests[0]));
  });

  it("honours a request's own budget", async () => {
    const verdict = await pool.grade({ response: SPIN_FOREVER, gold: "1", options: { timeoutMs: 30 } });
    assert.equal(verdict.status, "timeout");
    assert.match(verdict.reason ?? "", /30 ms/);
  });

  it("really stops the work of a worker it gave up on", async () => {
    await pool.gradeMany([
      { response: SPIN_FOREVER, gold: "1" },
      { response: SPIN_FOREVER, gold: "1" },
    ]);
    // Starting the replacements costs CPU of its own, so measure only once they are up.
    await until(() => pool.stats().readyWorkers === 2);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - wallBefore;
    // Two threads still spinning would burn about twice the wall time.
    assert.ok(cpuMs < wallMs * 0.5, `the process used ${cpuMs} ms of CPU in ${wallMs} ms`);
  });

  it("answers every item exactly once when many misbehave at once", async () => {
    const batch = Array.from({ length: 60 }, (_, i) =>
      i % 20 === 5 ? { response: SPIN_FOREVER, gold: "1" } : { response: `\\boxed{${i}}`, gold: String(i) },
    );
    const verdicts = await pool.gradeMany(batch);
    assert.equal(verdicts.length, batch.length);
    for (const [i, verdict] of verdicts.entries()) {
      if (i % 20 === 5) assert.equal(verdict.status, "timeout");
      else assert.deepEqual(withoutTiming(verdict), expected(batch[i]));
    }
    const stats = pool.stats();
    assert.equal(stats.queued + stats.inFlight, 0);
  });
});

// A budget far above a crash's detection, so that a loaded machine cannot turn the crash into a timeout.
describe("GradingPool with a worker that crashes", () => {
  let pool: GradingPool;
  before(async () => {
    pool = await GradingPool.start({ size: 2, workerUrl: misbehavingWorkerUrl, timeoutMs: 30_000 });
  });
  after(() => pool.close());

  it("answers the item of a crashed worker `error`, and replaces the worker", async () => {
    const restartsBefore = pool.stats().restarts;
    const batch = [requests[0], { response: CRASH_WORKER, gold: "1" }, requests[1], requests[2]];
    const verdicts = await pool.gradeMany(batch);
    assert.equal(verdicts[1].status, "error");
    assert.match(verdicts[1].reason ?? "", /crashed/);
    assert.deepEqual([verdicts[0], verdicts[2], verdicts[3]].map(withoutTiming), [
      expected(requests[0]),
      expected(requests[1]),
      expected(requests[2]),
    ]);
    assert.equal(pool.stats().restarts, restartsBefore + 1);
    assert.equal(pool.stats().crashes, 1);
  });
});

describe("GradingPool serving several callers", () => {
  let pool: GradingPool;
  before(async () => {
    pool = await GradingPool.start({ size: 2, workerUrl: misbehavingWorkerUrl, timeoutMs: 2_000 });
  });
  after(() => pool.close());

  it("answers another caller while one caller's batch of slow items is in flight", async () => {
    const slow = Array.from({ length: 16 }, (_, i) => ({
      response: sleepThen(100, `\\boxed{${i}}`),
      gold: String(i),
    }));
    const answered: string[] = [];
    const slowBatch = Promise.all(
      slow.map((request) => pool.grade(request, { tenant: "slow" }).finally(() => answered.push("slow"))),
    );
    // Once one of its items is done, the slow caller holds every worker it may.
    await until(() => answered.length > 0);
    const quick = await pool.grade(requests[0]).finally(() => answered.push("quick"));
    assert.deepEqual(withoutTiming(quick), expected(requests[0]));
    // It waited at most for the items running when it came (one per worker), not for the batch.
    const slowBeforeQuick = answered.indexOf("quick");
    assert.ok(slowBeforeQuick <= 1 + pool.stats().size, `answered after ${slowBeforeQuick} slow items`);
    const verdicts = await slowBatch;
    assert.deepEqual(
      verdicts.map((v) => [v.status, v.correct]),
      slow.map(() => ["ok", true]),
    );
  });

  it("takes turns between callers' batches of quick items", async () => {
    const batch = (caller: number, length: number) =>
      Array.from({ length }, (_, i) => ({ response: `\\boxed{${caller}${i}}`, gold: `${caller}${i}` }));
    const completedBefore = pool.stats().completed;
    const big = pool.gradeMany(batch(1, 5_000));
    const small = await pool.gradeMany(batch(2, 20));
    // The small batch came second, yet was done while most of the big one still waited.
    const completed = pool.stats().completed - completedBefore;
    assert.ok(completed < 2_500, `${completed} items were graded before the small batch was done`);
    assert.ok([...(await big), ...small].every((v) => v.correct));
  });

  it("keeps one caller's calls in one turn", async () => {
    const slow = { response: sleepThen(100, "\\boxed{1}"), gold: "1" };
    const answered: string[] = [];
    // Eight calls of one tenant, then one of another: the other goes before most of the eight.
    const calls = Array.from({ length: 8 }, () =>
      pool.grade(slow, { tenant: "one client" }).finally(() => answered.push("client")),
    );
    await pool.grade(requests[0]).finally(() => answered.push("other"));
    await Promise.all(calls);
    assert.ok(answered.indexOf("other") <= pool.stats().size, answered.join(", "));
  });
});

describe("GradingPool clocks", () => {
  it("starts an item's clock when the worker starts it, not when the chunk is sent", async () => {
    const pool = await GradingPool.start({ size: 2, workerUrl: misbehavingWorkerUrl, timeoutMs: 10 });
    try {
      // 16 responses of 2,000,000 characters: sending them takes far longer than the 10 ms budget.
      const huge = { response: ANSWER_AT_ONCE.padEnd(2_000_000, "x"), gold: "1" };
      const verdicts = await pool.gradeMany(Array.from({ length: 16 }, () => huge));
      assert.deepEqual(
        verdicts.map((v) => v.status),
        verdicts.map(() => "ok"),
      );
      assert.ok(verdicts.every((v) => v.correct));
      assert.equal(pool.stats().timeouts, 0);
    } finally {
      await pool.close();
    }
  });

  it("loads mathjs outside any budget: a fresh worker's first unit comparison is not a timeout", async () => {
    // Loading mathjs takes a few hundred milliseconds, far over this 100 ms budget.
    const pool = await GradingPool.start({ size: 1, timeoutMs: 100 });
    try {
      const verdict = await pool.grade({ response: "\\boxed{1.5\\text{ m}}", gold: "150 cm" });
      assert.deepEqual([verdict.status, verdict.correct], ["ok", true]);
      assert.equal(pool.stats().timeouts, 0);
    } finally {
      await pool.close();
    }
  });

  it("answers `timeout` when a worker never starts what it was sent, after the start grace", async () => {
    const pool = await GradingPool.start({
      size: 1,
      workerUrl: neverStartingWorkerUrl,
      timeoutMs: 10,
      startGraceMs: 200,
    });
    try {
      const verdict = await pool.grade(requests[0]);
      assert.equal(verdict.status, "timeout");
      // Its 10 ms budget never started to run: only the start grace ran out.
      assert.match(verdict.reason ?? "", /did not start the check within 200 ms/);
      assert.equal(verdict.elapsedMs, 0);
      assert.equal(pool.stats().timeouts, 1);
    } finally {
      await pool.close();
    }
  });
});
