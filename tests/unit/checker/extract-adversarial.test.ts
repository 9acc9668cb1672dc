/** Adversarial input: the extractor must return a well-formed result on anything, without blowing up. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Extraction,
  type ExtractOptions,
  extractAnswer,
} from "../../../shared/checker/extract/index.ts";
import { TAIL_CHARS } from "../../../shared/checker/extract/region.ts";
import { ExtractionMethodSchema } from "../../../shared/contracts/grading.ts";

const MB = 1 << 20;
const ALL_OPTIONS: ExtractOptions[] = [
  { requireThinkClose: false, choice: false },
  { requireThinkClose: false, choice: true },
  { requireThinkClose: true, choice: false },
  { requireThinkClose: true, choice: true },
];

function assertWellFormed(extraction: Extraction): void {
  if (extraction.found) {
    assert.equal(typeof extraction.text, "string");
    assert.ok(extraction.text.length > 0, "a found answer is not empty");
    assert.ok(ExtractionMethodSchema.safeParse(extraction.method).success, extraction.method);
    if (extraction.parts !== undefined) {
      assert.ok(extraction.parts.length > 1, "a set has several parts");
      assert.equal(extraction.text, extraction.parts.join(", "));
    }
  } else {
    assert.equal(typeof extraction.reason, "string");
    assert.ok(extraction.reason.length > 0);
  }
}

function extractAll(response: string): Extraction[] {
  return ALL_OPTIONS.map((options) => {
    const extraction = extractAnswer(response, options);
    assertWellFormed(extraction);
    return extraction;
  });
}

/** Deterministic pseudo-random text over an alphabet rich in the characters the scanners react to. */
function garbage(length: number, seed: number): string {
  const alphabet = "ab 01{}\\$()[].,:;%-/\n*ABCDE\t€";
  const tokens = [
    "\\boxed{",
    "\\fbox{",
    "\\boxed ",
    "</think>",
    "$$",
    "\\[",
    "\\]",
    "\\(",
    "\\)",
    "answer: ",
    "Final Answer",
  ];
  const out: string[] = [];
  let state = seed;
  let size = 0;
  while (size < length) {
    state = (state * 1103515245 + 12345) >>> 0;
    const piece =
      state % 8 === 0 ? tokens[(state >>> 8) % tokens.length] : alphabet[(state >>> 8) % alphabet.length];
    out.push(piece);
    size += piece.length;
  }
  return out.join("");
}

describe("extractAnswer on adversarial input", () => {
  it("returns on 1 MB of garbage", () => {
    for (let seed = 1; seed <= 3; seed++) extractAll(garbage(MB, seed));
  });

  it("returns on 1 MB of each character the scanners react to", () => {
    for (const unit of [
      "{",
      "}",
      "$",
      "\\",
      "(A)",
      "1,",
      "final answer: ",
      "answer is ",
      "\\boxed{",
      "\\boxed{1} ",
    ]) {
      extractAll(unit.repeat(Math.ceil(MB / unit.length)));
    }
  });

  it("reads a box nested 10,000 braces deep", () => {
    const inner = `${"{".repeat(10_000)}x${"}".repeat(10_000)}`;
    const extraction = extractAnswer(`So \\boxed{${inner}}.`, ALL_OPTIONS[0]);
    assert.deepEqual(extraction, { found: true, text: inner, method: "boxed" });
  });

  it("survives unbalanced braces", () => {
    // An unclosed final box commits to an answer nobody can read: no fallback to the number inside it.
    const open = extractAnswer(`\\boxed{${"{".repeat(10_000)}5`, ALL_OPTIONS[0]);
    assert.equal(open.found, false);
    const closed = extractAnswer(`${"}".repeat(10_000)}\\boxed{3}${"}".repeat(10_000)}`, ALL_OPTIONS[0]);
    assert.deepEqual(closed, { found: true, text: "3", method: "boxed" });
    const unclosedLast = extractAnswer(`\\boxed{7} ${"\\boxed{".repeat(4_000)}`, ALL_OPTIONS[0]);
    assert.equal(unclosedLast.found, false);
  });

  it("never loses a box behind a long tail", () => {
    const buried = extractAnswer(`\\boxed{7}${" filler".repeat(TAIL_CHARS / 7 + 1)}`, ALL_OPTIONS[0]);
    assert.deepEqual(buried, { found: true, text: "7", method: "boxed" });
    const megabyte = extractAnswer(`\\boxed{7}${" filler 3".repeat(MB / 9)}`, ALL_OPTIONS[0]);
    assert.deepEqual(megabyte, { found: true, text: "7", method: "boxed" });
  });

  it("finds the answer at the end of a 1 MB response", () => {
    const extraction = extractAnswer(
      `${garbage(MB, 7)}</think>\n\nThe answer is \\boxed{41}.`,
      ALL_OPTIONS[2],
    );
    assert.deepEqual(extraction, { found: true, text: "41", method: "answer-phrase" });
    const long = extractAnswer(`${"lorem ipsum ".repeat(MB / 12)}\\boxed{8}`, ALL_OPTIONS[0]);
    assert.deepEqual(long, { found: true, text: "8", method: "boxed" });
  });

  it("never throws on random strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (response) => {
        extractAll(response);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random mixes of delimiters", () => {
    const token = fc.constantFrom(
      "\\boxed{",
      "\\boxed",
      "\\fbox{",
      "{",
      "}",
      "\\{",
      "\\}",
      "$",
      "$$",
      "\\(",
      "\\)",
      "\\[",
      "\\]",
      "</think>",
      "\\",
      " ",
      "\n",
      "\n\n",
      ".",
      ",",
      "-",
      "/",
      "%",
      "1",
      "23",
      "(B)",
      "C",
      "answer: ",
      "the answer is ",
      "Final Answer: ",
      "\\textbf{",
      "**",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        extractAll(tokens.join(""));
      }),
      { numRuns: 2000 },
    );
  });
});
