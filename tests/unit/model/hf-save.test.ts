import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import {
  inspectCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
  saveLayoutFor,
  weightFiles,
} from "../../../learner/model/checkpoint.ts";
import { forward } from "../../../learner/model/forward.ts";
import { disposeParams } from "../../../learner/model/params.ts";
import { decodeSafetensors } from "../../../learner/model/safetensors.ts";
import { openSafetensors } from "../../../learner/model/safetensors-stream.ts";
import { type HfDtype, randomWeights, writeHfCheckpoint } from "../../support/hf-checkpoint.ts";
import { floats, ints, microConfig, microModel } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "rlvr-hf-save-"));
  dirs.push(d);
  return d;
};

const TOKENIZER_FILES = {
  "tokenizer.json": '{"model": {"type": "BPE"}}',
  "tokenizer_config.json": '{"chat_template": "{{ messages }}"}',
  "generation_config.json": '{"bos_token_id": 1, "eos_token_id": 2, "temperature": 0.6}',
};

/** Each tensor of a checkpoint's weights files, as stored (bytes and shape), by name. */
async function storedTensors(
  dir: string,
): Promise<Record<string, { dtype: string; shape: number[]; bytes: Buffer }>> {
  const out: Record<string, { dtype: string; shape: number[]; bytes: Buffer }> = {};
  const files = (await readdir(dir)).filter((f) => /^model.*\.safetensors$/.test(f));
  for (const file of files) {
    const reader = await openSafetensors(join(dir, file));
    const raw = await readFile(join(dir, file));
    const dataStart = 8 + Number(raw.readBigUInt64LE(0));
    for (const [name, entry] of Object.entries(reader.header.entries)) {
      out[name] = {
        dtype: entry.dtype,
        shape: entry.shape,
        bytes: raw.subarray(dataStart + entry.begin, dataStart + entry.end),
      };
    }
    await reader.close();
  }
  return out;
}

describe("Hugging Face checkpoints out", () => {
  it("round trip of f32 weights: byte-identical tensors under the same names and shapes, config and files carried over", async () => {
    const source = await tempDir();
    const config = microConfig({ tieEmbeddings: false });
    await writeHfCheckpoint(source, config, randomWeights(config, 11, "F32"), { files: TOKENIZER_FILES });
    const loaded = await loadCheckpoint(source);
    const out = await tempDir();
    await saveCheckpoint(out, loaded.model, {}, saveLayoutFor(undefined, loaded.hf));

    const [before, after] = [await storedTensors(source), await storedTensors(out)];
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    for (const [name, t] of Object.entries(before)) {
      assert.deepEqual(after[name]!.shape, t.shape, name);
      assert.equal(after[name]!.dtype, "F32", name);
      assert.ok(after[name]!.bytes.equals(t.bytes), `${name} is byte-identical`);
    }
    const savedConfig = JSON.parse(await readFile(join(out, "config.json"), "utf8"));
    const sourceConfig = JSON.parse(await readFile(join(source, "config.json"), "utf8"));
    assert.deepEqual(savedConfig, { ...sourceConfig, rope_scaling: null, torch_dtype: "float32" });
    for (const [name, text] of Object.entries(TOKENIZER_FILES)) {
      assert.equal(await readFile(join(out, name), "utf8"), text, `${name} copied`);
    }
    const weights = decodeSafetensors(await readFile(join(out, "model.safetensors")));
    assert.deepEqual(weights.metadata, { format: "pt" }, "transformers requires the framework tag");
    assert.deepEqual((await readdir(out)).sort(), [
      "config.json",
      "generation_config.json",
      "model.safetensors",
      "tokenizer.json",
      "tokenizer_config.json",
    ]);
    disposeParams(loaded.model.params);
  });

  for (const dtype of ["BF16", "F16"] as HfDtype[]) {
    it(`round trip of ${dtype} weights: saved as float32 with the values the source converts to`, async () => {
      const source = await tempDir();
      const config = microConfig({ tieEmbeddings: true });
      const weights = randomWeights(config, 12, dtype);
      await writeHfCheckpoint(source, config, weights, { dtype, shards: 2 });
      const loaded = await loadCheckpoint(source);
      const out = await tempDir();
      await saveCheckpoint(out, loaded.model, {}, saveLayoutFor(undefined, loaded.hf));
      const saved = decodeSafetensors(await readFile(join(out, "model.safetensors"))).tensors;
      assert.equal(saved["lm_head.weight"], undefined, "a tied head is not saved");
      const sourceTensors = (await storedTensors(source)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(saved).sort(), Object.keys(sourceTensors).sort());
      const q = saved["model.layers.0.self_attn.q_proj.weight"]!;
      const [inner, outer] = weights["model.layers.0.self_attn.q_proj.weight"]!.shape as [number, number];
      assert.deepEqual(q.shape, [outer, inner]);
      const reloaded = await loadCheckpoint(out);
      for (const [name, w] of Object.entries(weights))
        assert.deepEqual(reloaded.model.params[name]!.dataSync(), w.values, name);
      disposeParams(reloaded.model.params);
      disposeParams(loaded.model.params);
    });
  }

  it("shards above a size with an index transformers reads, and loads back", async () => {
    const model = microModel(13, { tieEmbeddings: false });
    const dir = await tempDir();
    await saveCheckpoint(dir, model, {}, { format: "hf", shardBytes: 8000 });
    const index = JSON.parse(await readFile(join(dir, "model.safetensors.index.json"), "utf8"));
    const files = (await readdir(dir)).filter((f) => f.startsWith("model-"));
    assert.ok(files.length > 2, `${files.length} shards`);
    const count = String(files.length).padStart(5, "0");
    assert.deepEqual(
      files.sort(),
      files.map((_, i) => `model-${String(i + 1).padStart(5, "0")}-of-${count}.safetensors`),
    );
    assert.deepEqual(Object.keys(index.weight_map).sort(), Object.keys(model.params).sort());
    assert.deepEqual(new Set(Object.values(index.weight_map)), new Set(files));
    const total = Object.values(model.params).reduce((n, v) => n + v.size * 4, 0);
    assert.equal(index.metadata.total_size, total);
    for (const file of files) {
      const reader = await openSafetensors(join(dir, file));
      const bytes = Object.values(reader.header.entries).reduce((n, e) => n + e.end - e.begin, 0);
      assert.ok(
        bytes <= 8000 || Object.keys(reader.header.entries).length === 1,
        `${file} holds ${bytes} bytes`,
      );
      await reader.close();
    }
    const loaded = await loadCheckpoint(dir);
    for (const [name, v] of Object.entries(model.params)) {
      assert.deepEqual(loaded.model.params[name]!.dataSync(), v.dataSync(), name);
    }
    assert.deepEqual(await weightFiles(dir), [
      join(dir, "model.safetensors.index.json"),
      ...files.map((f) => join(dir, f)),
    ]);
    // Saving unsharded into the same directory drops the index, which would otherwise win.
    await saveCheckpoint(dir, loaded.model, {}, { format: "hf" });
    assert.ok(!(await readdir(dir)).includes("model.safetensors.index.json"));
    assert.deepEqual(await weightFiles(dir), [join(dir, "model.safetensors")]);
    const again = await loadCheckpoint(dir);
    assert.deepEqual(
      again.model.params["model.norm.weight"]!.dataSync(),
      model.params["model.norm.weight"]!.dataSync(),
    );
    for (const m of [loaded.model, again.model]) disposeParams(m.params);
  });

  it("keeps the learner's tensors and metadata out of the weights files, and gets them back", async () => {
    const model = microModel(14);
    const dir = await tempDir();
    const moment = { dtype: "F32" as const, shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) };
    await saveCheckpoint(
      dir,
      model,
      { tensors: { "optimizer.m.x": moment }, metadata: { step: 4 } },
      { format: "hf" },
    );
    const weights = decodeSafetensors(await readFile(join(dir, "model.safetensors")));
    assert.deepEqual(Object.keys(weights.tensors).sort(), Object.keys(model.params).sort());
    assert.deepEqual(await inspectCheckpoint(dir), { format: "hf", metadata: { step: 4 } });
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(loaded.tensors, { "optimizer.m.x": moment });
    assert.deepEqual(loaded.metadata, { step: 4 });
    assert.deepEqual(JSON.parse(await readFile(join(dir, "generation_config.json"), "utf8")), {
      _from_model_config: true,
    });
    disposeParams(loaded.model.params);
  });

  it("saves a model without qkv biases as Qwen2 with zero biases, computing the same", async () => {
    const model = microModel(15, { qkvBias: false });
    const dir = await tempDir();
    await saveCheckpoint(dir, model, {}, { format: "hf" });
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(loaded.model.config, { ...model.config, qkvBias: true });
    const bias = loaded.model.params["model.layers.0.self_attn.k_proj.bias"]!;
    assert.ok((bias.dataSync() as Float32Array).every((v) => v === 0));
    const ids = ints([[1, 2, 3, 4]]);
    const mask = floats([[1, 1, 1, 1]]);
    const [a, b] = [forward(model, { ids, mask }), forward(loaded.model, { ids, mask })];
    assert.deepEqual(a.dataSync(), b.dataSync());
    tf.dispose([ids, mask, a, b]);
    disposeParams(loaded.model.params);
  });

  it("saves in the layout the model came from unless told otherwise", () => {
    const hf = { config: {}, files: {} };
    assert.deepEqual(saveLayoutFor(undefined, undefined), { format: "rlvr" });
    assert.deepEqual(saveLayoutFor(undefined, hf), { format: "hf", source: hf });
    assert.deepEqual(saveLayoutFor("rlvr", hf), { format: "rlvr" });
    assert.deepEqual(saveLayoutFor("hf", undefined), { format: "hf", source: undefined });
  });
});
