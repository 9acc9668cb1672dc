/** The reproduction's runs: every (run, seed) with its folder and its full training config. */
import { join } from "node:path";
import { parseWithOverrides, type TrainConfig, TrainConfigSchema } from "../train/config.ts";
import type { ReproConfig, RunSpec } from "./config.ts";

export interface PlannedRun {
  spec: RunSpec;
  seed: number;
  /** `<runsDir>/<name>/seed-<seed>`: metrics.jsonl, config.json, checkpoints/, result.json. */
  dir: string;
  config: TrainConfig;
}

/** Settings that belong to the run, never to the base config or the budget. */
const OBJECTIVE_KEYS = ["loss", "tau", "clip", "kl"] as const;

/**
 * Table 1's runs before the others, and within each, seed by seed (every run's first seed, then every
 * run's second...): a reproduction stopped early still holds a comparable set of runs, the primary
 * comparison first.
 */
export function planRuns(repro: ReproConfig, base: unknown, startCheckpoint: string): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (const table of ["main", "ablation"] as const) {
    const specs = repro.runs.filter((r) => r.table === table);
    const rounds = Math.max(0, ...specs.map((r) => r.seeds.length));
    for (let round = 0; round < rounds; round++) {
      for (const spec of specs) {
        const seed = spec.seeds[round];
        if (seed === undefined) continue;
        plan.push({
          spec,
          seed,
          dir: join(repro.runsDir, spec.name, `seed-${seed}`),
          config: runConfig(repro, base, spec, seed, startCheckpoint),
        });
      }
    }
  }
  return plan;
}

export function runConfig(
  repro: ReproConfig,
  base: unknown,
  spec: RunSpec,
  seed: number,
  startCheckpoint: string,
): TrainConfig {
  const shared = structuredClone((base ?? {}) as Record<string, unknown>);
  for (const key of OBJECTIVE_KEYS) delete shared[key];
  return parseWithOverrides(TrainConfigSchema, shared, {
    ...repro.budget,
    seed,
    model: { checkpoint: startCheckpoint },
    loss: spec.loss,
    tau: spec.tau,
    kl: spec.kl,
    // Spread only when set: an undefined override would hide the budget's rate.
    ...(spec.lr === undefined ? {} : { "optimizer.lr": spec.lr }),
  });
}

/** The k-th of n shares of a plan (1-based): several processes run one study side by side. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Every n-th run from the k-th: the plan's order interleaved, so each shard starts with Table 1's
 * first seeds. A run is in exactly one shard; each shard's records land beside the same report.
 */
export function shardOf(plan: readonly PlannedRun[], shard: Shard): PlannedRun[] {
  return plan.filter((_, i) => i % shard.count === shard.index - 1);
}
