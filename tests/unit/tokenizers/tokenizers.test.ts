import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bpeTokenizer, QWEN2_PATTERN, type TokenizerJson } from "../../../learner/tokenizers/bpe.ts";
import { BYTE_TO_CHAR } from "../../../learner/tokenizers/byte-level.ts";
import { CHAR_EOS_ID, CHAR_VOCAB_SIZE, charTokenizer } from "../../../learner/tokenizers/char.ts";
import { translatePattern } from "../../../learner/tokenizers/pre-tokenize.ts";

const MERGES: [string, string][] = [
  ["h", "e"],
  ["l", "l"],
  ["Ġ", "t"],
  ["Ġt", "he"],
  ["he", "ll"],
  ["hell", "o"],
  ["1", "2"],
  ["'", "M"],
];

/** A Qwen2-shaped tokenizer.json: 256 byte symbols (id = byte), eight merges, two added tokens. */
function fixture(normalizer: TokenizerJson["normalizer"] = { type: "NFC" }): TokenizerJson {
  const vocab: Record<string, number> = {};
  BYTE_TO_CHAR.forEach((c, b) => {
    vocab[c] = b;
  });
  MERGES.forEach(([a, b], i) => {
    vocab[a + b] = 256 + i;
  });
  return {
    added_tokens: [
      { id: 300, content: "<|endoftext|>", special: true },
      { id: 301, content: "<think>", special: false },
    ],
    normalizer,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: QWEN2_PATTERN }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, use_regex: false },
      ],
    },
    model: { type: "BPE", vocab, merges: MERGES.map(([a, b]) => `${a} ${b}`) },
  };
}

const id = (token: string) => 256 + MERGES.findIndex(([a, b]) => a + b === token);

describe("byte-level BPE tokenizer", () => {
  const tok = bpeTokenizer(fixture(), { eos: "<|endoftext|>" });

  it("maps the 256 bytes to distinct printable characters, GPT-2 style", () => {
    assert.equal(new Set(BYTE_TO_CHAR).size, 256);
    assert.equal(BYTE_TO_CHAR[0x20], "Ġ");
    assert.equal(BYTE_TO_CHAR[0x0a], "Ċ");
    assert.equal(BYTE_TO_CHAR[0x41], "A");
  });

  it("merges by rank into known encodings", () => {
    assert.deepEqual(tok.encode("hello the"), [id("hello"), id("Ġthe")]);
    assert.deepEqual(tok.encode("hell"), [id("hell")]);
    assert.deepEqual(tok.encode("lhe"), [0x6c, id("he")]);
    // é is two UTF-8 bytes, each its own symbol.
    assert.deepEqual(tok.encode("é"), [0xc3, 0xa9]);
  });

  it("pre-tokenizes as Qwen2: single digits, case-insensitive contractions", () => {
    // "12" would merge, but Qwen2's pattern isolates every digit.
    assert.deepEqual(tok.encode("12"), [0x31, 0x32]);
    // "'M" is one piece only if the (?i:'m) group is honoured; then its merge applies.
    assert.deepEqual(tok.encode("I'M"), [0x49, id("'M")]);
    assert.equal(translatePattern("(?i:'s|'re)x"), "(?:'[sS]|'[rR][eE])x");
  });

  it("cuts added tokens out first and decodes special ones only on request", () => {
    const ids = tok.encode("<think>hello<|endoftext|>");
    assert.deepEqual(ids, [301, id("hello"), 300]);
    assert.equal(tok.decode(ids), "<think>hello");
    assert.equal(tok.decode(ids, { keepSpecial: true }), "<think>hello<|endoftext|>");
    assert.equal(tok.eosId, 300);
    assert.equal(tok.vocabSize, 302);
  });

  it("refuses added tokens that absorb whitespace or match whole words only, naming the field", () => {
    const absorbing = {
      ...fixture(),
      added_tokens: [{ id: 300, content: "<mask>", special: true, lstrip: true }],
    };
    assert.throws(
      () => bpeTokenizer(absorbing, { eos: "<mask>" }),
      /not a byte-level BPE.*added_tokens\.0\.lstrip/,
    );
  });

  it("counts a real vocabulary's size without overflowing the stack", () => {
    const vocab: Record<string, number> = {};
    BYTE_TO_CHAR.forEach((c, b) => {
      vocab[c] = b;
    });
    for (let i = 0; i < 200_000; i++) vocab[`${BYTE_TO_CHAR[65]}${i}`] = 256 + i;
    const big = bpeTokenizer(
      { ...fixture(), added_tokens: [], model: { type: "BPE", vocab, merges: [] } },
      {
        eos: "A",
      },
    );
    assert.equal(big.vocabSize, 200_256);
  });

  it("applies its NFC normalizer", () => {
    assert.equal(tok.decode(tok.encode("e\u0301")), "\u00e9");
  });

  it("decode(encode(x)) == x for arbitrary Unicode", () => {
    const raw = bpeTokenizer(fixture(null), { eos: "<|endoftext|>" });
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        assert.equal(raw.decode(raw.encode(s), { keepSpecial: true }), s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (s) => {
        assert.equal(tok.decode(tok.encode(s), { keepSpecial: true }), s.normalize("NFC"));
      }),
      { numRuns: 200 },
    );
  });

  it("splits with GPT-2's pattern when the ByteLevel pre-tokenizer uses its regex", () => {
    const gpt2 = bpeTokenizer(
      { ...fixture(null), pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, use_regex: true } },
      { eos: "<|endoftext|>" },
    );
    // GPT-2 keeps digit runs together, so "12" merges.
    assert.deepEqual(gpt2.encode("12 the"), [id("12"), id("Ġthe")]);
  });
});

describe("character tokenizer", () => {
  const tok = charTokenizer();
  const alphabet = [
    ..."0123456789+-*/=^()[]{}\\_.,;:!?'\" \nabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ<>|&%$#@~`",
  ];

  it("round-trips text over its alphabet", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const s = chars.join("");
        const ids = tok.encode(s);
        assert.equal(ids.length, chars.length);
        assert.ok(ids.every((i) => i >= 4 && i < CHAR_VOCAB_SIZE));
        assert.equal(tok.decode(ids), s);
      }),
    );
    assert.equal(tok.decode(tok.encode("\\boxed{\\frac{1}{2}}")), "\\boxed{\\frac{1}{2}}");
  });

  it("has PAD/BOS/EOS/UNK, drops specials on decode unless asked", () => {
    assert.equal(tok.eosId, CHAR_EOS_ID);
    assert.equal(tok.decode([tok.bosId!, ...tok.encode("7"), tok.eosId, tok.padId]), "7");
    assert.equal(
      tok.decode([tok.bosId!, ...tok.encode("7"), tok.eosId], { keepSpecial: true }),
      "<bos>7<eos>",
    );
    assert.equal(tok.decode(tok.encode("π")), "\uFFFD");
  });
});
