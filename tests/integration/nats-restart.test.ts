import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import {
  EVALUATOR_NATS,
  type EvaluationResult,
  type EvaluationStatus,
} from "../../shared/contracts/evaluation.ts";
import { GRADER_NATS } from "../../shared/contracts/grading.ts";
import { readStatus } from "../../shared/evaluation/jobs/client.ts";
import { openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { jsonl, syntheticJob } from "../support/evaluator-fixtures.ts";
import { failoverFixture } from "../support/failover.ts";
import {
  natsServerMissing,
  startRestartableTestNats,
  startTestEvaluator,
  startTestGrader,
  type TestProcess,
} from "../support/processes.ts";
import { rlvrWithEnv } from "../support/rlvr.ts";
import { withoutTiming } from "../support/verdicts.ts";

/** Long enough for every client to notice the server is gone. */
const DOWN_MS = 1_000;

describe("a nats-server restart", { skip: natsServerMissing }, () => {
  it("is ridden through by natsGrader().gradeMany: every verdict comes back, right", async (t) => {
    const nats = await startRestartableTestNats();
    const graders: TestProcess<RunningGrader>[] = [];
    const nc = await connectNats(nats.url, "restart-test-learner");
    try {
      graders.push(
        ...(await Promise.all([0, 1].map(() => startTestGrader({ workers: 1, natsUrl: nats.url })))),
      );
      const fixture = failoverFixture();
      const cases = Array.from({ length: 3_000 }, (_, i) => fixture[i % fixture.length]!);
      const client = await natsGrader({ connection: nc, batchSize: 64, concurrency: 2 });

      // The restart comes as soon as the first batch is on its way: most of the call is still to come.
      const spy = await connectNats(nats.url, "restart-test-spy");
      const firstBatch = new Promise<void>((resolve) => {
        spy.subscribe(GRADER_NATS.batchSubject, { max: 1, callback: () => resolve() });
      });
      await spy.flush();
      let settled = false;
      const started = performance.now();
      const grading = client.gradeMany(cases.map((c) => c.request)).finally(() => {
        settled = true;
      });
      await firstBatch;
      await spy.close();
      const pendingAtRestart = !settled;
      await nats.restart(DOWN_MS);
      const verdicts = await grading;
      t.diagnostic(
        `${cases.length} items in batches of 64 graded in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
          `across a restart with the server down ${DOWN_MS} ms`,
      );
      await client.close();

      assert.ok(pendingAtRestart, "the call was still running when the server stopped");
      assert.equal(verdicts.length, cases.length);
      const mismatches = cases.flatMap((c, i) =>
        JSON.stringify(withoutTiming(verdicts[i]!)) === JSON.stringify(c.expected) ? [] : [i],
      );
      assert.deepEqual(mismatches, [], "verdicts that differ from the in-process checker's");
      const wrong = cases.filter(
        (c, i) => verdicts[i]!.status === "ok" && verdicts[i]!.correct !== c.correct,
      );
      assert.equal(wrong.length, 0, "verdicts that disagree with the known label");
    } finally {
      await nc.close();
      await Promise.all(graders.map((grader) => grader.stop()));
      await nats.stop();
    }
  });

  it("is ridden through by `rlvr eval --via nats`: exit 0, the scores of an uninterrupted run", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "rlvr-nats-restart-"));
    const nats = await startRestartableTestNats();
    const services: TestProcess<unknown>[] = [];
    const watcher = await connectNats(nats.url, "restart-test-watcher");
    try {
      services.push(
        await startTestGrader({ natsUrl: nats.url }),
        await startTestEvaluator({ natsUrl: nats.url }),
      );
      const k = 16;
      const { set, samples } = syntheticJob(1_000, k);
      const problems = join(dir, "problems.jsonl");
      const samplesFile = join(dir, "samples.jsonl");
      await writeFile(
        problems,
        jsonl(set.problems.map((p) => ({ id: p.id, problem: p.problem, answer: p.gold }))),
      );
      await writeFile(samplesFile, jsonl(samples));
      const evalTo = (out: string, ...extra: string[]) =>
        rlvrWithEnv(
          { NATS_URL: nats.url },
          "eval",
          samplesFile,
          "--data",
          problems,
          "--k",
          String(k),
          "--out",
          out,
          // The largest budget: a check on a machine this busy must not run out of time in one run only.
          "--timeout-ms",
          "2000",
          ...extra,
        );

      // The restart comes on the first progress event that shows the job partly graded.
      const midJob = new Promise<EvaluationStatus>((resolve) => {
        const events = watcher.subscribe(EVALUATOR_NATS.progressSubject("*"), {
          callback: (_, msg) => {
            const status = msg.json<EvaluationStatus>();
            if (status.progress.graded > 0 && status.progress.graded < status.progress.total) {
              events.unsubscribe();
              resolve(status);
            }
          },
        });
      });
      await watcher.flush();
      const viaNats = evalTo(join(dir, "job"), "--via", "nats");
      const atRestart = await midJob;
      const stoppedAt = Date.now();
      await nats.restart(DOWN_MS);
      const job = await viaNats;
      assert.equal(job.code, 0, job.stderr);
      t.diagnostic(
        `restarted at ${atRestart.progress.graded}/${atRestart.progress.total} graded; ` +
          `the CLI said: ${job.stderr.match(/NATS is not answering[^\n]*/)?.[0] ?? "(nothing about NATS)"}`,
      );

      // The job finished after the server stopped: it spanned the restart.
      const final = await readStatus(await openJobStore(watcher), atRestart.id);
      assert.equal(final?.state, "done", final?.error);
      assert.ok(Date.parse(final.updatedAt) > stoppedAt, `finished at ${final.updatedAt}`);

      const here = await evalTo(join(dir, "here"));
      assert.equal(here.code, 0, here.stderr);
      const [viaJob, inProcess] = await Promise.all(
        ["job", "here"].map(
          async (run): Promise<EvaluationResult> =>
            JSON.parse(await readFile(join(dir, run, "result.json"), "utf8")),
        ),
      );
      assert.deepEqual(viaJob, inProcess, `problems scored apart: ${problemsApart(viaJob, inProcess)}`);
    } finally {
      await watcher.close();
      for (const service of services.reverse()) await service.stop();
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** What differs between two results (per-problem counts, grading failures), for the message. */
function problemsApart(a: EvaluationResult, b: EvaluationResult): string {
  const other = new Map(b.problems.map((p) => [p.id, p.correct]));
  const apart = a.problems.filter((p) => other.get(p.id) !== p.correct);
  const failures = (r: EvaluationResult) => r.benchmarks.map((bench) => bench.gradingFailures).join("/");
  return (
    `${apart.map((p) => `${p.id} ${p.correct} vs ${other.get(p.id)}`).join(", ") || "none"}; ` +
    `grading failures ${failures(a)} vs ${failures(b)}`
  );
}
