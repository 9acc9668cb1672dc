import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import type { RunningEvaluator } from "../../infra/stack/evaluator.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { EVALUATOR_NATS, type EvaluationStatus } from "../../shared/contracts/evaluation.ts";
import { submitEvaluation, waitForEvaluation } from "../../shared/evaluation/jobs/client.ts";
import { type EvaluationJobStore, openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import {
  natsServerMissing,
  startTestEvaluator,
  startTestGrader,
  startTestNats,
  type TestProcess,
} from "../support/processes.ts";
import { inProcessResult, jsonl, K, TOY_SAMPLES, TOY_SET } from "./evaluator-fixtures.ts";

const run = promisify(execFile);
const RLVR = join(PROJECT_ROOT, "learner", "cli", "rlvr.js");

describe("evaluator over NATS", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  let grader: TestProcess<RunningGrader>;
  let evaluator: TestProcess<RunningEvaluator>;
  let nc: NatsConnection;
  let store: EvaluationJobStore;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-evaluator-nats-"));
    nats = await startTestNats();
    [grader, evaluator] = await Promise.all([
      startTestGrader({ natsUrl: nats.url }),
      startTestEvaluator({ natsUrl: nats.url }),
    ]);
    nc = await connectNats(nats.url, "evaluator-test");
    store = await openJobStore(nc);
  });
  after(async () => {
    await nc?.close();
    await evaluator?.stop();
    await grader?.stop();
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs a job submitted with submitEvaluation, as rlvr eval does in-process", async () => {
    const id = await submitEvaluation(store, { problemSets: [TOY_SET], samples: TOY_SAMPLES, k: K });
    const seen: EvaluationStatus[] = [];
    const status = await waitForEvaluation(nc, store, id, (s) => seen.push(s), 50);
    assert.equal(status.state, "done", status.error);
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
    const evalTo = (out: string, ...extra: string[]) =>
      run(
        process.execPath,
        [RLVR, "eval", samples, "--data", problems, "--k", String(K), "--out", out, ...extra],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, NATS_URL: nats.url },
        },
      );
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
    const log = evaluator.process.output();
    assert.match(log, /rejected a malformed job message \(seq \d+\): .*JSON/);
    assert.match(log, /rejected a malformed job message \(seq \d+\): id: job ids are letters/);
    // Terminated, not left to be redelivered: soon nothing is pending on the consumer (the good job's
    // ack may trail its status by a moment; an ignored term would hold for the 30 s ack wait).
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 10_000;
    let pending = { num_ack_pending: -1, num_pending: -1 };
    while (Date.now() < deadline) {
      pending = await jsm.consumers.info(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer);
      if (pending.num_ack_pending === 0 && pending.num_pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(pending.num_ack_pending, 0);
    assert.equal(pending.num_pending, 0);
  });
});
