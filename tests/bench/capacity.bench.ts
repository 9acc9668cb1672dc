/**
 * `npm run bench:capacity`: how grading throughput over NATS grows with grader replicas. The stack runs
 * 1, 2 and 4 replicas of one checker worker each; the client grades a fixed realistic mix (the benchmark
 * mix and the free-text-heavy mix of grading-mix.ts, interleaved) the way a learner's step does: batches
 * of 128 on `rlvr.grade.batch`, 8 in flight. Replicas, nats-server and this client share the machine's
 * cores, so past the core count more replicas cannot add throughput here; on more hosts they do.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "../../infra/stack/stack.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import type { GradeRequest } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { benchmarkMix, freeTextOver } from "./grading-mix.ts";

const REPLICAS = [1, 2, 4];
const BATCH = 128;
const IN_FLIGHT = 8;
const WARM_UP_SECONDS = 3;
const MEASURE_SECONDS = 15;

/** Every third item from the free-text mix, the rest from the benchmark mix, in a fixed order. */
function interleave(benchmark: GradeRequest[], freeText: GradeRequest[]): GradeRequest[] {
  const mix: GradeRequest[] = [];
  let b = 0;
  let f = 0;
  while (b < benchmark.length || f < freeText.length) {
    const fromFreeText = mix.length % 3 === 2 ? f < freeText.length : b >= benchmark.length;
    mix.push(fromFreeText ? freeText[f++]! : benchmark[b++]!);
  }
  return mix;
}

/** Keeps `IN_FLIGHT` batches in flight for `seconds`; returns the checks answered. */
async function gradeFor(
  seconds: number,
  grade: (batch: GradeRequest[]) => Promise<unknown[]>,
  mix: GradeRequest[],
) {
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < deadline) {
        const start = (next++ * BATCH) % (mix.length - BATCH);
        const verdicts = await grade(mix.slice(start, start + BATCH));
        if (verdicts.length !== BATCH) throw new Error(`${verdicts.length} verdicts for ${BATCH} items`);
        answered += BATCH;
      }
    }),
  );
  return answered;
}

async function measure(replicas: number, mix: GradeRequest[]): Promise<number> {
  const stateDir = await mkdtemp(join(tmpdir(), "rlvr-bench-capacity-"));
  const stack = await startStack({ stateDir, evaluator: false, graderReplicas: replicas, graderWorkers: 1 });
  const nc = await connectNats(stack.natsUrl, "bench-capacity", { credentialsFile: stack.credentialsFile });
  try {
    const client = await natsGrader({ connection: nc, batchSize: BATCH, concurrency: 1 });
    const grade = (batch: GradeRequest[]) => client.gradeMany(batch);
    await gradeFor(WARM_UP_SECONDS, grade, mix);
    const started = performance.now();
    const answered = await gradeFor(MEASURE_SECONDS, grade, mix);
    return answered / ((performance.now() - started) / 1000);
  } finally {
    await nc.close();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

const benchmark = await benchmarkMix();
const mix = interleave(benchmark, freeTextOver(benchmark));
console.log(
  `capacity benchmark: ${mix.length} checks (the benchmark and the free-text-heavy mixes), batches of ${BATCH}, ${IN_FLIGHT} in flight, ${MEASURE_SECONDS} s per row`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores shared by the replicas, nats-server and this client`,
);
console.log("\n| grader replicas (1 worker each) | checks/s over NATS | per replica |");
console.log("| ------------------------------- | ------------------ | ----------- |");
for (const replicas of REPLICAS) {
  const rate = await measure(replicas, mix);
  console.log(
    `| ${String(replicas).padEnd(31)} | ${rate.toFixed(0).padStart(18)} | ${(rate / replicas).toFixed(0).padStart(11)} |`,
  );
}
