/**
 * Writes the tiny random Hugging Face Qwen2 checkpoints that the PyTorch reference
 * (`qwen2_forward.py`) and the learner are compared on, one per variant of the architecture, and
 * the token ids they are scored on. Deterministic: the same files every time.
 *
 *   node --import tsx tests/reference/make-checkpoints.ts
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseModelConfig } from "../../learner/model/config.ts";
import { type HfDtype, randomWeights, writeHfCheckpoint } from "../support/hf-checkpoint.ts";
import { REFERENCE_INPUTS, REFERENCE_VARIANTS } from "./variants.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

const TORCH_DTYPE: Record<HfDtype, string> = { F32: "float32", F16: "float16", BF16: "bfloat16" };

for (const variant of REFERENCE_VARIANTS) {
  const dir = join(FIXTURES, variant.name);
  await rm(dir, { recursive: true, force: true });
  const config = parseModelConfig(variant.config);
  await writeHfCheckpoint(dir, config, randomWeights(config, variant.seed, variant.dtype), {
    dtype: variant.dtype,
    shards: variant.shards,
    tiedHeadStored: variant.tiedHeadStored,
    configOverrides: { torch_dtype: TORCH_DTYPE[variant.dtype] },
  });
}
await mkdir(FIXTURES, { recursive: true });
await writeFile(
  join(FIXTURES, "token-ids.jsonl"),
  REFERENCE_INPUTS.map((ids) => `${JSON.stringify({ token_ids: ids })}\n`).join(""),
);
console.log(`${REFERENCE_VARIANTS.length} checkpoints and ${REFERENCE_INPUTS.length} inputs in ${FIXTURES}`);
