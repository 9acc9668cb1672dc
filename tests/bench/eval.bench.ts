/**
 * `npm run bench:eval`: an evaluation end to end over NATS, as a training run's periodic evaluation
 * does it. The six benchmarks' 1,590 problems × 16 synthetic responses (about half correct, in varied
 * equivalent forms) are submitted as one job to the evaluator, which fans grading out to two grader
 * replicas; the time is from submission (samples upload included) to the result.
 *
 * Settings for tuning: BENCH_GRADER_WORKERS (checker workers per grader replica; default: the cores
 * shared out among the replicas, which on a 2-core machine beat one worker per core per replica),
 * BENCH_RUNS (default 3; the first includes the services' cold caches), and the evaluator's own
 * EVALUATOR_GRADE_BATCH / EVALUATOR_GRADE_CONCURRENCY, passed through.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "../../infra/stack/stack.ts";
import type { Sample } from "../../shared/contracts/evaluation.ts";
import { readAllBenchmarks } from "../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../shared/datasets/location.ts";
import { submitEvaluation, waitForEvaluation } from "../../shared/evaluation/jobs/client.ts";
import { openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";

const K = 16;
const GRADER_REPLICAS = 2;

function optionalInt(name: string): number | undefined {
  const text = process.env[name];
  return text === undefined || text === "" ? undefined : Number.parseInt(text, 10);
}

async function buildSamples(): Promise<{ samples: Sample[]; labelledCorrect: number }> {
  const problems = await readAllBenchmarks(join(defaultDataDir(), "benchmarks"));
  const rng = seededRng(2025);
  let labelledCorrect = 0;
  const samples = problems.flatMap((p) => {
    const gold = Array.isArray(p.gold) ? p.gold[0]! : String(p.gold);
    return syntheticResponses(gold, K, rng).map((s, sample) => {
      if (s.label) labelledCorrect++;
      return { benchmark: p.benchmark, index: p.index, sample, response: s.response };
    });
  });
  return { samples, labelledCorrect };
}

async function main(): Promise<void> {
  const { samples, labelledCorrect } = await buildSamples();
  const runs = optionalInt("BENCH_RUNS") ?? 3;
  const graderWorkers =
    optionalInt("BENCH_GRADER_WORKERS") ?? Math.max(1, Math.floor(availableParallelism() / GRADER_REPLICAS));
  const stateDir = await mkdtemp(join(tmpdir(), "rlvr-bench-eval-"));
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine: ${cpu}, ${availableParallelism()} cores`);
  console.log(
    `job: ${samples.length} responses (${samples.length / K} problems × ${K}), ${labelledCorrect} built correct; ` +
      `${GRADER_REPLICAS} grader replicas × ${graderWorkers} checker workers`,
  );
  const started = performance.now();
  const stack = await startStack({ stateDir, graderReplicas: GRADER_REPLICAS, graderWorkers });
  console.log(`stack up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const nc = await connectNats(stack.natsUrl, "bench-eval", { credentialsFile: stack.credentialsFile });
  try {
    const store = await openJobStore(nc);
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      const id = await submitEvaluation(store, { samples, k: K, title: "bench" });
      const submitted = performance.now();
      const final = await waitForEvaluation(nc, store, id, undefined, 20);
      const seconds = (performance.now() - t0) / 1000;
      if (final.state !== "done" || !final.result)
        throw new Error(`job ${id} ${final.state}: ${final.error}`);
      const correct = final.result.problems.reduce((sum, p) => sum + p.correct, 0);
      console.log(
        `run ${run}${run === 1 ? " (cold)" : ""}: ${seconds.toFixed(2)} s submission to result ` +
          `(upload and queueing ${((submitted - t0) / 1000).toFixed(2)} s), ` +
          `${(samples.length / seconds).toFixed(0)} items/s; graded correct ${correct}, ` +
          `average Pass@1 ${(final.result.average.pass1 * 100).toFixed(1)}`,
      );
    }
  } finally {
    await nc.close();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
