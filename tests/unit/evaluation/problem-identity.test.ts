import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProblemSet } from "../../../shared/datasets/problems.ts";
import { identifyProblems, setNamed } from "../../../shared/evaluation/problem-identity.ts";
import { onlyBenchmark, samplesFromLines } from "../../../shared/evaluation/samples-file.ts";

const set = (name: string, problems: [string, string][]): ProblemSet => ({
  name,
  path: `${name}.jsonl`,
  skipped: [],
  problems: problems.map(([id, problem]) => ({ id, problem, gold: "1" })),
});

const SETS = [
  set("math500", [
    ["0", "Compute $1+1$."],
    ["1", "Compute $1+1$. Then double it."],
    ["2", "How many  primes\nare below 10?"],
  ]),
  set("aime24", [
    ["0", "Find the remainder when $2^{100}$ is divided by 7."],
    ["1", "Compute $1+1$."],
  ]),
];

const record = (fields: { benchmark?: string; id?: string; question?: string }, line = 1) => ({
  ...fields,
  responses: ["\\boxed{2}", "\\boxed{3}"],
  line,
});

describe("which problem a line means", () => {
  it("finds the question's text, whitespace aside, inside a prompt template too", () => {
    const found = identifyProblems(
      [
        record({ question: "How many primes are below 10?" }),
        record({ question: "<|im_start|>user\nFind the remainder when $2^{100}$ is divided by 7.\nThink." }),
      ],
      SETS,
    );
    assert.deepEqual(
      found.samples.map((s) => [s.benchmark, s.problem_id, s.response]),
      [
        ["math500", "2", "\\boxed{2}"],
        ["math500", "2", "\\boxed{3}"],
        ["aime24", "0", "\\boxed{2}"],
        ["aime24", "0", "\\boxed{3}"],
      ],
    );
    assert.equal(found.byQuestion, 2);
    assert.equal(found.byId, 0);
  });

  it("takes the longest problem a prompt contains, and the benchmark a task name means", () => {
    const found = identifyProblems(
      [
        record({ question: "Problem: Compute $1+1$. Then double it.\nAnswer:" }),
        record({ benchmark: "lighteval|aime24|0", question: "Problem: Compute $1+1$.\nAnswer:" }),
      ],
      SETS,
    );
    assert.deepEqual(
      found.samples.filter((_, i) => i % 2 === 0).map((s) => `${s.benchmark}/${s.problem_id}`),
      ["math500/1", "aime24/1"],
    );
  });

  it("falls back on the line's id when its question is ambiguous or nowhere, and says so", () => {
    const found = identifyProblems(
      [
        record({ question: "Compute $1+1$.", id: "7" }, 1),
        record({ benchmark: "math_500", question: "An unknown question", id: "2" }, 2),
        record({ question: "An unknown question" }, 3),
        record({}, 4),
        record({ question: "Compute $1+1$." }, 5),
      ],
      SETS,
    );
    assert.deepEqual(
      found.samples.filter((_, i) => i % 2 === 0).map((s) => `${s.benchmark}/${s.problem_id}`),
      ["undefined/7", "math500/2"],
    );
    assert.equal(found.byQuestion, 0);
    assert.equal(found.byId, 2);
    assert.equal(found.questionNotFound, 4);
    assert.deepEqual(
      found.unmatched.map((u) => u.line),
      [3, 4, 5],
    );
    assert.match(found.unmatched[0]!.reason, /question is in no problem set/);
    assert.match(found.unmatched[1]!.reason, /no id, no question/);
    assert.match(
      found.unmatched[2]!.reason,
      /question is that of several problems \(math500\/0, aime24\/1\)/,
    );
  });

  it("keeps a one-response line's sample number and the order of the rest", () => {
    const found = identifyProblems(
      [{ benchmark: "aime24", id: "0", responses: ["a"], sample: 5, line: 1 }, record({ id: "1" })],
      SETS,
    );
    assert.deepEqual(
      found.samples.map((s) => [s.benchmark, s.problem_id, s.sample]),
      [
        ["aime24", "0", 5],
        [undefined, "1", undefined],
        [undefined, "1", undefined],
      ],
    );
  });

  it("matches benchmark names up to case and punctuation, as one part of a task name", () => {
    assert.equal(setNamed(SETS, "math500"), "math500");
    assert.equal(setNamed(SETS, "MATH_500"), "math500");
    assert.equal(setNamed(SETS, "custom|aime24|0"), "aime24");
    assert.equal(setNamed(SETS, "aime"), undefined);
  });
});

describe("a samples file for one benchmark (--benchmark)", () => {
  it("identifies every line within that set only", () => {
    const sets = onlyBenchmark(SETS, "AIME24");
    assert.deepEqual(
      sets.map((s) => s.name),
      ["aime24"],
    );
    const file = samplesFromLines(
      [{ line: 1, value: { idx: 9, question: "Compute $1+1$.", code: ["\\boxed{2}"] } }],
      sets,
      { format: "auto", benchmark: "aime24", source: "out.jsonl" },
    );
    assert.equal(file.format.name, "qwen-math");
    assert.deepEqual(file.samples, [
      { benchmark: "aime24", problem_id: "1", response: "\\boxed{2}", sample: undefined },
    ]);
  });

  it("refuses a name that is no problem set given", () => {
    assert.throws(
      () => onlyBenchmark(SETS, "gsm8k"),
      /--benchmark gsm8k: no such problem set among --data \(there are: math500, aime24\)/,
    );
  });
});
