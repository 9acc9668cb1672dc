import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  detectFormat,
  parseSampleLines,
  SamplesFormatError,
} from "../../../shared/evaluation/formats/formats.ts";

const PROBLEM = "Let $x$ be the number of sides. Find $x$.";
const CHAT_PROMPT = `<|im_start|>user\n${PROBLEM}\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n`;

/** Parses lines as the format `format` (or recognised), as `rlvr eval` does. */
const parse = (values: unknown[], format: Parameters<typeof parseSampleLines>[1] = "auto") =>
  parseSampleLines(
    values.map((value, i) => ({ line: i + 1, value })),
    format,
    "samples.jsonl",
  );

describe("samples formats", () => {
  it("rlvr: one response per line, as rlvr generate writes it", () => {
    const { format, detected, records } = parse([
      { benchmark: "math500", problem_id: "test/algebra/1.json", sample: 3, response: "\\boxed{6}" },
      { index: 4, response: "\\boxed{1}" },
    ]);
    assert.equal(format.name, "rlvr");
    assert.equal(detected, true);
    assert.deepEqual(records, [
      { benchmark: "math500", id: "test/algebra/1.json", responses: ["\\boxed{6}"], sample: 3, line: 1 },
      { benchmark: undefined, id: "4", responses: ["\\boxed{1}"], sample: undefined, line: 2 },
    ]);
  });

  it("vllm: RequestOutput-shaped lines, their outputs' text in order", () => {
    const line = {
      request_id: "17",
      prompt: CHAT_PROMPT,
      outputs: [0, 1].map((index) => ({
        index,
        text: `so \\boxed{${index + 5}}`,
        token_ids: [1, 2, 3],
        cumulative_logprob: -2.5,
        logprobs: null,
        finish_reason: "stop",
        stop_reason: null,
      })),
      finished: true,
    };
    const { format, records } = parse([line]);
    assert.equal(format.name, "vllm");
    assert.deepEqual(records[0], {
      benchmark: undefined,
      id: undefined,
      question: CHAT_PROMPT,
      responses: ["so \\boxed{5}", "so \\boxed{6}"],
      line: 1,
    });
  });

  it("vllm: conversations, OpenAI chat choices, chat prompts, ids, verl generation rows", () => {
    const { records } = parse([
      {
        problem_id: "p1",
        data_source: "aime24",
        prompt: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: PROBLEM },
        ],
        responses: [
          [
            { role: "user", content: PROBLEM },
            { role: "assistant", content: "\\boxed{7}" },
          ],
          "\\boxed{8}",
        ],
      },
      {
        idx: 3,
        question: PROBLEM,
        completions: [
          { index: 0, message: { role: "assistant", content: "\\boxed{9}" }, finish_reason: "stop" },
        ],
      },
      { id: 0, outputs: [{ role: "assistant", content: "\\boxed{10}" }] },
      {
        data_source: "math_dapo",
        prompt: [{ role: "user", content: PROBLEM }],
        reward_model: { ground_truth: "5" },
        extra_info: { index: "9a9b6eb4-a1cb-49d1-8c1e-62eaf2f74079" },
        responses: ["\\boxed{5}"],
      },
    ]);
    assert.deepEqual(
      records.map((r) => [r.benchmark, r.id, r.question, r.responses]),
      [
        ["aime24", "p1", PROBLEM, ["\\boxed{7}", "\\boxed{8}"]],
        [undefined, "3", PROBLEM, ["\\boxed{9}"]],
        [undefined, "0", undefined, ["\\boxed{10}"]],
        ["math_dapo", "9a9b6eb4-a1cb-49d1-8c1e-62eaf2f74079", PROBLEM, ["\\boxed{5}"]],
      ],
    );
  });

  it("lighteval: details with doc and model_response (0.10 on)", () => {
    const line = {
      doc: {
        query: `Solve the following math problem efficiently and clearly.\n\n${PROBLEM}`,
        choices: ["5"],
        gold_index: 0,
        id: "",
        original_query: "",
        specific: null,
        task_name: "lighteval|aime24",
        instruction: "",
        num_samples: 2,
      },
      model_response: {
        input: "…",
        text: ["\\boxed{5}", "\\boxed{4}"],
        logprobs: [],
        input_tokens: [1, 2],
        output_tokens: [[3], [4]],
      },
      metric: { "pass@k:k=1&n=2": 0.5 },
    };
    const { format, records } = parse([line]);
    assert.equal(format.name, "lighteval");
    assert.deepEqual(records[0], {
      benchmark: "lighteval|aime24",
      id: undefined,
      question: line.doc.query,
      responses: ["\\boxed{5}", "\\boxed{4}"],
      line: 1,
    });
  });

  it("lighteval: the older flat details, generations nested per request", () => {
    const { format, records } = parse([
      {
        example: PROBLEM,
        instruction: "",
        full_prompt: `Problem: ${PROBLEM}\nAnswer:`,
        num_effective_few_shots: 0,
        num_asked_few_shots: 0,
        predictions: [["\\boxed{5}", "\\boxed{6}"]],
        gold: ["5"],
        metrics: { qem: 1 },
        specifics: {},
      },
    ]);
    assert.equal(format.name, "lighteval");
    assert.deepEqual(records[0]!.responses, ["\\boxed{5}", "\\boxed{6}"]);
    assert.equal(records[0]!.question, PROBLEM);
  });

  it("qwen-math: code holds the responses; pred, the harness's own extraction, is not read", () => {
    const { format, records } = parse([
      {
        idx: 12,
        question: PROBLEM,
        gt_cot: "…",
        gt: "5",
        level: 3,
        type: "Geometry",
        code: ["The answer is \\boxed{5}.", "\\boxed{\\frac{10}{2}}"],
        pred: ["5", "\\frac{10}{2}"],
        report: [null, null],
        score: [true, true],
      },
    ]);
    assert.equal(format.name, "qwen-math");
    assert.deepEqual(records[0], {
      id: "12",
      question: PROBLEM,
      responses: ["The answer is \\boxed{5}.", "\\boxed{\\frac{10}{2}}"],
      line: 1,
    });
  });

  it("recognises a format by the field holding the responses", () => {
    assert.equal(detectFormat({ response: "x", problem_id: 1 })?.name, "rlvr");
    assert.equal(detectFormat({ completions: [] })?.name, "vllm");
    assert.equal(detectFormat({ predictions: [] })?.name, "lighteval");
    assert.equal(detectFormat({ code: [] })?.name, "qwen-math");
    assert.equal(detectFormat({ text: "x" }), undefined);
    assert.equal(detectFormat([1, 2]), undefined);
  });

  it("names the line and every format's fields when the first line is of none", () => {
    assert.throws(
      () => parse([{ question: PROBLEM, answer: "5" }]),
      (error: unknown) => {
        assert.ok(error instanceof SamplesFormatError);
        assert.match(error.message, /^samples\.jsonl:1: not a samples line of any format/);
        for (const name of ["rlvr", "vllm", "lighteval", "qwen-math"])
          assert.match(error.message, new RegExp(`${name}: `));
        assert.match(error.message, /outputs\|responses\|completions/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  });

  it("names the lines that do not fit the format given or recognised", () => {
    assert.throws(
      () =>
        parse([
          { idx: 0, code: ["\\boxed{1}"] },
          { idx: 1, code: [] },
          { idx: 2, code: "x" },
        ]),
      /2 line\(s\) are not qwen-math samples[\s\S]*samples\.jsonl:2: code: holds no responses[\s\S]*samples\.jsonl:3: code/,
    );
    assert.throws(
      () => parse([{ idx: 0, code: ["\\boxed{1}"] }], "vllm"),
      /samples\.jsonl:1: .*needs `outputs`/,
    );
    assert.throws(
      () => parse([{ prompt: PROBLEM, outputs: [{ token_ids: [1] }] }]),
      /samples\.jsonl:1: outputs\.0: expected a response: a string, \{text\}/,
    );
    assert.throws(
      () => parse([{ doc: { query: PROBLEM }, model_response: { text: [] } }]),
      /samples\.jsonl:1: .*expected \{doc: \{query\}, model_response: \{text: \[generations\]\}\}/,
    );
    assert.throws(() => parse([], "auto"), /samples\.jsonl holds no samples/);
  });
});
