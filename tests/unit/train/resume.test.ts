import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decodeSafetensors } from "../../../learner/model/safetensors.ts";
import { METRICS_FILE, trainRl } from "../../../learner/train/rl.ts";
import { latestCheckpoint } from "../../../learner/train/state.ts";
import { microTrainConfig, sevenGrader } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function runDir() {
  const dir = await mkdtemp(join(tmpdir(), "rlvr-resume-"));
  dirs.push(dir);
  return dir;
}

async function weights(dir: string) {
  const checkpoint = await latestCheckpoint(dir);
  return decodeSafetensors(await readFile(join(checkpoint!, "model.safetensors"))).tensors;
}

async function metrics(dir: string) {
  const text = await readFile(join(dir, METRICS_FILE), "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Everything logged except wall-clock timings. */
const deterministic = (lines: Record<string, unknown>[]) =>
  lines.map(({ stepSeconds: _, rolloutSeconds: __, evalSeconds: ___, ...rest }) => rest);

describe("checkpoint and resume", () => {
  for (const loss of ["real", "grpo"] as const) {
    it(`${loss}: N steps straight equal N/2, resume, N/2 bit for bit`, async () => {
      const grader = sevenGrader();
      const straight = await runDir();
      await trainRl(microTrainConfig({ loss }), { runDir: straight, grader });
      const split = await runDir();
      await trainRl(microTrainConfig({ loss, steps: 2 }), { runDir: split, grader });
      await trainRl(microTrainConfig({ loss }), { runDir: split, grader, resume: true });

      const [a, b] = [await weights(straight), await weights(split)];
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
      for (const name of Object.keys(a)) assert.deepEqual(b[name]!.data, a[name]!.data, name);
      const [logA, logB] = [await metrics(straight), await metrics(split)];
      assert.deepEqual(
        logB.map((m) => m.step),
        [1, 2, 3, 4],
      );
      assert.ok(
        logA.some((m) => (m.meanReward as number) > 0),
        "some reward to learn from",
      );
      assert.deepEqual(deterministic(logB), deterministic(logA));
    });
  }

  it("stops on request after a step with a checkpoint to resume from", async () => {
    const dir = await runDir();
    const result = await trainRl(microTrainConfig({ checkpointEvery: 0 }), {
      runDir: dir,
      grader: sevenGrader(),
      shouldStop: () => true,
    });
    assert.deepEqual({ step: result.step, stopped: result.stopped }, { step: 1, stopped: true });
    assert.match((await latestCheckpoint(dir))!, /step-000001$/);
    await assert.rejects(trainRl(microTrainConfig(), { runDir: dir, grader: sevenGrader() }), /resume/);
  });
});
