import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer } from "../../../shared/checker/check.ts";
import { SampleSchema } from "../../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../../shared/datasets/problems.ts";
import { assertComplete, matchSamples, SamplesError } from "../../../shared/evaluation/samples.ts";
import { scoreEvaluation } from "../../../shared/evaluation/score.ts";

const sets: ProblemSet[] = [
  {
    name: "alpha",
    path: "alpha.jsonl",
    skipped: [],
    problems: [
      { id: "0", problem: "1+1?", gold: "2" },
      { id: "1", problem: "2+2?", gold: 4 },
    ],
  },
  {
    name: "beta",
    path: "beta.jsonl",
    skipped: [],
    problems: [{ id: "q", problem: "3+3?", gold: ["6", "six"] }],
  },
];

const sample = (benchmark: string, problem_id: string | number, response: string, n?: number) =>
  SampleSchema.parse({ benchmark, problem_id, response, ...(n === undefined ? {} : { sample: n }) });

describe("samples validation", () => {
  it("reports missing, extra, short and duplicated samples", () => {
    const samples = [
      sample("alpha", 0, "\\boxed{2}", 0),
      sample("alpha", 0, "\\boxed{2}", 0),
      sample("alpha", 7, "\\boxed{1}"),
      sample("gamma", "x", "\\boxed{1}"),
      sample("beta", "q", "\\boxed{6}"),
      sample("beta", "q", "\\boxed{6}"),
    ];
    const { report } = matchSamples(sets, samples, 2);
    assert.deepEqual(report.missing, ["alpha/1"]);
    assert.deepEqual(report.extra, [
      { key: "alpha/7", count: 1 },
      { key: "gamma/x", count: 1 },
    ]);
    assert.deepEqual(report.short, [{ key: "alpha/0", samples: 1 }]);
    assert.deepEqual(report.duplicates, ["alpha/0#0"]);
    assert.throws(
      () => assertComplete(report, 2),
      (error: unknown) => {
        assert.ok(error instanceof SamplesError);
        assert.match(error.message, /unknown problems: alpha\/7 ×1, gamma\/x ×1/);
        assert.match(error.message, /without samples: alpha\/1/);
        assert.match(error.message, /fewer than k = 2 samples: alpha\/0 \(1\)/);
        return true;
      },
    );
  });

  it("needs a problem id and orders responses by sample number, keeping the first k", () => {
    assert.equal(SampleSchema.safeParse({ response: "x" }).success, false);
    const samples = [2, 0, 1].map((n) => sample("beta", "q", `r${n}`, n));
    const { problems, report } = matchSamples(sets.slice(1), samples, 2);
    assert.deepEqual(problems[0]!.responses, ["r0", "r1"]);
    assert.equal(report.surplus, 1);
  });
});

describe("scores", () => {
  it("compute Pass@1, pass@k, maj@k and the benchmark average like the definitions", async () => {
    const answers: Record<string, string[]> = {
      "alpha/0": ["2", "2", "3", "5"],
      "alpha/1": ["4", "1", "1", "1"],
      "beta/q": ["six", "6", "6", "7"],
    };
    const samples = Object.entries(answers).flatMap(([key, list]) => {
      const [benchmark, id] = key.split("/") as [string, string];
      return list.map((a, n) => sample(benchmark, id, `so \\boxed{${a}}`, n));
    });
    const matched = matchSamples(sets, samples, 4);
    assertComplete(matched.report, 4);
    const result = await score(matched);
    const [alpha, beta] = result.benchmarks;
    assert.equal(alpha!.k, 4);
    assert.equal(alpha!.pass1, (2 / 4 + 1 / 4) / 2);
    assert.equal(alpha!.majAtK, 0.5, "problem 0 wins by majority, problem 1 loses to 1");
    assert.equal(beta!.pass1, 3 / 4);
    assert.equal(beta!.majAtK, 1);
    assert.ok(Math.abs(alpha!.passAtK["pass@2"]! - (1 - 1 / 6 + (1 - 3 / 6)) / 2) < 1e-12);
    assert.equal(alpha!.passAtK["pass@4"], 1);
    assert.equal(result.average.pass1, (alpha!.pass1 + beta!.pass1) / 2);
    assert.equal(result.samples, 12);
    assert.deepEqual(Object.keys(result.average.passAtK), ["pass@1", "pass@2", "pass@4"]);
    assert.deepEqual(alpha!.coverage, {
      problems: { covered: 2, total: 2 },
      samplesPerProblem: { min: 4, max: 4 },
      k: 4,
      partial: false,
    });
    assert.deepEqual(result.coverage, { partial: false, missing: [] });
  });

  it("say how much of each set a partial evaluation covers", async () => {
    const samples = [
      ...[0, 1, 2].map((n) => sample("alpha", 0, "\\boxed{2}", n)),
      sample("alpha", 0, "\\boxed{2}", 3),
      ...[0, 1].map((n) => sample("beta", "q", "\\boxed{6}", n)),
    ];
    const three = [
      ...sets,
      { name: "gamma", path: "gamma.jsonl", skipped: [], problems: [{ id: "g", problem: "?", gold: "1" }] },
    ];
    const matched = matchSamples(three, samples, 4);
    assert.deepEqual(matched.report.unanswered, ["gamma"]);
    assert.deepEqual(matched.report.missing, ["alpha/1"]);
    assert.deepEqual(matched.report.found, { min: 2, max: 4 });
    const result = await score(matched);
    const [alpha, beta] = result.benchmarks;
    assert.deepEqual(alpha!.coverage, {
      problems: { covered: 1, total: 2 },
      samplesPerProblem: { min: 4, max: 4 },
      k: 4,
      partial: true,
    });
    assert.deepEqual(beta!.coverage, {
      problems: { covered: 1, total: 1 },
      samplesPerProblem: { min: 2, max: 2 },
      k: 4,
      partial: true,
    });
    assert.deepEqual(result.coverage, { partial: true, missing: ["gamma"] });
  });
});

/** Grades every matched response with the answer checker and scores them. */
function score(matched: ReturnType<typeof matchSamples>) {
  const verdicts = matched.problems.map((p) =>
    p.responses.map((response) => checkAnswer({ response, gold: p.problem.gold })),
  );
  return scoreEvaluation(matched, verdicts, async (pairs) =>
    pairs.map(({ a, b }) => checkAnswer({ response: `\\boxed{${a}}`, gold: b }).correct),
  );
}
