/**
 * `npm run bench:grader`: how fast the grader is, in one process and over the wire.
 * 1. The checker alone on one thread: checks/s and per-check latency (p50/p99/max), on benchmark-style
 *    answers and on a free-text-heavy mix (free-text-mix.ts).
 * 2. The worker pool (the in-process path with time budgets): checks/s, timeouts.
 * 3. The service under load: HTTP and NATS single-item requests/s with p50/p99, and batch items/s.
 * The mix: synthetic responses (equivalent and wrong, bare and long) to every gold of the six benchmarks.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "../../infra/stack/stack.ts";
import { checkAnswer } from "../../shared/checker/check.ts";
import { httpGrader } from "../../shared/clients/grader-http.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { GRADER_NATS, type GradeRequest } from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { GradingPool } from "../../shared/pool/pool.ts";
import { benchmarkMix, freeTextOver, RESPONSES_PER_PROBLEM } from "./grading-mix.ts";

const LOAD_SECONDS = 5;
const LOAD_CONCURRENCY = 16;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function latencyLine(latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const f = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
  return `p50 ${f(percentile(sorted, 50))}, p99 ${f(percentile(sorted, 99))}, max ${f(sorted[sorted.length - 1]!)}`;
}

function benchChecker(mix: GradeRequest[], label: string): void {
  for (const item of mix.slice(0, 2000)) checkAnswer(item); // warm-up: JIT and gold caches
  const latencies: number[] = [];
  const started = performance.now();
  for (const item of mix) {
    const t0 = performance.now();
    checkAnswer(item);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(22)} ${(mix.length / seconds).toFixed(0)} checks/s; ${latencyLine(latencies)}`);
}

async function benchPool(mix: GradeRequest[]): Promise<void> {
  const pool = await GradingPool.start();
  try {
    await pool.gradeMany(mix.slice(0, 2000));
    const started = performance.now();
    const verdicts = await pool.gradeMany(mix);
    const seconds = (performance.now() - started) / 1000;
    const timeouts = verdicts.filter((v) => v.status === "timeout").length;
    const errors = verdicts.filter((v) => v.status === "error").length;
    const overBudget = verdicts.filter((v) => v.elapsedMs > 250).length;
    console.log(
      `worker pool (${pool.stats().size} workers): ${(mix.length / seconds).toFixed(0)} checks/s; ` +
        `timeouts ${timeouts}, errors ${errors}, checks over the 250 ms budget ${overBudget}`,
    );
  } finally {
    await pool.close();
  }
}

/** Runs `send` from `concurrency` lanes for `seconds`; returns request latencies. */
async function load(send: (item: GradeRequest) => Promise<unknown>, mix: GradeRequest[]): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: LOAD_CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const item = mix[next++ % mix.length]!;
        const t0 = performance.now();
        await send(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function benchService(mix: GradeRequest[]): Promise<void> {
  const stateDir = await mkdtemp(join(tmpdir(), "rlvr-bench-"));
  const stack = await startStack({ stateDir, evaluator: false });
  const nc = await connectNats(stack.natsUrl, "bench", { credentialsFile: stack.credentialsFile });
  try {
    const endpoint = `${stack.graderUrl}/v1/grade`;
    const viaHttp = await load(async (item) => {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(item),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await response.json();
    }, mix);
    console.log(
      `HTTP /v1/grade:        ${(viaHttp.length / LOAD_SECONDS).toFixed(0)} requests/s at concurrency ${LOAD_CONCURRENCY}; ${latencyLine(viaHttp)}`,
    );
    const viaNats = await load(async (item) => {
      const reply = await nc.request(GRADER_NATS.gradeSubject, JSON.stringify(item), { timeout: 10_000 });
      reply.json();
    }, mix);
    console.log(
      `NATS rlvr.grade:       ${(viaNats.length / LOAD_SECONDS).toFixed(0)} requests/s at concurrency ${LOAD_CONCURRENCY}; ${latencyLine(viaNats)}`,
    );
    for (const [name, client] of [
      ["HTTP", httpGrader({ url: stack.graderUrl, batchSize: 512 })],
      ["NATS", await natsGrader({ connection: nc, batchSize: 512 })],
    ] as const) {
      const started = performance.now();
      await client.gradeMany(mix);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${name} batches of 512:   ${(mix.length / seconds).toFixed(0)} items/s`);
    }
  } finally {
    await nc.close();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

const mix = await benchmarkMix();
console.log(
  `grader benchmark: ${mix.length} checks (${RESPONSES_PER_PROBLEM} synthetic responses per gold of the six benchmarks)`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}`,
);
benchChecker(mix, "checker, one thread:");
const freeText = freeTextOver(mix);
console.log(
  `free-text-heavy mix: ${freeText.length} checks (answer sentences, eleven languages, long chains of thought, refusals, hedges, the grader suites)`,
);
benchChecker(freeText, "free text, one thread:");
await benchPool(mix);
await benchService(mix);
