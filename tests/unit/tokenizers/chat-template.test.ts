import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileChatTemplate, opensThink } from "../../../learner/tokenizers/chat-template.ts";
import { qwenTokenizerConfig, THINKING_TEMPLATE } from "../../support/qwen-tokenizer.ts";

const QWEN_SPECIALS = { eos_token: "<|im_end|>", pad_token: "<|endoftext|>" };

/** DeepSeek-R1-Distill-Qwen's chat template, the parts that a conversation without tools uses. */
const R1_DISTILL_TEMPLATE =
  "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}" +
  "{% set ns = namespace(system_prompt='') %}{%- for message in messages %}{%- if message['role'] == 'system' %}" +
  "{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}{{bos_token}}{{ns.system_prompt}}" +
  "{%- for message in messages %}{%- if message['role'] == 'user' %}{{'<｜User｜>' + message['content']}}{%- endif %}" +
  "{%- if message['role'] == 'assistant' %}{% set content = message['content'] %}" +
  "{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}" +
  "{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endfor -%}" +
  "{% if add_generation_prompt %}{{'<｜Assistant｜><think>\\n'}}{% endif %}";
const R1_SPECIALS = { bos_token: "<｜begin▁of▁sentence｜>", eos_token: "<｜end▁of▁sentence｜>" };

describe("chat templates", () => {
  const qwen = compileChatTemplate(qwenTokenizerConfig().chat_template as string, QWEN_SPECIALS);

  it("renders Qwen's system, user and assistant turns and its generation prompt", () => {
    const rendered = qwen.render(
      [
        { role: "system", content: "Be brief." },
        { role: "user", content: "1+1?" },
        { role: "assistant", content: "<think>\nadd\n</think>\n\n2" },
        { role: "user", content: "2+2?" },
      ],
      { addGenerationPrompt: true },
    );
    assert.equal(
      rendered,
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n1+1?<|im_end|>\n" +
        // Qwen3 drops the reasoning of turns before the last question.
        "<|im_start|>assistant\n2<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n",
    );
    assert.equal(qwen.generationPrompt, "<|im_start|>assistant\n");
    assert.equal(qwen.assistantTurnEnd, "<|im_end|>\n");
    assert.equal(opensThink(qwen.generationPrompt), false);
  });

  it("renders R1-Distill's template with its BOS and a generation prompt that opens <think>", () => {
    const r1 = compileChatTemplate(R1_DISTILL_TEMPLATE, R1_SPECIALS);
    assert.equal(
      r1.render([{ role: "user", content: "1+1?" }], { addGenerationPrompt: true }),
      "<｜begin▁of▁sentence｜><｜User｜>1+1?<｜Assistant｜><think>\n",
    );
    assert.equal(r1.generationPrompt, "<｜Assistant｜><think>\n");
    assert.equal(r1.assistantTurnEnd, "<｜end▁of▁sentence｜>");
    assert.equal(opensThink(r1.generationPrompt), true);
    assert.equal(opensThink(compileChatTemplate(THINKING_TEMPLATE, QWEN_SPECIALS).generationPrompt), true);
  });

  it("tells an open <think> block from a closed one", () => {
    assert.equal(opensThink("<think>\n"), true);
    assert.equal(opensThink("<think>\n\n</think>\n\n"), false);
    assert.equal(opensThink("</think><think>"), true);
    assert.equal(opensThink("plain"), false);
  });

  it("says why a template cannot be used", () => {
    assert.throws(() => compileChatTemplate("{% if %}", {}), /the chat template does not parse/);
    assert.throws(
      () => compileChatTemplate("{{ raise_exception('no system role') }}", {}),
      /the chat template does not render: .*no system role/,
    );
    assert.throws(
      () => compileChatTemplate("{% if add_generation_prompt %}A{% else %}B{% endif %}", {}),
      /generation prompt changes the conversation before it/,
    );
  });
});
