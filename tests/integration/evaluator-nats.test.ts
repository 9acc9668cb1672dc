import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { NatsConnection } from "@nats-io/transport-node";
import { EVALUATOR_NATS, type EvaluationStatus } from "../../shared/contracts/evaluation.ts";
import { submitEvaluation, waitForEvaluation } from "../../shared/evaluation/jobs/client.ts";
import { type EvaluationJobStore, openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import {
  inProcessResult,
  jsonl,
  K,
  settledJobsConsumer,
  startTestEvaluationStack,
  type TestEvaluationStack,
  TOY_SAMPLES,
  TOY_SET,
} from "../support/evaluator-fixtures.ts";
import { natsServerMissing } from "../support/processes.ts";
import { rlvrWithEnv } from "../support/rlvr.ts";

describe("evaluator over NATS", { skip: natsServerMissing }, () => {
  let stack: TestEvaluationStack;
  let nc: NatsConnection;
  let store: EvaluationJobStore;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-evaluator-nats-"));
    stack = await startTestEvaluationStack();
    nc = await connectNats(stack.nats.url, "evaluator-test");
    store = await openJobStore(nc);
  });
  after(async () => {
    await nc?.close();
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs a job submitted with submitEvaluation, as rlvr eval does in-process", async () => {
    const title = "Toy benchmark over NATS";
    const id = await submitEvaluation(store, { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K, title });
    const seen: EvaluationStatus[] = [];
    const status = await waitForEvaluation(nc, store, id, (s) => seen.push(s), 50);
    assert.equal(status.state, "done", status.error);
    assert.equal(status.title, title, "the job keeps its title for its reports");
    assert.equal(status.attempts, 1);
    assert.deepEqual(status.result, await inProcessResult([TOY_SET], TOY_SAMPLES, K));
    assert.ok(seen.length > 0, "progress was reported");
  });

  it("gives `rlvr eval --via nats` the same result as `rlvr eval` in-process", async () => {
    const problems = join(dir, "toy.jsonl");
    const samples = join(dir, "samples.jsonl");
    await writeFile(
      problems,
      jsonl(TOY_SET.problems.map((p) => ({ ...p, answer: p.gold, gold: undefined }))),
    );
    await writeFile(samples, jsonl(TOY_SAMPLES));
    const evalTo = async (out: string, ...extra: string[]) => {
      const args = ["eval", samples, "--data", problems, "--k", String(K), "--out", out, ...extra];
      const result = await rlvrWithEnv({ NATS_URL: stack.nats.url }, ...args);
      assert.equal(result.code, 0, result.stderr);
    };
    await Promise.all([evalTo(join(dir, "here")), evalTo(join(dir, "job"), "--via", "nats")]);
    const here = JSON.parse(await readFile(join(dir, "here", "result.json"), "utf8"));
    const job = JSON.parse(await readFile(join(dir, "job", "result.json"), "utf8"));
    assert.deepEqual(job, here);
    assert.equal(
      await readFile(join(dir, "job", "report.md"), "utf8"),
      await readFile(join(dir, "here", "report.md"), "utf8"),
    );
  });

  it("terminates malformed job messages with a clear log line and keeps serving the queue", async () => {
    await store.js.publish(EVALUATOR_NATS.jobsSubject, "{not json");
    await store.js.publish(
      EVALUATOR_NATS.jobsSubject,
      JSON.stringify({ id: "has spaces", request: { samples: [], k: -1 } }),
    );
    const id = await submitEvaluation(store, { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K });
    const status = await waitForEvaluation(nc, store, id, undefined, 50);
    assert.equal(status.state, "done", status.error);
    const log = stack.evaluator.process.output();
    assert.match(log, /rejected a malformed job message \(seq \d+\): .*JSON/);
    assert.match(log, /rejected a malformed job message \(seq \d+\): id: job ids are letters/);
    // Terminated, not left to be redelivered: soon nothing is pending on the consumer (an ignored
    // term would hold for the 30 s ack wait).
    const consumer = await settledJobsConsumer(nc);
    assert.equal(consumer.num_ack_pending, 0);
    assert.equal(consumer.num_pending, 0);
  });
});
