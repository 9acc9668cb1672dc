/**
 * The failover scenario that tests/integration/grader-failover.test.ts checks and `npm run
 * bench:failover` measures: one nats-server, two grader replicas (separate processes), eight lanes of
 * single-item and small-batch requests over NATS from the grader suites' known right and wrong answers,
 * and one replica killed with SIGKILL mid-load. Nothing here waits for a time to pass: the kill comes
 * after a number of answers, and the load stops after a number of requests sent after the kill.
 */
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import type { GraderClient } from "../../shared/clients/grader.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { attemptDeadlineMs } from "../../shared/clients/retry-policy.ts";
import { DEFAULT_TIMEOUT_MS, type GradeRequest, type Verdict } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { loadSuite, type SuiteCase } from "../suites/grader/schema.ts";
import { startTestGrader, startTestNats, type TestProcess } from "./processes.ts";
import { expectedVerdict, withoutTiming } from "./verdicts.ts";

export const LANES = 8;
/** Requests carry one item (`rlvr.grade`) or a batch of two to this many (`rlvr.grade.batch`). */
export const MAX_ITEMS_PER_REQUEST = 4;
/** Short cases only, so that a check never nears its budget however loaded the machine is. */
const MAX_RESPONSE_CHARS = 400;

export interface FailoverOptions {
  /** Answers to wait for before the kill, so that both replicas hold requests when it comes. */
  answeredBeforeKill: number;
  /** Requests sent after the kill before the load stops. */
  sentAfterKill: number;
}

export interface FixtureCase {
  request: GradeRequest;
  correct: boolean;
  expected: Omit<Verdict, "elapsedMs">;
}

export interface RequestRecord {
  startedMs: number;
  endedMs: number;
  cases: FixtureCase[];
  verdicts?: Verdict[];
  error?: string;
}

export interface FailoverReport {
  records: RequestRecord[];
  killedAtMs: number;
  /** How the killed replica ended (SIGKILL). */
  killedWith: number | string;
  /** Requests that ended in an error: lost. */
  lost: RequestRecord[];
  /** Verdicts (status ok) that disagree with the case's label. */
  wrong: number;
  /** Verdicts (status ok) that differ from the in-process checker's for the same item: a mixed-up reply. */
  mismatched: number;
  /** Verdicts that ran out of their budget (neither right nor wrong). */
  timeouts: number;
  inFlightAtKill: RequestRecord[];
  /** Requests sent after the kill and answered. */
  answeredAfterKill: number;
  itemBudgetMs: number;
  /** The largest request's attempt deadline. */
  attemptDeadlineMs: number;
  /** What the issue allows the requests in flight at the kill: 2 × item budget + one attempt deadline. */
  boundMs: number;
}

/** The suites' right answers (recall) and wrong answers, short ones, with their in-process verdicts. */
export function failoverFixture(): FixtureCase[] {
  const cases: SuiteCase[] = [...loadSuite("recall"), ...loadSuite("wrong")].filter(
    (c) => c.response.length <= MAX_RESPONSE_CHARS,
  );
  return cases.map((c) => {
    const request: GradeRequest = {
      response: c.response,
      gold: c.gold,
      ...(c.options ? { options: c.options } : {}),
    };
    return { request, correct: c.correct, expected: expectedVerdict(request) };
  });
}

export async function runFailoverScenario(options: FailoverOptions): Promise<FailoverReport> {
  const fixture = failoverFixture();
  let nats: TestProcess<RunningNatsServer> | undefined;
  const replicas: TestProcess<RunningGrader>[] = [];
  try {
    nats = await startTestNats();
    const natsUrl = nats.url;
    replicas.push(...(await Promise.all([0, 1].map(() => startTestGrader({ workers: 1, natsUrl })))));
    const nc = await connectNats(nats.url, "failover-load");
    const client = await natsGrader({ connection: nc });
    try {
      const run = await loadUntilKilled(client, replicas[0]!, fixture, options);
      return summarizeFailover(run.records, run.killedAtMs, run.killedWith);
    } finally {
      await client.close();
      await nc.close();
    }
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await nats?.stop();
  }
}

/** Any transport's grader client: the load needs one request and one batch call. */
type LoadClient = Pick<GraderClient, "grade" | "gradeMany">;

/**
 * LANES concurrent lanes of requests (one item or a batch) until `sentAfterKill` requests have gone
 * out after `victim` was SIGKILLed, which happens once `answeredBeforeKill` were answered.
 */
export async function loadUntilKilled(
  client: LoadClient,
  victim: { kill(): Promise<number | string> },
  fixture: readonly FixtureCase[],
  options: FailoverOptions,
): Promise<{ records: RequestRecord[]; killedAtMs: number; killedWith: number | string }> {
  const records: RequestRecord[] = [];
  let killedAtMs = Number.POSITIVE_INFINITY;
  let killing: Promise<number | string> | undefined;
  let sentAfterKill = 0;
  let answered = 0;
  let next = 0;
  const lane = async () => {
    while (sentAfterKill < options.sentAfterKill) {
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
        record.verdicts = size === 1 ? [await client.grade(requests[0]!)] : await client.gradeMany(requests);
      } catch (error) {
        record.error = String(error);
      }
      record.endedMs = performance.now();
      if (!killing && ++answered >= options.answeredBeforeKill) {
        killedAtMs = performance.now();
        killing = victim.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return { records, killedAtMs, killedWith: await (killing ?? Promise.resolve("not killed")) };
}

export function summarizeFailover(
  records: RequestRecord[],
  killedAtMs: number,
  killedWith: number | string,
): FailoverReport {
  let wrong = 0;
  let mismatched = 0;
  let timeouts = 0;
  for (const record of records) {
    record.verdicts?.forEach((verdict, i) => {
      const fixture = record.cases[i]!;
      if (verdict.status === "timeout") timeouts++;
      if (verdict.status !== "ok") return;
      if (verdict.correct !== fixture.correct) wrong++;
      if (JSON.stringify(withoutTiming(verdict)) !== JSON.stringify(fixture.expected)) mismatched++;
    });
  }
  const itemBudgetMs = DEFAULT_TIMEOUT_MS;
  const deadline = attemptDeadlineMs(MAX_ITEMS_PER_REQUEST, itemBudgetMs);
  return {
    records,
    killedAtMs,
    killedWith,
    lost: records.filter((r) => r.error !== undefined || r.verdicts?.length !== r.cases.length),
    wrong,
    mismatched,
    timeouts,
    inFlightAtKill: records.filter((r) => r.startedMs <= killedAtMs && r.endedMs > killedAtMs),
    answeredAfterKill: records.filter((r) => r.startedMs > killedAtMs && r.verdicts).length,
    itemBudgetMs,
    attemptDeadlineMs: deadline,
    boundMs: 2 * itemBudgetMs + deadline,
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * The figures, one line each, over one or more runs: counts, the latency of the requests in flight at
 * the kill (pooled over the runs), the bound, and whether the p99 is within it.
 */
export function describeFailover(reports: FailoverReport[]): string[] {
  const sum = (of: (report: FailoverReport) => number) => reports.reduce((total, r) => total + of(r), 0);
  const latencies = reports.flatMap((r) =>
    r.inFlightAtKill.map((record) => record.endedMs - record.startedMs),
  );
  const p99 = percentile(latencies, 99);
  const { itemBudgetMs, attemptDeadlineMs, boundMs } = reports[0]!;
  return [
    `${reports.length} run(s), ${sum((r) => r.records.length)} requests (${LANES} lanes, 1 to ` +
      `${MAX_ITEMS_PER_REQUEST} items each); lost ${sum((r) => r.lost.length)}, wrong verdicts ` +
      `${sum((r) => r.wrong)}, mixed-up replies ${sum((r) => r.mismatched)}, budget timeouts ` +
      `${sum((r) => r.timeouts)}; answered after the kill: ${sum((r) => r.answeredAfterKill)}`,
    `in flight at the kill: ${latencies.length} requests, latency p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p99 ${p99.toFixed(0)} ms, worst ${Math.max(...latencies).toFixed(0)} ms`,
    `bound: 2 × item budget (${itemBudgetMs} ms) + one attempt deadline (${attemptDeadlineMs} ms) = ` +
      `${boundMs} ms; p99 within it: ${p99 <= boundMs ? "yes" : "no"}`,
  ];
}
