import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BenchmarkScore, EvaluationResult } from "../../../shared/contracts/evaluation.ts";
import {
  evaluationHtml,
  evaluationMarkdown,
  partialWarnings,
} from "../../../shared/reports/evaluation-report.ts";

function score(benchmark: string, covered: number, total: number, min: number, max: number): BenchmarkScore {
  return {
    benchmark,
    problems: covered,
    k: min,
    pass1: 0.5,
    passAtK: { "pass@1": 0.5 },
    majAtK: 0.5,
    meanResponseChars: 100,
    gradingFailures: 0,
    coverage: {
      problems: { covered, total },
      samplesPerProblem: { min, max },
      k: 16,
      partial: covered < total || min < 16,
    },
  };
}

function result(benchmarks: BenchmarkScore[], missing: string[] = []): EvaluationResult {
  return {
    benchmarks,
    average: { pass1: 0.5, majAtK: 0.5, passAtK: { "pass@1": 0.5 } },
    coverage: { partial: missing.length > 0 || benchmarks.some((b) => b.coverage.partial), missing },
    samples: benchmarks.reduce((n, b) => n + b.problems * b.coverage.samplesPerProblem.max, 0),
    problems: [],
  };
}

const COMPLETE = result([score("aime24", 30, 30, 16, 16), score("amc23", 83, 83, 16, 16)]);
const PARTIAL = result(
  [score("aime24", 30, 30, 16, 16), score("amc23", 3, 83, 16, 16), score("math500", 500, 500, 4, 16)],
  ["minerva"],
);

describe("reports of partial evaluations", () => {
  it("say nothing of coverage when the evaluation is complete", () => {
    assert.deepEqual(partialWarnings(COMPLETE), []);
    assert.doesNotMatch(evaluationMarkdown(COMPLETE, "Run"), /partial/i);
    assert.doesNotMatch(evaluationHtml(COMPLETE, "Run"), /class="partial"|\(partial\)/);
  });

  it("name what each partial benchmark covers, the sets left out and what the average is over", () => {
    assert.deepEqual(partialWarnings(PARTIAL), [
      "AMC23: 3 of 83 problems, 16 samples each.",
      "MATH-500: all 500 problems, 4 to 16 samples per problem (k = 16).",
      "Minerva: no samples, left out.",
      "Avg.: the mean over 3 of 4 benchmarks, 2 of them partial.",
    ]);
    const onlyShort = result([score("aime24", 30, 30, 16, 16), score("amc23", 83, 83, 8, 8)]);
    assert.equal(partialWarnings(onlyShort).at(-1), "Avg.: the mean over 2 benchmarks, 1 of them partial.");
  });

  it("put a warning and markers in the Markdown (the terminal's table)", () => {
    const markdown = evaluationMarkdown(PARTIAL, "Run");
    assert.match(markdown, /\*\*Warning: partial evaluation\.\*\*/);
    assert.match(markdown, /^- AMC23: 3 of 83 problems, 16 samples each\.$/m);
    assert.match(markdown, /^- Avg\.: the mean over 3 of 4 benchmarks/m);
    assert.match(
      markdown,
      /^\| {2}\| AIME24 \| AMC23 \(partial\) \| MATH-500 \(partial\) \| Avg\. \(partial\) \|$/m,
    );
    assert.match(markdown, /^\| problems \| 30 \| 3 of 83 \| 500 \|$/m);
    assert.match(markdown, /^\| samples per problem \| 16 \| 16 \| 4–16 \|$/m);
  });

  it("put a visible banner and markers in the HTML page", () => {
    const html = evaluationHtml(PARTIAL, "Run");
    const banner = /<div class="partial" role="alert">(.*?)<\/div>/.exec(html)?.[1] ?? "";
    assert.match(banner, /Warning: partial evaluation/);
    for (const warning of partialWarnings(PARTIAL))
      assert.ok(banner.includes(`<li>${warning}</li>`), warning);
    assert.match(html, /\.partial\{background:/);
    assert.match(html, /<th>AMC23 \(partial\)<\/th>/);
    assert.match(html, /<td>3 of 83<\/td>/);
  });
});
