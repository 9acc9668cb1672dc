import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { PRESETS } from "../../../learner/model/config.ts";
import { TrainConfigSchema } from "../../../learner/train/config.ts";
import { backendLimits, dryRun } from "../../../learner/train/dry-run.ts";
import { estimateTrainingMemory } from "../../../learner/train/memory.ts";

const GIB = 2 ** 30;
const R1 = PRESETS["r1-distill-qwen-1.5b"];

async function paperConfig(overrides: Record<string, unknown> = {}) {
  const raw = JSON.parse(await readFile(join(PROJECT_ROOT, "learner/train/configs/paper.json"), "utf8"));
  return TrainConfigSchema.parse({ ...raw, ...overrides });
}

describe("rlvr train --dry-run", () => {
  it("refuses paper.json on wasm, naming what does not fit", async () => {
    const { lines, refusal, estimate } = dryRun(R1, await paperConfig(), "wasm", 512);
    assert.equal(estimate.parameters, 1_777_088_000);
    assert.ok(lines.some((l) => l.includes("1,777,088,000 parameters")));
    assert.ok(refusal);
    assert.match(
      refusal,
      /the wasm backend holds 3\.48 GiB \(the 4 GiB wasm32 heap, less its allocator's fragmentation\)/,
    );
    assert.match(refusal, /weights, gradients and AdamW moments alone take 26\.48 GiB/);
    assert.match(refusal, /one pass over 256 sequences takes [\d.]+ TiB of activations/);
  });

  it("refuses paper.json on tensorflow too, even with a 141 GiB GPU: 8,192-token responses do not fit this learner", async () => {
    const limits = backendLimits(141 * GIB);
    const { refusal } = dryRun(R1, await paperConfig(), "tensorflow", 512, limits);
    assert.ok(refusal);
    assert.doesNotMatch(refusal, /AdamW moments alone/);
    assert.match(refusal, /of activations/);
    assert.match(refusal, /sampling 512 rollouts at once takes [\d.]+ GiB/);
    // What would fit there: micro-batches of one rollout and short responses.
    const hint = dryRun(R1, await paperConfig({ microBatch: 1 }), "tensorflow", 512, limits).refusal!;
    const longest = Number(/responses of up to (\d+) tokens would fit/.exec(hint)?.[1]);
    assert.ok(longest > 0 && longest < 8192, hint);
    const shorter = await paperConfig({ microBatch: 1, maxResponseTokens: longest });
    assert.equal(dryRun(R1, shorter, "tensorflow", 512, limits).refusal, undefined);
    const oneMore = await paperConfig({ microBatch: 1, maxResponseTokens: longest + 1 });
    assert.ok(dryRun(R1, oneMore, "tensorflow", 512, limits).refusal);
  });

  it("accepts the tiny model on wasm, and counts the gradient accumulator when micro-batching", async () => {
    const config = TrainConfigSchema.parse({ model: { preset: "tiny" } });
    const { lines, refusal, estimate } = dryRun(PRESETS.tiny, config, "wasm", 64);
    assert.equal(refusal, undefined);
    assert.ok(estimate.peak < backendLimits().wasm.bytes);
    assert.ok(lines.some((l) => /^ {2}wasm +fits in 3\.48 GiB/.test(l)));
    const micro = dryRun(PRESETS.tiny, TrainConfigSchema.parse({ microBatch: 2 }), "wasm", 64).estimate;
    assert.equal(micro.parts.gradients, 2 * estimate.parts.gradients);
    assert.ok(micro.parts.activations < estimate.parts.activations / 4);
  });

  it("holds a frozen reference copy for GRPO's KL term", async () => {
    const shape = {
      microBatch: 1,
      accumulating: false,
      promptTokens: 8,
      responseTokens: 8,
      samplingPrompts: 1,
      groupSize: 2,
    };
    const without = estimateTrainingMemory(PRESETS.tiny, { ...shape, reference: false });
    const withReference = estimateTrainingMemory(PRESETS.tiny, { ...shape, reference: true });
    assert.equal(withReference.peak - without.peak, without.parts.weights);
    const grpo = dryRun(PRESETS.tiny, TrainConfigSchema.parse({ loss: "grpo" }), "wasm", 8).estimate;
    assert.equal(grpo.parts.reference, grpo.parts.weights);
  });
});
