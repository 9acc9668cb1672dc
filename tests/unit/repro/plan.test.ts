import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { ReproConfigSchema, readReproConfig } from "../../../learner/repro/config.ts";
import { planRuns, shardOf } from "../../../learner/repro/plan.ts";

const BASE = JSON.parse(
  await readFile(join(PROJECT_ROOT, "learner/train/configs/tiny.json"), "utf8"),
) as Record<string, unknown>;

const repro = ReproConfigSchema.parse({
  start: { checkpoint: "runs/sft" },
  baseConfig: "learner/train/configs/tiny.json",
  budget: { steps: 7, "optimizer.lr": 5e-4 },
  finalEval: { problemsPerFamily: 4, k: 2 },
  runsDir: "runs/x",
  reportDir: "runs/x/report",
  runs: [
    { name: "real", label: "REAL", table: "main", loss: "real", seeds: [1, 2] },
    { name: "grpo", label: "GRPO", table: "main", loss: "grpo", seeds: [1, 2] },
    { name: "real-tau0.1", label: "τ = 0.1", table: "ablation", loss: "real", tau: 0.1, seeds: [1] },
    {
      name: "real-kl-old",
      label: "KL w/ old policy",
      table: "ablation",
      loss: "real",
      kl: { beta: 0.001, against: "old" },
      seeds: [1],
    },
    { name: "real-lr-high", label: "REAL, lr × 3", table: "ablation", loss: "real", lr: 1.5e-3, seeds: [1] },
  ],
  figure5: ["real"],
});

describe("the reproduction's plan", () => {
  const plan = planRuns(repro, BASE, "runs/start");

  it("runs Table 1's runs first, and within each table every run's first seed before any second seed", () => {
    assert.deepEqual(
      plan.map((r) => `${r.spec.name}/${r.seed}`),
      ["real/1", "grpo/1", "real/2", "grpo/2", "real-tau0.1/1", "real-kl-old/1", "real-lr-high/1"],
    );
    assert.equal(plan[1]!.dir, join("runs/x", "grpo", "seed-1"));
  });

  it("shares the plan out: every run in exactly one shard, each shard in plan order", () => {
    const names = (runs: typeof plan) => runs.map((r) => `${r.spec.name}/${r.seed}`);
    const shards = [1, 2, 3].map((index) => shardOf(plan, { index, count: 3 }));
    assert.deepEqual(names(shards[0]!), ["real/1", "grpo/2", "real-lr-high/1"]);
    assert.deepEqual(names(shards.flat()).sort(), names(plan).sort());
    assert.deepEqual(shardOf(plan, { index: 1, count: 1 }), plan);
  });

  it("gives every run the same start and budget, and its own objective settings", () => {
    for (const run of plan) {
      assert.deepEqual(run.config.model, { checkpoint: "runs/start" });
      assert.equal(run.config.steps, 7);
      assert.equal(
        run.config.optimizer.lr,
        run.spec.lr ?? 5e-4,
        "the budget's rate unless the run sweeps it",
      );
      assert.equal(run.config.batchPrompts, plan[0]!.config.batchPrompts);
    }
    const [real, grpo, , , tau, klOld] = plan;
    assert.equal(real!.config.tau, undefined, "the base config's tau does not leak into runs");
    assert.equal(grpo!.config.loss, "grpo");
    assert.equal(grpo!.config.tau, undefined);
    assert.equal(grpo!.config.kl, undefined, "GRPO keeps its default KL");
    assert.equal(tau!.config.tau, 0.1);
    assert.deepEqual(klOld!.config.kl, { beta: 0.001, against: "old" });
    assert.equal(plan[6]!.config.optimizer.lr, 1.5e-3);
    assert.equal(plan[2]!.config.seed, 2);
  });

  it("rejects a config without a main REAL run or with duplicate names", () => {
    const bad = ReproConfigSchema.safeParse({
      ...repro,
      runs: [repro.runs[1], repro.runs[1]],
      figure5: [],
    });
    assert.equal(bad.success, false);
    const messages = bad.error!.issues.map((i) => i.message).join("; ");
    assert.match(messages, /run grpo twice/);
    assert.match(messages, /needs a main run named real/);
  });

  it("reads the committed configs", async () => {
    for (const file of ["repro.json", "repro-quick.json"]) {
      const config = await readReproConfig(join(PROJECT_ROOT, "learner/train/configs", file));
      const main = config.runs.filter((r) => r.table === "main");
      assert.deepEqual(main.map((r) => r.name).sort(), ["dapo", "grpo", "gspo", "real"]);
      if (file === "repro.json") for (const run of main) assert.ok(run.seeds.length >= 3, run.name);
      assert.equal(config.runs.filter((r) => r.table === "ablation").length, 6);
    }
  });

  it("plans the powered study's pilot on the answer split, at levels 1-3, with its learning rates", async () => {
    const pilot = await readReproConfig(join(PROJECT_ROOT, "learner/train/configs/repro-v2/pilot.json"));
    const base = JSON.parse(await readFile(join(PROJECT_ROOT, pilot.baseConfig), "utf8"));
    const runs = planRuns(pilot, base, "runs/start");
    for (const run of runs) {
      assert.equal(run.config.task.kind === "curriculum" && run.config.task.split, "answer");
      assert.deepEqual(run.config.task.kind === "curriculum" && run.config.task.levels, [1, 2, 3]);
      assert.equal(run.seed, 100, "the pilot's seed is never a comparison seed");
    }
    assert.deepEqual([...new Set(runs.map((r) => r.config.optimizer.lr))].sort(), [3e-5, 1e-4, 3e-4]);
  });
});
