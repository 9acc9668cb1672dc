import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadHfTokenizer } from "../../../learner/tokenizers/hf-tokenizer.ts";
import { QWEN_IDS, QWEN_TOKENIZER_DIR, qwenTokenizerConfig } from "../../support/qwen-tokenizer.ts";

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A directory with Qwen's tokenizer.json and the given files (tokenizer_config.json among them). */
async function tokenizerDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rlvr-hf-tokenizer-"));
  dirs.push(dir);
  await copyFile(join(QWEN_TOKENIZER_DIR, "tokenizer.json"), join(dir, "tokenizer.json"));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

describe("a Hugging Face tokenizer directory", () => {
  it("reads special tokens written as AddedToken objects, and adds BOS where the config asks", async () => {
    // As LlamaTokenizerFast (DeepSeek-R1-Distill-Qwen's) writes them.
    const dir = await tokenizerDir({
      "tokenizer_config.json": {
        add_bos_token: true,
        bos_token: { __type: "AddedToken", content: "<|endoftext|>", normalized: true },
        eos_token: { __type: "AddedToken", content: "<|im_end|>" },
        pad_token: null,
        chat_template: "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}",
      },
    });
    const hf = await loadHfTokenizer(dir);
    assert.equal(hf.tokenizer.bosId, QWEN_IDS.endoftext);
    assert.equal(hf.tokenizer.eosId, QWEN_IDS.imEnd);
    assert.equal(hf.tokenizer.padId, QWEN_IDS.imEnd, "no pad token: EOS pads");
    assert.deepEqual(hf.specialTokens, { bos_token: "<|endoftext|>", eos_token: "<|im_end|>" });
    assert.deepEqual(hf.generationEosIds, []);
  });

  it("takes the default of named templates, and chat_template.jinja over the config's", async () => {
    const named = await tokenizerDir({
      "tokenizer_config.json": {
        eos_token: "<|im_end|>",
        chat_template: [
          { name: "tool_use", template: "tools" },
          { name: "default", template: "chat" },
        ],
      },
    });
    assert.equal((await loadHfTokenizer(named)).chatTemplate, "chat");
    const file = await tokenizerDir({
      "tokenizer_config.json": { eos_token: "<|im_end|>", chat_template: "old" },
      "chat_template.jinja": "from the file",
    });
    assert.equal((await loadHfTokenizer(file)).chatTemplate, "from the file");
    const none = await tokenizerDir({ "tokenizer_config.json": { eos_token: "<|im_end|>" } });
    assert.equal((await loadHfTokenizer(none)).chatTemplate, undefined);
  });

  it("reads generation_config.json's end-of-sequence ids, one or a list", async () => {
    const config = { ...qwenTokenizerConfig() };
    const list = await tokenizerDir({
      "tokenizer_config.json": config,
      "generation_config.json": { eos_token_id: [QWEN_IDS.imEnd, QWEN_IDS.endoftext] },
    });
    assert.deepEqual((await loadHfTokenizer(list)).generationEosIds, [QWEN_IDS.imEnd, QWEN_IDS.endoftext]);
    const one = await tokenizerDir({
      "tokenizer_config.json": config,
      "generation_config.json": { eos_token_id: QWEN_IDS.endoftext },
    });
    assert.deepEqual((await loadHfTokenizer(one)).generationEosIds, [QWEN_IDS.endoftext]);
  });

  it("says what is missing or wrong, naming the file", async () => {
    const noConfig = await tokenizerDir({});
    await assert.rejects(loadHfTokenizer(noConfig), /has no tokenizer_config\.json/);
    const noEos = await tokenizerDir({ "tokenizer_config.json": { chat_template: "x" } });
    await assert.rejects(loadHfTokenizer(noEos), /tokenizer_config\.json names no eos_token/);
    const unknownEos = await tokenizerDir({ "tokenizer_config.json": { eos_token: "<eos>" } });
    await assert.rejects(
      loadHfTokenizer(unknownEos),
      /tokenizer\.json: token "<eos>" is not in the vocabulary/,
    );
    const badGeneration = await tokenizerDir({
      "tokenizer_config.json": { eos_token: "<|im_end|>" },
      "generation_config.json": { eos_token_id: "<|im_end|>" },
    });
    await assert.rejects(loadHfTokenizer(badGeneration), /generation_config\.json: eos_token_id/);
    const sentencePiece = await tokenizerDir({
      "tokenizer.json": { model: { type: "Unigram", vocab: [] }, pre_tokenizer: { type: "Metaspace" } },
      "tokenizer_config.json": { eos_token: "</s>" },
    });
    await assert.rejects(
      loadHfTokenizer(sentencePiece),
      /tokenizer\.json: not a byte-level BPE tokenizer\.json the learner reads/,
    );
  });
});
