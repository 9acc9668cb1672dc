/**
 * `npm run bench:fairness`: does one client's slow work stall everyone else?
 * The real grading service (nats-server and HTTP on 127.0.0.1, one worker per core). One client keeps
 * 16 slow items in flight over one NATS connection, each with the largest budget the contract allows;
 * meanwhile another client sends a known-good check every 0.25 s over HTTP and over NATS. It prints
 * each probe transport's worst and p99 latency and whether every probe was answered correctly.
 * The goal: every probe answered correctly within 0.5 s.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { NatsConnection } from "@nats-io/transport-node";
import { startStack } from "../../infra/stack/stack.ts";
import { checkAnswer } from "../../shared/checker/check.ts";
import {
  GRADER_NATS,
  GradeOptionsSchema,
  type GradeRequest,
  MAX_GOLD_ALTERNATIVES,
  MAX_RESPONSE_CHARS,
  type Verdict,
} from "../../shared/contracts/grading.ts";
import { connectNats } from "../../shared/nats/connection.ts";

const SLOW_ITEMS_IN_FLIGHT = 16;
const PROBE_EVERY_MS = 250;
const PROBE_SECONDS = 10;
const GOAL_MS = 500;
/** The largest per-item budget the contract allows. */
const MAX_BUDGET_MS = GradeOptionsSchema.shape.timeoutMs.unwrap().maxValue ?? 2_000;
const PROBE: GradeRequest = { response: "so the answer is \\boxed{42}", gold: "42" };

/**
 * The slowest legal item found: a set of 256 elements whose every element matches but the last one
 * checked, against gold alternatives that are each that set in reverse order (the element-by-element
 * search is quadratic), behind a reasoning text that brings the response near its size limit. Each
 * alternative costs the checker a few hundred milliseconds.
 */
function slowItem(alternatives: number): GradeRequest {
  const variables = "abcdefghijkl";
  const element = (i: number) => `${variables[i % variables.length]}^{${(i % 7) + 2}}+${i}`;
  const elements = Array.from({ length: 256 }, (_, i) => element(i));
  const set = (items: string[]) => `\\{${items.join(", ")}\\}`;
  const answer = `\\boxed{${set([...elements.slice(0, -1), `${element(255)}+1`])}}`;
  const gold = Array.from({ length: alternatives }, (_, k) =>
    set([...elements.slice(0, -1), `${element(255)}+${k + 2}`].reverse()),
  );
  const sentence = "Let me think about the set step by step. ";
  const reasoning = sentence.repeat(Math.floor((MAX_RESPONSE_CHARS * 0.9) / sentence.length));
  return { response: `${reasoning}\n${answer}`, gold, options: { timeoutMs: MAX_BUDGET_MS } };
}

/** Milliseconds the checker alone takes for the item here, warm (the best of three). */
function checkerCost(item: GradeRequest): number {
  const unbudgeted = { response: item.response, gold: item.gold };
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    checkAnswer(unbudgeted);
    return performance.now() - started;
  });
  return Math.min(...times);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Probe {
  ms: number;
  correct: boolean;
}

function summary(name: string, probes: Probe[]): string {
  const sorted = probes.map((p) => p.ms).sort((a, b) => a - b);
  const correct = probes.filter((p) => p.correct).length;
  const worst = sorted[sorted.length - 1] ?? Number.NaN;
  return (
    `${name} probes: ${probes.length}, correct ${correct}/${probes.length}, ` +
    `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, worst ${worst.toFixed(1)} ms`
  );
}

async function timed(send: () => Promise<Verdict>): Promise<Probe> {
  const started = performance.now();
  const verdict = await send().catch(() => null);
  return { ms: performance.now() - started, correct: verdict?.status === "ok" && verdict.correct };
}

/** Keeps `count` copies of `item` in flight from one connection until `stop()`; returns their verdicts. */
function keepInFlight(nc: NatsConnection, item: GradeRequest, count: number) {
  const body = JSON.stringify(item);
  const verdicts: Verdict[] = [];
  let running = true;
  for (let lane = 0; lane < count; lane++) {
    void (async () => {
      while (running) {
        const reply = await nc
          .request(GRADER_NATS.gradeSubject, body, { timeout: 600_000 })
          .catch(() => null);
        if (reply) verdicts.push(reply.json<Verdict>());
      }
    })();
  }
  return {
    verdicts,
    /** Sends no more; what is in flight ends with the connection. */
    stop: () => {
      running = false;
    },
  };
}

// Enough gold alternatives for the checker to need twice the budget: every slow item runs until it is stopped.
const perAlternativeMs = checkerCost(slowItem(1));
const alternatives = Math.min(MAX_GOLD_ALTERNATIVES, Math.ceil((2 * MAX_BUDGET_MS) / perAlternativeMs));
const item = slowItem(alternatives);
console.log(`fairness benchmark: ${SLOW_ITEMS_IN_FLIGHT} slow items in flight from one NATS client`);
console.log(
  `machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `slow item: ${(item.response.length / 1e6).toFixed(2)}M-character response, ${alternatives} gold alternatives ` +
    `of ${perAlternativeMs.toFixed(0)} ms each for the checker alone (about ` +
    `${(alternatives * perAlternativeMs).toFixed(0)} ms in all); ` +
    `budget ${MAX_BUDGET_MS} ms`,
);

const stateDir = await mkdtemp(join(tmpdir(), "rlvr-bench-fairness-"));
const stack = await startStack({ stateDir, evaluator: false });
const slowClient = await connectNats(stack.natsUrl, "bench-slow-client", {
  credentialsFile: stack.credentialsFile,
});
const probeClient = await connectNats(stack.natsUrl, "bench-probe-client", {
  credentialsFile: stack.credentialsFile,
});
try {
  const health = (await (await fetch(`${stack.graderUrl}/healthz`)).json()) as { workers: number };
  console.log(`grader: ${health.workers} workers`);
  const slow = keepInFlight(slowClient, item, SLOW_ITEMS_IN_FLIGHT);
  // Let the slow items reach the workers before the first probe.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const viaHttp: Promise<Probe>[] = [];
  const viaNats: Promise<Probe>[] = [];
  const deadline = performance.now() + PROBE_SECONDS * 1000;
  while (performance.now() < deadline) {
    viaHttp.push(
      timed(async () => {
        const response = await fetch(`${stack.graderUrl}/v1/grade`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(PROBE),
        });
        return (await response.json()) as Verdict;
      }),
    );
    viaNats.push(
      timed(async () =>
        (
          await probeClient.request(GRADER_NATS.gradeSubject, JSON.stringify(PROBE), { timeout: 60_000 })
        ).json(),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  const [http, nats] = await Promise.all([Promise.all(viaHttp), Promise.all(viaNats)]);
  slow.stop();
  const statuses = slow.verdicts.map((v) => v.status);
  console.log(
    `slow items answered meanwhile: ${statuses.length} (${statuses.filter((s) => s === "timeout").length} timeout)`,
  );
  console.log(summary("HTTP /v1/grade", http));
  console.log(summary("NATS rlvr.grade", nats));
  const all = [...http, ...nats];
  const met = all.every((p) => p.correct && p.ms <= GOAL_MS);
  console.log(`every probe answered correctly within ${GOAL_MS} ms: ${met ? "yes" : "no"}`);
} finally {
  await probeClient.close();
  await slowClient.close();
  // Draining would wait for every slow item still queued (minutes): the grader is killed instead.
  await Promise.all(stack.graders.map((grader) => grader.process.kill()));
  await stack.stop();
  await rm(stateDir, { recursive: true, force: true });
}
