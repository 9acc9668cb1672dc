import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PRESETS } from "../../../learner/model/config.ts";
import { hfConfigFor, isHfConfig, modelConfigFromHf } from "../../../learner/model/hf/config.ts";

/** deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B's config.json. */
const R1_DISTILL_QWEN_1_5B = {
  _name_or_path: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
  architectures: ["Qwen2ForCausalLM"],
  attention_dropout: 0.0,
  bos_token_id: 151643,
  eos_token_id: 151643,
  hidden_act: "silu",
  hidden_size: 1536,
  initializer_range: 0.02,
  intermediate_size: 8960,
  max_position_embeddings: 131072,
  max_window_layers: 21,
  model_type: "qwen2",
  num_attention_heads: 12,
  num_hidden_layers: 28,
  num_key_value_heads: 2,
  rms_norm_eps: 1e-6,
  rope_theta: 10000,
  sliding_window: 4096,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  transformers_version: "4.44.0",
  use_cache: true,
  use_mrope: false,
  use_sliding_window: false,
  vocab_size: 151936,
};

/** Qwen/Qwen2.5-0.5B's config.json: tied embeddings, rope_theta 1e6, GQA 7:1. */
const QWEN2_5_0_5B = {
  architectures: ["Qwen2ForCausalLM"],
  attention_dropout: 0.0,
  bos_token_id: 151643,
  eos_token_id: 151643,
  hidden_act: "silu",
  hidden_size: 896,
  initializer_range: 0.02,
  intermediate_size: 4864,
  max_position_embeddings: 32768,
  max_window_layers: 24,
  model_type: "qwen2",
  num_attention_heads: 14,
  num_hidden_layers: 24,
  num_key_value_heads: 2,
  rms_norm_eps: 1e-6,
  rope_theta: 1000000.0,
  sliding_window: 32768,
  tie_word_embeddings: true,
  torch_dtype: "bfloat16",
  transformers_version: "4.40.1",
  use_cache: true,
  use_sliding_window: false,
  vocab_size: 151936,
};

const messageOf = (raw: unknown) => {
  try {
    modelConfigFromHf(raw, "x/config.json");
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail("accepted");
};

describe("Hugging Face config.json", () => {
  it("maps the paper's model to the learner's preset of it", () => {
    assert.ok(isHfConfig(R1_DISTILL_QWEN_1_5B));
    assert.ok(!isHfConfig(PRESETS.tiny));
    assert.deepEqual(modelConfigFromHf(R1_DISTILL_QWEN_1_5B, "c"), PRESETS["r1-distill-qwen-1.5b"]);
  });

  it("maps tied embeddings, rope_theta, rms_norm_eps and GQA 7:1", () => {
    assert.deepEqual(modelConfigFromHf(QWEN2_5_0_5B, "c"), {
      vocabSize: 151936,
      hiddenSize: 896,
      numLayers: 24,
      numHeads: 14,
      numKvHeads: 2,
      intermediateSize: 4864,
      ropeTheta: 1e6,
      rmsNormEps: 1e-6,
      qkvBias: true,
      tieEmbeddings: true,
      maxPositions: 32768,
    });
  });

  it("takes transformers' defaults and its newer spellings", () => {
    const {
      num_key_value_heads: _,
      rope_theta: __,
      rms_norm_eps: ___,
      tie_word_embeddings: ____,
      ...bare
    } = QWEN2_5_0_5B;
    const config = modelConfigFromHf(bare, "c");
    assert.deepEqual(
      [config.numKvHeads, config.ropeTheta, config.rmsNormEps, config.tieEmbeddings],
      [14, 10000, 1e-6, false],
    );
    const v5 = { ...bare, rope_parameters: { rope_type: "default", rope_theta: 5e5 }, dtype: "bfloat16" };
    assert.equal(modelConfigFromHf(v5, "c").ropeTheta, 5e5);
  });

  it("accepts a sliding window that is declared but not in use", () => {
    const onButAboveEveryLayer = { ...R1_DISTILL_QWEN_1_5B, use_sliding_window: true, max_window_layers: 28 };
    assert.equal(modelConfigFromHf(onButAboveEveryLayer, "c").numLayers, 28);
    const windowAsLongAsTheContext = {
      ...R1_DISTILL_QWEN_1_5B,
      use_sliding_window: true,
      sliding_window: 131072,
    };
    assert.equal(modelConfigFromHf(windowAsLongAsTheContext, "c").numLayers, 28);
    const allFull = { ...R1_DISTILL_QWEN_1_5B, layer_types: Array(28).fill("full_attention") };
    assert.equal(modelConfigFromHf(allFull, "c").numLayers, 28);
  });

  it("refuses other architectures by name", () => {
    const llama = messageOf({
      ...R1_DISTILL_QWEN_1_5B,
      model_type: "llama",
      architectures: ["LlamaForCausalLM"],
    });
    assert.match(
      llama,
      /^x\/config\.json: unsupported model \(model_type "llama", architectures \["LlamaForCausalLM"\]\)/,
    );
    assert.match(llama, /loads Qwen2ForCausalLM/);
    assert.match(messageOf({ ...R1_DISTILL_QWEN_1_5B, model_type: "qwen3" }), /model_type "qwen3"/);
    assert.match(
      messageOf({ architectures: ["Qwen2ForSequenceClassification"], model_type: "qwen2" }),
      /Qwen2ForSequenceClassification/,
    );
  });

  it("lists every feature the decoder does not compute, in one message", () => {
    const message = messageOf({
      ...R1_DISTILL_QWEN_1_5B,
      rope_scaling: { type: "yarn", factor: 4.0, original_max_position_embeddings: 32768 },
      use_sliding_window: true,
      hidden_act: "gelu",
      head_dim: 256,
      quantization_config: { quant_method: "awq" },
    });
    for (const expected of [
      /rope_scaling \{"type":"yarn"/,
      /sliding-window attention \(use_sliding_window, a 4096-token window from layer 21\)/,
      /hidden_act "gelu"/,
      /head_dim 256 \(the learner's is hidden_size \/ num_attention_heads = 128\)/,
      /quantized weights \(awq\)/,
    ]) {
      assert.match(message, expected);
    }
    assert.match(
      messageOf({ ...R1_DISTILL_QWEN_1_5B, layer_types: ["sliding_attention", "full_attention"] }),
      /layer_types sliding_attention/,
    );
    assert.doesNotThrow(() =>
      modelConfigFromHf({ ...R1_DISTILL_QWEN_1_5B, rope_scaling: { rope_type: "default" } }, "c"),
    );
  });

  it("says which fields are missing or wrong, not a raw validation error", () => {
    const { hidden_size: _, ...noHidden } = R1_DISTILL_QWEN_1_5B;
    const missing = messageOf(noHidden);
    assert.match(missing, /x\/config\.json: not a complete Qwen2 config: hidden_size: /);
    assert.doesNotMatch(missing, /ZodError|"code"/);
    assert.match(
      messageOf({ ...R1_DISTILL_QWEN_1_5B, num_key_value_heads: 5 }),
      /shapes the decoder cannot take: .*numHeads must be divisible by numKvHeads/,
    );
  });

  it("writes back the source's config with the architecture's fields set", () => {
    const config = modelConfigFromHf(R1_DISTILL_QWEN_1_5B, "c");
    const saved = hfConfigFor(config, R1_DISTILL_QWEN_1_5B);
    assert.deepEqual(saved, { ...R1_DISTILL_QWEN_1_5B, rope_scaling: null, torch_dtype: "float32" });
    assert.deepEqual(modelConfigFromHf(saved, "c"), config);

    const fresh = hfConfigFor(PRESETS.tiny);
    assert.equal(fresh.model_type, "qwen2");
    assert.deepEqual(fresh.architectures, ["Qwen2ForCausalLM"]);
    assert.equal(fresh.tie_word_embeddings, true);
    assert.deepEqual(modelConfigFromHf(fresh, "c"), PRESETS.tiny);

    const v5 = {
      ...QWEN2_5_0_5B,
      dtype: "bfloat16",
      rope_parameters: { rope_type: "default", rope_theta: 1e6 },
    };
    const savedV5 = hfConfigFor(modelConfigFromHf(v5, "c"), v5);
    assert.equal(savedV5.dtype, "float32");
    assert.deepEqual(savedV5.rope_parameters, { rope_type: "default", rope_theta: 1e6 });
  });
});
