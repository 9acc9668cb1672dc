import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { forward, forwardWithCache } from "../../../learner/model/forward.ts";
import { type GenerateOptions, generate } from "../../../learner/model/generate.ts";
import { disposeCache, tileCache } from "../../../learner/model/kv-cache.ts";
import { modelLogProbs } from "../../../learner/model/log-probs.ts";
import { sampleToken } from "../../../learner/model/sampler.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { assertClose, floats, ints, microModel } from "./support.ts";

const PROMPTS = [[4, 9, 1], [7], [3, 3, 12, 30, 2]];
// Half the vocabulary ends a rollout, so rows finish at different steps and are right-padded.
const EOS = Array.from({ length: 37 }, (_, i) => i).filter((i) => i % 5 === 0);

function options(seed: number, overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    groupSize: 3,
    maxNewTokens: 8,
    temperature: 0.6,
    eosIds: EOS,
    padId: 0,
    rng: seededRng(seed),
    ...overrides,
  };
}

describe("generate", () => {
  it("lays out P * G rows: left-padded prompt, right-padded response, masks and EOS", () => {
    const model = microModel();
    const out = generate(model, PROMPTS, options(1));
    assert.equal(out.ids.length, 9);
    assert.equal(out.promptLength, 5);
    assert.deepEqual(out.promptIndex, [0, 0, 0, 1, 1, 1, 2, 2, 2]);
    for (let r = 0; r < 9; r++) {
      const prompt = PROMPTS[out.promptIndex[r]!]!;
      const resp = out.responses[r]!;
      assert.equal(out.ids[r]!.length, out.promptLength + out.responseLength);
      assert.deepEqual(out.ids[r]!.slice(out.promptLength - prompt.length, out.promptLength), prompt);
      assert.deepEqual(out.ids[r]!.slice(out.promptLength, out.promptLength + resp.length), resp);
      const ones = out.responseMask[r]!.reduce((a, b) => a + b, 0);
      assert.equal(ones, resp.length);
      assert.equal(
        out.attentionMask[r]!.reduce((a, b) => a + b, 0),
        prompt.length + resp.length,
      );
      // Only the last token may be an EOS, and it is there exactly when the rollout finished.
      assert.ok(resp.slice(0, -1).every((t) => !EOS.includes(t)));
      assert.equal(out.finished[r], EOS.includes(resp[resp.length - 1]!));
      if (!out.finished[r]) assert.equal(resp.length, 8);
    }
    assert.ok(new Set(out.responses.map((r) => r.length)).size > 1, "rows should finish at different steps");
  });

  it("sampling log-probs equal a full forward over the rollouts (cache, tiling, padding)", () => {
    for (const model of [microModel(5), microModel(6, { tieEmbeddings: true })]) {
      const out = generate(model, PROMPTS, options(2));
      const recomputed = tf.tidy(() =>
        modelLogProbs(model, { ids: ints(out.ids), mask: floats(out.attentionMask) }, 0.6).arraySync(),
      );
      for (let r = 0; r < out.ids.length; r++) {
        for (let t = 0; t < out.ids[r]!.length; t++) {
          if (out.responseMask[r]![t])
            assertClose(out.sampleLogProbs[r]![t]!, recomputed[r]![t]!, 1e-4, `row ${r} t ${t}`);
          else assert.equal(out.sampleLogProbs[r]![t], 0);
        }
      }
    }
  });

  it("a prompt's prefilled cache tiled over G rollouts matches full forwards of each rollout", () => {
    const model = microModel(8);
    const prompts = [
      [0, 0, 5, 6, 7],
      [1, 2, 3, 4, 5],
    ];
    const promptMask = [
      [0, 0, 1, 1, 1],
      [1, 1, 1, 1, 1],
    ];
    const g = 2;
    const continuations = [
      [9, 10],
      [11, 12],
      [13, 0],
      [14, 15],
    ];
    const contMask = [
      [1, 1],
      [1, 1],
      [1, 0],
      [1, 1],
    ];
    const prefill = forwardWithCache(model, { ids: ints(prompts), mask: floats(promptMask) });
    prefill.logits.dispose();
    let cache = tileCache(prefill.cache, g);
    disposeCache(prefill.cache);
    const stepLogits: number[][][] = [];
    for (let t = 0; t < 2; t++) {
      const step = forwardWithCache(
        model,
        { ids: ints(continuations.map((c) => [c[t]!])), mask: floats(contMask.map((m) => [m[t]!])) },
        { past: cache },
      );
      disposeCache(cache);
      cache = step.cache;
      stepLogits.push(step.logits.arraySync().map((row) => row[0]!));
      step.logits.dispose();
    }
    disposeCache(cache);
    const rows = continuations.map((c, r) => [...prompts[Math.floor(r / g)]!, ...c]);
    const masks = contMask.map((m, r) => [...promptMask[Math.floor(r / g)]!, ...m]);
    const full = tf.tidy(() => forward(model, { ids: ints(rows), mask: floats(masks) }).arraySync());
    for (let r = 0; r < 4; r++) {
      for (let t = 0; t < 2; t++) {
        if (!contMask[r]![t]) continue;
        for (let v = 0; v < 37; v++)
          assertClose(stepLogits[t]![r]![v]!, full[r]![5 + t]![v]!, 1e-4, `row ${r} step ${t}`);
      }
    }
  });

  it("is reproducible from the seed and varies with it", () => {
    const model = microModel();
    const a = generate(model, PROMPTS, options(42));
    const b = generate(model, PROMPTS, options(42));
    const c = generate(model, PROMPTS, options(43));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.responses, c.responses);
  });

  it("top-p = tiny decodes greedily", () => {
    const model = microModel(9);
    const out = generate(model, PROMPTS, options(3, { topP: 1e-9, eosIds: [] }));
    const logits = tf.tidy(() =>
      forward(model, { ids: ints(out.ids), mask: floats(out.attentionMask) }).arraySync(),
    );
    for (let r = 0; r < out.ids.length; r++) {
      for (let t = out.promptLength; t < out.ids[r]!.length; t++) {
        const prev = logits[r]![t - 1]!;
        assert.equal(out.ids[r]![t], prev.indexOf(Math.max(...prev)));
      }
    }
    // All rollouts of a prompt agree when decoding is greedy.
    assert.deepEqual(out.responses[0], out.responses[2]);
  });

  it("stops at max new tokens and at EOS, and leaks no tensors", () => {
    const model = microModel();
    const before = tf.memory().numTensors;
    const none = generate(model, PROMPTS, options(4, { eosIds: [], maxNewTokens: 5 }));
    assert.ok(none.responses.every((r) => r.length === 5));
    assert.ok(none.finished.every((f) => !f));
    const all = generate(model, PROMPTS, options(4, { eosIds: Array.from({ length: 37 }, (_, i) => i) }));
    assert.ok(all.responses.every((r) => r.length === 1));
    assert.ok(all.finished.every(Boolean));
    assert.equal(tf.memory().numTensors, before);
  });
});

describe("sampleToken", () => {
  it("top-p = tiny always returns the argmax; log-prob ignores the truncation", () => {
    const rng = seededRng(1);
    const logits = Float32Array.from([0.1, 2.5, -1, 2.4, 0]);
    for (let i = 0; i < 50; i++) {
      const s = sampleToken(logits, 0.6, 1e-6, rng);
      assert.equal(s.token, 1);
      const z = Array.from(logits).reduce((acc, x) => acc + Math.exp(x / 0.6), 0);
      assertClose(s.logProb, 2.5 / 0.6 - Math.log(z), 1e-6);
    }
  });

  it("samples in proportion to softmax(logits / temperature)", () => {
    const rng = seededRng(2);
    const logits = Float32Array.from([0, Math.log(3)]);
    let ones = 0;
    for (let i = 0; i < 4000; i++) ones += sampleToken(logits, 1, 1, rng).token;
    assertClose(ones / 4000, 0.75, 0.03);
  });
});
