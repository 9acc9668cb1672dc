import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { PRESETS } from "../../../learner/model/config.ts";
import { forward, forwardWithCache } from "../../../learner/model/forward.ts";
import { disposeCache } from "../../../learner/model/kv-cache.ts";
import { modelLogProbs } from "../../../learner/model/log-probs.ts";
import { createParams, disposeParams, paramSpecs } from "../../../learner/model/params.ts";
import { assertClose, floats, ints, microConfig, microModel } from "./support.ts";

const logitsOf = (model: ReturnType<typeof microModel>, ids: number[][], mask: number[][]) =>
  tf.tidy(() => forward(model, { ids: ints(ids), mask: floats(mask) }).arraySync());

describe("forward", () => {
  it("gives logits [B, T, V]", () => {
    const model = microModel();
    const logits = forward(model, { ids: ints([[1, 2, 3]]), mask: floats([[1, 1, 1]]) });
    assert.deepEqual(logits.shape, [1, 3, 37]);
    logits.dispose();
  });

  it("padding on either side leaves the logits of real tokens unchanged", () => {
    const model = microModel();
    const seq = [5, 9, 2, 30, 11];
    const [alone] = logitsOf(model, [seq], [[1, 1, 1, 1, 1]]);
    const [right, left, both] = logitsOf(
      model,
      [
        [...seq, 0, 0, 0],
        [0, 0, 0, ...seq],
        [0, ...seq, 0, 0],
      ],
      [
        [1, 1, 1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 1, 1, 1, 1],
        [0, 1, 1, 1, 1, 1, 0, 0],
      ],
    );
    for (let t = 0; t < seq.length; t++) {
      for (let v = 0; v < 37; v++) {
        assertClose(right![t]![v]!, alone![t]![v]!, 1e-5, "right-padded");
        assertClose(left![t + 3]![v]!, alone![t]![v]!, 1e-5, "left-padded");
        assertClose(both![t + 1]![v]!, alone![t]![v]!, 1e-5, "padded on both sides");
      }
    }
  });

  it("decoding column by column with the KV cache matches one full forward", () => {
    for (const model of [microModel(3), microModel(4, { tieEmbeddings: true, qkvBias: false })]) {
      const ids = [
        [4, 8, 15, 16, 23, 36, 1, 2],
        [0, 0, 7, 7, 9, 10, 0, 3],
      ];
      const mask = [
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0, 0, 1, 1, 1, 1, 0, 1],
      ];
      const full = logitsOf(model, ids, mask);
      const prefill = 3;
      let { logits, cache } = forwardWithCache(model, {
        ids: ints(ids.map((r) => r.slice(0, prefill))),
        mask: floats(mask.map((r) => r.slice(0, prefill))),
      });
      const cached = logits.arraySync().map((row) => [...row]);
      logits.dispose();
      for (let t = prefill; t < 8; t++) {
        const step = forwardWithCache(
          model,
          { ids: ints(ids.map((r) => [r[t]!])), mask: floats(mask.map((r) => [r[t]!])) },
          { past: cache },
        );
        disposeCache(cache);
        cache = step.cache;
        for (const [b, row] of step.logits.arraySync().entries()) cached[b]!.push(row[0]!);
        step.logits.dispose();
      }
      disposeCache(cache);
      for (let b = 0; b < 2; b++) {
        for (let t = 0; t < 8; t++) {
          if (!mask[b]![t]) continue;
          for (let v = 0; v < 37; v++) assertClose(cached[b]![t]![v]!, full[b]![t]![v]!, 1e-4, `b${b} t${t}`);
        }
      }
    }
  });

  it("sends a non-zero, finite gradient to every parameter", () => {
    for (const model of [microModel(11), microModel(12, { tieEmbeddings: true })]) {
      const ids = ints([
        [3, 4, 5, 6, 7, 0],
        [0, 9, 8, 7, 6, 5],
      ]);
      const mask = floats([
        [1, 1, 1, 1, 1, 0],
        [0, 1, 1, 1, 1, 1],
      ]);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(modelLogProbs(model, { ids, mask }, 0.6), mask)) as tf.Scalar,
      );
      assert.ok(Number.isFinite(value.dataSync()[0]));
      const names = Object.keys(model.params);
      assert.equal(Object.keys(grads).length, names.length);
      for (const name of names) {
        const g = grads[model.params[name]!.name]!.dataSync();
        assert.ok(
          g.every((x) => Number.isFinite(x)),
          `${name}: non-finite gradient`,
        );
        assert.ok(
          g.some((x) => x !== 0),
          `${name}: zero gradient`,
        );
      }
      tf.dispose([value, ids, mask, ...Object.values(grads)]);
    }
  });

  it("keeps no tensors alive after a forward", () => {
    const model = microModel();
    const ids = ints([[1, 2, 3, 4]]);
    const mask = floats([[1, 1, 1, 1]]);
    const before = tf.memory().numTensors;
    forward(model, { ids, mask }).dispose();
    assert.equal(tf.memory().numTensors, before);
  });
});

describe("params", () => {
  it("the same seed gives bit-identical weights, another seed different ones", () => {
    const config = microConfig();
    const bytes = (seed: number) => {
      const params = createParams(config, seed);
      const out = Object.fromEntries(
        Object.entries(params).map(([n, v]) => [n, Buffer.from((v.dataSync() as Float32Array).buffer)]),
      );
      disposeParams(params);
      return out;
    };
    const a = bytes(1);
    const b = bytes(1);
    const c = bytes(2);
    for (const name of Object.keys(a)) assert.ok(a[name]!.equals(b[name]!), name);
    assert.ok(!a["model.embed_tokens.weight"]!.equals(c["model.embed_tokens.weight"]!));
  });

  it("lays out a Qwen2 decoder: names, shapes, tied head", () => {
    const specs = paramSpecs(PRESETS["r1-distill-qwen-1.5b"]);
    const count = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    // DeepSeek-R1-Distill-Qwen-1.5B has 1,777,088,000 parameters (untied head, qkv biases).
    assert.equal(count, 1_777_088_000);
    const shapes = Object.fromEntries(specs.map((s) => [s.name, s.shape]));
    assert.deepEqual(shapes["model.layers.0.self_attn.k_proj.weight"], [1536, 256]);
    assert.deepEqual(shapes["lm_head.weight"], [1536, 151936]);
    assert.ok(!paramSpecs(PRESETS.tiny).some((s) => s.name === "lm_head.weight"));
  });
});
