import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { CHAR_BOS_ID, CHAR_EOS_ID, charTokenizer } from "../../../learner/tokenizers/char.ts";
import { compileChatTemplate } from "../../../learner/tokenizers/chat-template.ts";
import { type HfTokenizer, loadHfTokenizer } from "../../../learner/tokenizers/hf-tokenizer.ts";
import {
  charPrompts,
  chatPaperPrompts,
  PAPER_INSTRUCTION,
  paperQuestion,
  plainPaperPrompts,
} from "../../../learner/train/prompt-format.ts";
import { QWEN_IDS, QWEN_TOKENIZER_DIR, THINKING_TEMPLATE } from "../../support/qwen-tokenizer.ts";

const PROBLEM = { problem: "What is $1+1$?" };

describe("prompt formats", () => {
  let qwen: HfTokenizer;
  before(async () => {
    qwen = await loadHfTokenizer(QWEN_TOKENIZER_DIR);
  });

  it("keeps the character models' bare prompt: BOS, the problem, a newline; EOS ends it", () => {
    const tokenizer = charTokenizer();
    const format = charPrompts(tokenizer);
    assert.deepEqual(format.encode(PROBLEM), [CHAR_BOS_ID, ...tokenizer.encode("What is $1+1$?\n")]);
    assert.deepEqual(format.stopIds, [CHAR_EOS_ID]);
    assert.equal(format.requireThinkClose, false);
  });

  it("adds the paper's instruction after a blank line, once", () => {
    const question = paperQuestion(PROBLEM);
    assert.equal(
      question,
      "What is $1+1$?\n\nLet's think step by step and output the final answer within \\boxed{}.",
    );
    assert.equal(paperQuestion({ problem: question }), question, "DAPO-Math-17k's prompts carry it already");
    assert.ok(question.endsWith(PAPER_INSTRUCTION));
  });

  it("puts the paper's prompt in Qwen's chat template with the generation prompt", () => {
    const template = compileChatTemplate(qwen.chatTemplate!, qwen.specialTokens);
    const format = chatPaperPrompts(qwen.tokenizer, template, qwen.generationEosIds);
    const ids = format.encode(PROBLEM);
    assert.equal(
      qwen.tokenizer.decode(ids, { keepSpecial: true }),
      `<|im_start|>user\n${paperQuestion(PROBLEM)}<|im_end|>\n<|im_start|>assistant\n`,
    );
    assert.equal(ids[0], QWEN_IDS.imStart, "no BOS in front: the template writes its own");
    assert.deepEqual(format.stopIds, [QWEN_IDS.imEnd]);
    assert.equal(format.requireThinkClose, false, "Qwen3's generation prompt leaves <think> to the model");
  });

  it("stops on the template's turn end, EOS and the generation config's ids, turn end first", () => {
    const template = compileChatTemplate(qwen.chatTemplate!, qwen.specialTokens);
    const format = chatPaperPrompts(qwen.tokenizer, template, [QWEN_IDS.endoftext, QWEN_IDS.imEnd]);
    assert.deepEqual(format.stopIds, [QWEN_IDS.imEnd, QWEN_IDS.endoftext]);
  });

  it("requires </think> when the template's generation prompt opens <think>", () => {
    const format = chatPaperPrompts(
      qwen.tokenizer,
      compileChatTemplate(THINKING_TEMPLATE, qwen.specialTokens),
      [],
    );
    assert.equal(format.requireThinkClose, true);
    assert.deepEqual(format.encode(PROBLEM).slice(-2), [QWEN_IDS.think, 198], "…<think>\\n");
  });

  it("prompts a tokenizer without a chat template with the paper's prompt as plain text", () => {
    const format = plainPaperPrompts(qwen.tokenizer, [QWEN_IDS.endoftext]);
    assert.deepEqual(format.encode(PROBLEM), qwen.tokenizer.encode(paperQuestion(PROBLEM)));
    assert.deepEqual(format.stopIds, [QWEN_IDS.imEnd, QWEN_IDS.endoftext]);
    assert.equal(format.requireThinkClose, false);
  });
});
