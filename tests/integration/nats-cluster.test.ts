/**
 * A three-node NATS cluster with two grader replicas and two evaluators spread over it: one node is
 * killed (SIGKILL) while an evaluation job runs and a steady grading load is on. The job must finish
 * once with the result of an uninterrupted run, and every grading request must get its right verdict.
 */

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { RunningEvaluator } from "../../infra/stack/evaluator.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsCluster } from "../../infra/stack/nats-cluster.ts";
import { startStack } from "../../infra/stack/stack.ts";
import { type NatsGraderClient, natsGrader } from "../../shared/clients/grader-nats.ts";
import { EVALUATOR_NATS, type EvaluationStatus } from "../../shared/contracts/evaluation.ts";
import type { GradeRequest, Verdict } from "../../shared/contracts/grading.ts";
import { submitEvaluation, waitForEvaluation } from "../../shared/evaluation/jobs/client.ts";
import { type EvaluationJobStore, openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { rideOutNatsOutages } from "../../shared/nats/outages.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";
import { inProcessResult, settledJobsConsumer, syntheticJob } from "../support/evaluator-fixtures.ts";
import {
  natsServerMissing,
  startTestEvaluator,
  startTestGrader,
  startTestNatsCluster,
  type TestProcess,
} from "../support/processes.ts";
import { expectedVerdict, withoutTiming } from "../support/verdicts.ts";

const NODES = 3;
const K = 16;
const LOAD_LANES = 4;

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Single-item requests with the in-process checker's verdicts: right and wrong answers, bare and long. */
function gradingMix(): { item: GradeRequest; expected: Omit<Verdict, "elapsedMs"> }[] {
  const rng = seededRng(5);
  const golds = ["42", "\\frac{3}{4}", "-17", "2\\sqrt{2}", "1024", "0.125", "\\frac{7}{9}", "360"];
  return golds.flatMap((gold) =>
    syntheticResponses(gold, 12, rng).map(({ response }) => {
      const item = { response, gold };
      return { item, expected: expectedVerdict(item) };
    }),
  );
}

interface LoadReport {
  answered: number;
  /** Requests sent after the node was killed (and answered). */
  sentAfterKill: number;
  wrong: string[];
  failed: string[];
  latenciesMs: number[];
  /** Latencies of the requests that were in flight when the node was killed. */
  inFlightAtKillMs: number[];
}

/** `LOAD_LANES` lanes grading one item after another until `stop` resolves. */
async function gradingLoad(
  client: NatsGraderClient,
  killedAt: () => number | null,
  stop: Promise<void>,
): Promise<LoadReport> {
  const mix = gradingMix();
  const report: LoadReport = {
    answered: 0,
    sentAfterKill: 0,
    wrong: [],
    failed: [],
    latenciesMs: [],
    inFlightAtKillMs: [],
  };
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: LOAD_LANES }, async () => {
      while (!stopped) {
        const { item, expected } = mix[next++ % mix.length]!;
        const sentAt = performance.now();
        try {
          const verdict = await client.grade(item);
          const latency = performance.now() - sentAt;
          report.answered++;
          report.latenciesMs.push(latency);
          const kill = killedAt();
          if (kill !== null && sentAt < kill && sentAt + latency > kill)
            report.inFlightAtKillMs.push(latency);
          if (kill !== null && sentAt > kill) report.sentAfterKill++;
          if (JSON.stringify(withoutTiming(verdict)) !== JSON.stringify(expected)) {
            report.wrong.push(`${JSON.stringify(item)} → ${JSON.stringify(verdict)}`);
          }
        } catch (error) {
          report.failed.push((error as Error).message);
        }
      }
    }),
  );
  return report;
}

describe("a three-node NATS cluster losing a node", { skip: natsServerMissing }, () => {
  let cluster: RunningNatsCluster;
  const graders: TestProcess<RunningGrader>[] = [];
  const evaluators: TestProcess<RunningEvaluator>[] = [];
  const connections: NatsConnection[] = [];
  before(async () => {
    cluster = await startTestNatsCluster(NODES);
    // Service i prefers node i mod 3: graders on nodes 1 and 2, evaluators on nodes 3 and 1.
    // All settled before after() runs, so that none started is left running when another fails.
    const started = await Promise.allSettled([
      ...[0, 1].map((i) => startTestGrader({ natsUrl: cluster.urlFrom(i) }).then((g) => graders.push(g))),
      ...[2, 3].map((i) =>
        startTestEvaluator({ natsUrl: cluster.urlFrom(i) }).then((e) => evaluators.push(e)),
      ),
    ]);
    const failure = started.find((s) => s.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
  });
  after(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await Promise.all(evaluators.map((e) => e.stop()));
    await Promise.all(graders.map((g) => g.stop()));
    await cluster?.stop();
  });

  it("keeps three replicas, finishes the job once with the same result and loses no request", async (t) => {
    const { set, samples } = syntheticJob(1_250, K, 23);
    const expectedResult = await inProcessResult([set], samples, K);

    // The evaluators made the stream, buckets and object store, with replicas from the cluster's size.
    const probe = await connectNats(cluster.url, "cluster-test-probe");
    const probeJsm = await jetstreamManager(probe);
    const jobsStream = await probeJsm.streams.info(EVALUATOR_NATS.stream);
    assert.equal(jobsStream.config.num_replicas, 3, "the job stream has three replicas");
    for (const name of [
      `KV_${EVALUATOR_NATS.resultsBucket}`,
      `KV_${EVALUATOR_NATS.chunksBucket}`,
      `OBJ_${EVALUATOR_NATS.samplesStore}`,
    ]) {
      assert.equal((await probeJsm.streams.info(name)).config.num_replicas, 3, `${name} has three replicas`);
    }
    await probe.close();
    // The node to kill is the one leading the job stream: its replicas must take over.
    const leader = jobsStream.cluster?.leader;
    assert.ok(leader, "the job stream has a leader");
    const victim = Number(leader.replace("rlvr-", "")) - 1;
    // The observer sits on a node that stays; the grading load on the one that goes.
    const observer = await connectNats(cluster.urlFrom(victim + 1), "cluster-test-observer");
    connections.push(observer);
    const store: EvaluationJobStore = await openJobStore(observer);
    const jsm = await jetstreamManager(observer);
    const client = await natsGrader({ connection: cluster.urlFrom(victim) });

    let killedAt: number | null = null;
    let stopLoad = () => {};
    const loadStopped = new Promise<void>((resolve) => {
      stopLoad = resolve;
    });
    const load = gradingLoad(client, () => killedAt, loadStopped);

    const doneEvents: EvaluationStatus[] = [];
    let midJob = (_: EvaluationStatus) => {};
    const reachedMidJob = new Promise<EvaluationStatus>((resolve) => {
      midJob = resolve;
    });
    const id = await submitEvaluation(store, { problemSets: [set], samples, k: K });
    const events = observer.subscribe(EVALUATOR_NATS.progressSubject(id));
    void (async () => {
      for await (const event of events) {
        const status = event.json<EvaluationStatus>();
        if (status.state === "done") doneEvents.push(status);
        // A quarter in: chunks are stored, most of the job is still to come.
        const { graded, total } = status.progress;
        if (graded >= total / 4 && graded < total) midJob(status);
      }
    })();

    const atKill = await within(180_000, "reaching mid-job", reachedMidJob);
    killedAt = performance.now();
    await cluster.nodes[victim]!.process.kill();
    const final = await within(300_000, "finishing the job", waitForEvaluation(observer, store, id));
    const jobSeconds = (performance.now() - killedAt) / 1000;
    // A little more load after the job, so requests also run on the two nodes left alone.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stopLoad();
    const report = await load;
    await client.close();
    events.unsubscribe();

    t.diagnostic(
      `killed ${leader} (the job stream's leader) at ${atKill.progress.graded}/${atKill.progress.total}; ` +
        `the job finished ${jobSeconds.toFixed(1)} s later, attempts ${final.attempts}`,
    );
    const sorted = [...report.latenciesMs].sort((a, b) => a - b);
    const inFlight = [...report.inFlightAtKillMs].sort((a, b) => a - b);
    t.diagnostic(
      `grading load: ${report.answered} answered, ${report.wrong.length} wrong, ${report.failed.length} failed; ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
        `max ${(sorted.at(-1) ?? 0).toFixed(0)} ms; ${inFlight.length} in flight at the kill, ` +
        `their max ${(inFlight.at(-1) ?? 0).toFixed(0)} ms`,
    );

    for (const [i, grader] of graders.entries()) {
      const metrics = await (await fetch(`${grader.url}/metrics`)).text();
      const lines = metrics.split("\n").filter((l) => /^grader_(pool_timeouts_total|verdicts_total)/.test(l));
      t.diagnostic(`grader ${i + 1}: ${lines.join("; ")}`);
    }
    for (const [i, evaluator] of evaluators.entries()) {
      for (const line of evaluator.process.output().split("\n")) {
        if (line.includes(id) || /NATS|JetStream|pulling/.test(line))
          t.diagnostic(`evaluator ${i + 1}: ${line}`);
      }
    }

    assert.equal(final.state, "done", final.error);
    assert.deepEqual(final.progress, { graded: samples.length, total: samples.length });
    assert.deepEqual(final.result, expectedResult);
    assert.equal(doneEvents.length, 1, `one done status, not ${doneEvents.length}`);

    assert.deepEqual(report.failed, [], "no grading request failed");
    assert.deepEqual(report.wrong, [], "every verdict is the checker's");
    assert.ok(report.sentAfterKill > 0, "the load went on after the kill");

    // Nothing left behind on the surviving nodes: the job left the queue.
    const consumer = await settledJobsConsumer(observer, 60_000);
    assert.equal(consumer.num_ack_pending + consumer.num_pending, 0);
    const stream = await rideOutNatsOutages(() => jsm.streams.info(EVALUATOR_NATS.stream), {
      limitMs: 60_000,
    });
    assert.equal(stream.state.messages, 0);
  });
});

describe("startStack with a cluster (rlvr stack up --cluster 3)", { skip: natsServerMissing }, () => {
  it("starts three routed nodes, spreads the services over them, keeps three replicas and stops all", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "rlvr-stack-cluster-"));
    try {
      const stack = await startStack({ stateDir, cluster: NODES, graderReplicas: 2, graderWorkers: 1 });
      const processes = [
        ...stack.natsServers.map((s) => s.process),
        ...stack.graders.map((g) => g.process),
        stack.evaluator!.process,
      ];
      try {
        assert.equal(stack.natsServers.length, NODES);
        assert.equal(stack.natsUrl, stack.natsServers.map((s) => s.url).join(","));
        // Who is connected where: grader 1 on node 1, grader 2 on node 2, the evaluator on node 3.
        const clientsByNode = await Promise.all(
          stack.natsServers.map(async (node) => {
            const connz = (await (await fetch(`${node.monitorUrl}/connz`)).json()) as {
              connections?: { name?: string }[];
            };
            return (connz.connections ?? []).map((c) => c.name).sort();
          }),
        );
        assert.deepEqual(clientsByNode, [["rlvr-grader"], ["rlvr-grader"], ["rlvr-evaluator"]]);
        const nc = await connectNats(stack.natsUrl, "stack-cluster-test", {
          credentialsFile: stack.credentialsFile,
        });
        try {
          const info = await (await jetstreamManager(nc)).streams.info(EVALUATOR_NATS.stream);
          assert.equal(info.config.num_replicas, 3);
          assert.equal(info.cluster?.replicas?.length, 2, "two followers beside the leader");
        } finally {
          await nc.close();
        }
      } finally {
        await stack.stop();
      }
      for (const p of processes)
        assert.throws(() => process.kill(p.pid, 0), { code: "ESRCH" }, `${p.name} stopped`);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
