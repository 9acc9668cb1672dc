/**
 * The learner's Qwen2 forward against an independent one: tests/reference/qwen2_forward.py (PyTorch,
 * float64) scored the token ids of tests/reference/fixtures/token-ids.jsonl under each tiny random
 * checkpoint there (tied and untied heads, grouped-query attention 2:1 and 7:1 and none, q/k/v
 * biases, two RoPE bases, bfloat16, float16 and sharded float32 weights) into
 * expected-logprobs.jsonl. The learner loads the same directories and must give every per-token
 * log-prob within 1e-4, batched with padding as `rlvr logprobs` batches them.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { loadCheckpoint } from "../../../learner/model/checkpoint.ts";
import { disposeParams } from "../../../learner/model/params.ts";
import { logProbsOfSequences } from "../../../learner/model/sequence-log-probs.ts";
import { REFERENCE_INPUTS, REFERENCE_VARIANTS } from "../../reference/variants.ts";
import "./support.ts";

const FIXTURES = join(import.meta.dirname, "../../reference/fixtures");

const ExpectedSchema = z.object({
  checkpoint: z.string(),
  token_ids: z.array(z.number().int()),
  logprobs: z.tuple([z.null()], z.number()),
});

async function expected() {
  const text = await readFile(join(FIXTURES, "expected-logprobs.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => ExpectedSchema.parse(JSON.parse(line)));
}

describe("the Qwen2 forward against the PyTorch reference", () => {
  it("covers every variant and input the generator writes", async () => {
    const records = await expected();
    for (const variant of REFERENCE_VARIANTS) {
      const ids = records.filter((r) => r.checkpoint === variant.name).map((r) => r.token_ids);
      assert.deepEqual(ids, REFERENCE_INPUTS, `${variant.name}: regenerate the fixture (README)`);
    }
  });

  for (const variant of REFERENCE_VARIANTS) {
    it(`${variant.name}: every per-token log-prob within 1e-4`, async () => {
      const records = (await expected()).filter((r) => r.checkpoint === variant.name);
      const { model } = await loadCheckpoint(join(FIXTURES, variant.name));
      try {
        // Batches of three: rows of different lengths, padded.
        const got = logProbsOfSequences(
          model,
          records.map((r) => r.token_ids),
          { batchSize: 3 },
        );
        let worst = 0;
        records.forEach((record, i) => {
          assert.equal(got[i]!.length, record.logprobs.length);
          assert.equal(got[i]![0], null);
          for (let t = 1; t < record.logprobs.length; t++) {
            const difference = Math.abs(got[i]![t]! - record.logprobs[t]!);
            worst = Math.max(worst, difference);
            assert.ok(
              difference <= 1e-4,
              `sequence ${i} token ${t}: ${got[i]![t]} against the reference's ${record.logprobs[t]}`,
            );
          }
        });
        assert.ok(worst < 1e-4);
      } finally {
        disposeParams(model.params);
      }
    });
  }
});
