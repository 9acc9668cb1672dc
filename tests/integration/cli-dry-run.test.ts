import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PRESETS } from "../../learner/model/config.ts";
import { hfConfigFor } from "../../learner/model/hf/config.ts";
import { rlvr } from "../support/rlvr.ts";

describe("rlvr train --dry-run", () => {
  let r1: string;
  before(async () => {
    // DeepSeek-R1-Distill-Qwen-1.5B's config.json alone: the dry run reads no weights.
    r1 = await mkdtemp(join(tmpdir(), "rlvr-dry-run-"));
    await writeFile(join(r1, "config.json"), JSON.stringify(hfConfigFor(PRESETS["r1-distill-qwen-1.5b"])));
  });
  after(async () => {
    await rm(r1, { recursive: true, force: true });
  });

  it("refuses paper.json with the reason, on wasm and on tensorflow", async () => {
    for (const backend of ["wasm", "tensorflow"]) {
      const run = await rlvr(
        "train",
        "--config",
        "learner/train/configs/paper.json",
        "--init",
        r1,
        "--dry-run",
        "--backend",
        backend,
      );
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /1,777,088,000 parameters/);
      assert.match(run.stdout, /activations per pass +[\d.]+ TiB/);
      assert.match(run.stderr, new RegExp(`the ${backend} backend holds`));
      assert.match(run.stderr, /weights, gradients and AdamW moments alone take 26\.48 GiB/);
    }
  });

  it("accepts the tiny model, with micro-batches, and starts nothing", async () => {
    const run = await rlvr(
      "train",
      "--dry-run",
      "--backend",
      "wasm",
      "--micro-batch",
      "2",
      "--out",
      join(r1, "never"),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2 rollouts per pass/);
    assert.match(run.stdout, /the step fits the wasm backend/);
    assert.doesNotMatch(run.stderr, /\[backend\]/);
  });
});
