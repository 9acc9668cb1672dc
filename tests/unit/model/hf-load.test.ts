import assert from "node:assert/strict";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { inspectCheckpoint, loadCheckpoint } from "../../../learner/model/checkpoint.ts";
import type { ModelConfig } from "../../../learner/model/config.ts";
import { forward } from "../../../learner/model/forward.ts";
import { disposeParams, type Params } from "../../../learner/model/params.ts";
import {
  type HfDtype,
  type LearnerWeights,
  randomWeights,
  safetensorsBytes,
  writeHfCheckpoint,
} from "../../support/hf-checkpoint.ts";
import { floats, ints, microConfig } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "rlvr-hf-load-"));
  dirs.push(d);
  return d;
};

function paramsOf(weights: LearnerWeights): Params {
  return Object.fromEntries(
    Object.entries(weights).map(([name, w]) => [name, tf.variable(tf.tensor(w.values, w.shape), false)]),
  );
}

/** Logits of both models on a batch with padding on both sides. */
function assertSameForward(config: ModelConfig, a: Params, b: Params): void {
  const ids = ints([
    [0, 3, 5, 7, 11, 2],
    [4, 9, 1, 8, 0, 0],
  ]);
  const mask = floats([
    [0, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 0, 0],
  ]);
  const [x, y] = [
    forward({ config, params: a }, { ids, mask }),
    forward({ config, params: b }, { ids, mask }),
  ];
  assert.deepEqual(x.dataSync(), y.dataSync());
  assert.ok(
    (x.dataSync() as Float32Array).some((v) => Math.abs(v) > 1e-3),
    "the logits are not all zero",
  );
  tf.dispose([ids, mask, x, y]);
}

const VARIANTS: {
  name: string;
  config: ModelConfig;
  dtype: HfDtype;
  shards: number;
  tiedHeadStored?: boolean;
}[] = [
  { name: "f32, tied, one file", config: microConfig({ tieEmbeddings: true }), dtype: "F32", shards: 1 },
  { name: "f16, untied, one file", config: microConfig({ tieEmbeddings: false }), dtype: "F16", shards: 1 },
  {
    name: "bf16, untied, three shards",
    config: microConfig({ tieEmbeddings: false }),
    dtype: "BF16",
    shards: 3,
  },
  {
    name: "f32, tied with lm_head.weight stored anyway, GQA 4:1, two shards",
    config: microConfig({
      tieEmbeddings: true,
      numHeads: 8,
      numKvHeads: 2,
      ropeTheta: 1e6,
      rmsNormEps: 1e-5,
    }),
    dtype: "F32",
    shards: 2,
    tiedHeadStored: true,
  },
];

describe("Hugging Face checkpoints in", () => {
  for (const variant of VARIANTS) {
    it(`${variant.name}: every weight in the learner's layout, and the same forward`, async () => {
      const dir = await tempDir();
      const weights = randomWeights(variant.config, 3, variant.dtype);
      const written = await writeHfCheckpoint(dir, variant.config, weights, variant);
      const loaded = await loadCheckpoint(dir);
      assert.deepEqual(loaded.model.config, variant.config);
      assert.deepEqual(Object.keys(loaded.model.params).sort(), Object.keys(weights).sort());
      for (const [name, w] of Object.entries(weights)) {
        const param = loaded.model.params[name]!;
        assert.deepEqual(param.shape, w.shape, name);
        assert.deepEqual(param.dataSync(), w.values, name);
      }
      // Transposes, element by element against the tensor as written: learner [in, out], file [out, in].
      const q = loaded.model.params["model.layers.1.self_attn.q_proj.weight"]!;
      const stored = written["model.layers.1.self_attn.q_proj.weight"]!;
      const [inner, outer] = q.shape as [number, number];
      assert.deepEqual(stored.shape, [outer, inner]);
      const qValues = q.dataSync();
      for (const [i, o] of [
        [0, 1],
        [inner - 1, 0],
        [3, outer - 1],
      ] as const) {
        assert.equal(qValues[i * outer + o], stored.values[o * inner + i]);
      }
      assert.equal(loaded.hf?.config.model_type, "qwen2");
      assert.deepEqual(await inspectCheckpoint(dir), { format: "hf", metadata: undefined });
      const direct = paramsOf(weights);
      assertSameForward(variant.config, loaded.model.params, direct);
      disposeParams(direct);
      disposeParams(loaded.model.params);
    });
  }

  it("ignores RoPE frequency tables that older transformers saved", async () => {
    const dir = await tempDir();
    const config = microConfig({ tieEmbeddings: false });
    const weights = randomWeights(config, 4, "F32");
    const tensors = await writeHfCheckpoint(dir, config, weights);
    tensors["model.layers.0.self_attn.rotary_emb.inv_freq"] = { shape: [4], values: new Float32Array(4) };
    await writeFile(join(dir, "model.safetensors"), safetensorsBytes(tensors, "F32"));
    const { model } = await loadCheckpoint(dir);
    assert.equal(Object.keys(model.params).length, Object.keys(weights).length);
    disposeParams(model.params);
  });

  it("names what is missing, extra, misshapen or unreadable", async () => {
    const config = microConfig({ tieEmbeddings: false });
    const weights = randomWeights(config, 5, "F32");

    const missingHead = await tempDir();
    const { "lm_head.weight": _, ...withoutHead } = weights;
    await writeHfCheckpoint(missingHead, config, withoutHead);
    await assert.rejects(loadCheckpoint(missingHead), /lacks lm_head\.weight/);

    const extra = await tempDir();
    const tensors = await writeHfCheckpoint(extra, config, weights);
    tensors["model.layers.0.mlp.extra_proj.weight"] = { shape: [2], values: new Float32Array(2) };
    await writeFile(join(extra, "model.safetensors"), safetensorsBytes(tensors, "F32"));
    await assert.rejects(
      loadCheckpoint(extra),
      /tensors that a Qwen2ForCausalLM .* lacks: model\.layers\.0\.mlp\.extra_proj\.weight/,
    );

    // Stored [in, out] as the learner keeps it, instead of Hugging Face's [out, in].
    const untransposed = await tempDir();
    const asIs = await writeHfCheckpoint(untransposed, config, weights);
    asIs["model.layers.0.mlp.up_proj.weight"] = weights["model.layers.0.mlp.up_proj.weight"]!;
    await writeFile(join(untransposed, "model.safetensors"), safetensorsBytes(asIs, "F32"));
    await assert.rejects(
      loadCheckpoint(untransposed),
      /up_proj\.weight: expected a float tensor of shape \[48,32\], found F32 \[32,48\]/,
    );

    const pytorch = await tempDir();
    await writeHfCheckpoint(pytorch, config, weights);
    await rename(join(pytorch, "model.safetensors"), join(pytorch, "pytorch_model.bin"));
    await assert.rejects(
      loadCheckpoint(pytorch),
      /PyTorch weights \(pytorch_model\.bin\); the learner reads safetensors only/,
    );

    const badIndex = await tempDir();
    await writeHfCheckpoint(badIndex, config, weights, { shards: 2 });
    await writeFile(
      join(badIndex, "model.safetensors.index.json"),
      // The embedding lies in the second shard.
      JSON.stringify({ weight_map: { "model.embed_tokens.weight": "model-00001-of-00002.safetensors" } }),
    );
    await assert.rejects(
      loadCheckpoint(badIndex),
      /puts model\.embed_tokens\.weight in model-00001-of-00002\.safetensors, which lacks it/,
    );
  });

  it("refuses an unsupported config by name before reading weights", async () => {
    const dir = await tempDir();
    const config = microConfig();
    await writeHfCheckpoint(dir, config, randomWeights(config, 6, "F32"), {
      configOverrides: { rope_scaling: { rope_type: "yarn", factor: 4 } },
    });
    await rm(join(dir, "model.safetensors"));
    await assert.rejects(loadCheckpoint(dir), (error: Error) => {
      assert.match(
        error.message,
        /config\.json: unsupported: rope_scaling \{"rope_type":"yarn","factor":4\}/,
      );
      assert.doesNotMatch(error.message, /ZodError|"code"/);
      return true;
    });
  });
});
