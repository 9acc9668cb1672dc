/**
 * `npm run bench:rl-step`: whole RL steps (sampling, grading, the update) of the reproduction's
 * setup — its noisy start, 32 prompts x 8 rollouts, responses ≤ 40 tokens, micro-batches of 32 —
 * timed four ways: one thread; the update over N lanes with rollouts in this thread (what the
 * study's runs did); rollouts in shards and the update, both over N lanes; the shards in one thread
 * (what sharding itself costs). Grading is the in-process pool, as `--via local`.
 *
 * The sides take turns, `--rounds` times, and each prints its median step over all rounds; the
 * first step of each run warms up and is not counted.
 *
 * Options: --steps N (4 timed steps per run), --rounds N (2), --workers N (the cores), --shard N
 * (8 prompts per rollout shard).
 */
import { readFile, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { selectBackend } from "../../learner/backends/select.ts";
import { TrainConfigSchema } from "../../learner/train/config.ts";
import { METRICS_FILE, trainRl } from "../../learner/train/rl.ts";
import { localGrader } from "../../shared/clients/grader-local.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BASE_CONFIG = join(ROOT, "learner/train/configs/repro-v2/rl.json");
const START = join(ROOT, "docs/results/repro-v2/starts/noisy");

const { values: opts } = parseArgs({
  options: {
    steps: { type: "string", default: "4" },
    rounds: { type: "string", default: "2" },
    workers: { type: "string" },
    shard: { type: "string", default: "8" },
  },
});

interface Variant {
  label: string;
  workers: number;
  shard?: number;
}

interface StepTimes {
  step: number[];
  rollout: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeRun(variant: Variant, steps: number, round: number): Promise<StepTimes> {
  const base = JSON.parse(await readFile(BASE_CONFIG, "utf8")) as Record<string, unknown>;
  const config = TrainConfigSchema.parse({
    ...base,
    model: { checkpoint: START },
    steps: steps + 1,
    eval: { every: 0, k: 4, problems: 100, temperature: 0.6 },
    checkpointEvery: 0,
    rolloutShardPrompts: variant.shard,
  });
  const runDir = join(tmpdir(), `rlvr-bench-rl-step-${process.pid}-${round}-${variant.label.length}`);
  await rm(runDir, { recursive: true, force: true });
  const grader = await localGrader();
  try {
    await trainRl(config, { runDir, grader, workers: variant.workers });
    const lines = (await readFile(join(runDir, METRICS_FILE), "utf8")).trim().split("\n");
    const metrics = lines
      .slice(1)
      .map((line) => JSON.parse(line) as { stepSeconds: number; rolloutSeconds: number });
    return { step: metrics.map((m) => m.stepSeconds), rollout: metrics.map((m) => m.rolloutSeconds) };
  } finally {
    await grader.close();
    await rm(runDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const workers = Math.max(2, Number(opts.workers ?? availableParallelism()));
  const steps = Number(opts.steps);
  const rounds = Number(opts.rounds);
  const shard = Number(opts.shard);
  const backend = await selectBackend("auto");
  const variants: Variant[] = [
    { label: "1 thread", workers: 1 },
    { label: `update over ${workers} lanes, rollouts in 1 thread`, workers },
    { label: `rollout shards and update over ${workers} lanes`, workers, shard },
    { label: "rollout shards in 1 thread", workers: 1, shard },
  ];
  console.log(
    `RL steps of the reproduction's setup on ${backend}, ${availableParallelism()} cores, ` +
      `${steps} timed steps x ${rounds} rounds per side, shards of ${shard} prompts; load ${loadLine()}`,
  );
  const times = new Map<string, StepTimes>(variants.map((v) => [v.label, { step: [], rollout: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const run = await timeRun(variant, steps, round);
      times.get(variant.label)!.step.push(...run.step);
      times.get(variant.label)!.rollout.push(...run.rollout);
    }
  }
  const baseline = median(times.get(variants[0]!.label)!.step);
  for (const variant of variants) {
    const t = times.get(variant.label)!;
    const step = median(t.step);
    const rollout = median(t.rollout);
    console.log(
      `${variant.label.padEnd(48)} step ${step.toFixed(2)} s (rollouts ${rollout.toFixed(2)} s, ` +
        `update ${(step - rollout).toFixed(2)} s)  ${(baseline / step).toFixed(2)}x the 1-thread step`,
    );
  }
  console.log(`load average at the end ${loadLine()}`);
}

function loadLine(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

await main();
