import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { RunningEvaluator } from "../../infra/stack/evaluator.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { EVALUATOR_NATS, type EvaluationStatus } from "../../shared/contracts/evaluation.ts";
import { submitEvaluation, waitForEvaluation } from "../../shared/evaluation/jobs/client.ts";
import { type EvaluationJobStore, openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { inProcessResult, settledJobsConsumer, syntheticJob } from "../support/evaluator-fixtures.ts";
import {
  natsServerMissing,
  startTestEvaluator,
  startTestGrader,
  startTestNats,
  type TestProcess,
} from "../support/processes.ts";

/** Short, so the job comes back within seconds of the crash instead of the default 30 s. */
const ACK_WAIT_MS = 3_000;
const K = 16;

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("evaluator crash safety", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let grader: TestProcess<RunningGrader>;
  const evaluators: TestProcess<RunningEvaluator>[] = [];
  let nc: NatsConnection;
  let store: EvaluationJobStore;
  before(async () => {
    nats = await startTestNats();
    grader = await startTestGrader({ natsUrl: nats.url });
    nc = await connectNats(nats.url, "evaluator-crash-test");
    store = await openJobStore(nc);
  });
  after(async () => {
    await nc?.close();
    await Promise.all(evaluators.map((e) => e.stop()));
    await grader?.stop();
    await nats?.stop();
  });

  it("finishes a job once, with the in-process result, after its evaluator is killed mid-job", async () => {
    const { set, samples } = syntheticJob(1_250, K);
    assert.equal(samples.length, 20_000);
    const first = await startTestEvaluator({ natsUrl: nats.url, ackWaitMs: ACK_WAIT_MS });
    evaluators.push(first);

    const id = await submitEvaluation(store, { problemSets: [set], samples, k: K });
    // Kill on the first progress event that shows the job partly graded: some chunks are stored.
    const midJob = new Promise<EvaluationStatus>((resolve) => {
      const events = nc.subscribe(EVALUATOR_NATS.progressSubject(id));
      void (async () => {
        for await (const event of events) {
          const status = event.json<EvaluationStatus>();
          if (status.progress.graded > 0 && status.progress.graded < status.progress.total) {
            events.unsubscribe();
            resolve(status);
          }
        }
      })();
    });
    const atKill = await within(120_000, "reaching mid-job", midJob);
    await first.kill();
    assert.equal(atKill.attempts, 1);

    const second = await startTestEvaluator({ natsUrl: nats.url, ackWaitMs: ACK_WAIT_MS });
    evaluators.push(second);
    const final = await within(180_000, "finishing the job", waitForEvaluation(nc, store, id));

    assert.equal(final.state, "done", final.error);
    assert.ok(final.attempts >= 2, `attempts ${final.attempts}`);
    assert.deepEqual(final.progress, { graded: samples.length, total: samples.length });
    assert.deepEqual(final.result, await inProcessResult([set], samples, K));

    // Once: the second evaluator resumed from the stored chunks and finished the job one time, and the
    // job left the queue; its chunks were removed.
    const log = second.process.output();
    assert.match(log, new RegExp(`job ${id}: resumed, reusing [1-9]\\d* of 20000 verdicts`));
    assert.equal(log.match(new RegExp(`job ${id} done`, "g"))?.length, 1, log);
    const consumer = await settledJobsConsumer(nc);
    assert.equal(consumer.num_ack_pending + consumer.num_pending, 0);
    const jsm = await jetstreamManager(nc);
    assert.equal((await jsm.streams.info(EVALUATOR_NATS.stream)).state.messages, 0);
    const chunkKeys: string[] = [];
    for await (const key of await store.chunks.keys(`${id}.*`)) chunkKeys.push(key);
    assert.deepEqual(chunkKeys, []);
  });
});
