/** Scores graded samples: Pass@1, pass@k and maj@k per benchmark and their unweighted average. */
import type { BenchmarkScore, Coverage, EvaluationResult } from "../contracts/evaluation.ts";
import type { Verdict } from "../contracts/grading.ts";
import { passAtKTable } from "../metrics/pass-at-k.ts";
import { type EquivalenceCheck, majorityVotes } from "./majority.ts";
import type { MatchedSamples } from "./samples.ts";

/** `verdicts[i][j]` is the verdict of `matched.problems[i].responses[j]`. */
export async function scoreEvaluation(
  matched: MatchedSamples,
  verdicts: Verdict[][],
  sameAnswer: EquivalenceCheck,
): Promise<EvaluationResult> {
  const { problems } = matched;
  const majority = await majorityVotes(verdicts, sameAnswer);
  const detail = problems.map((p, i) => ({
    benchmark: p.set,
    id: p.problem.id,
    n: p.responses.length,
    correct: verdicts[i]!.filter((v) => v.correct).length,
    majority: majority[i]!,
    chars: p.responses.reduce((sum, r) => sum + r.length, 0),
    failures: verdicts[i]!.filter((v) => v.status !== "ok").length,
  }));
  const benchmarks: BenchmarkScore[] = [...new Set(detail.map((d) => d.benchmark))].map((benchmark) => {
    const rows = detail.filter((d) => d.benchmark === benchmark);
    const k = Math.min(...rows.map((r) => r.n));
    const mean = (f: (r: (typeof rows)[number]) => number) =>
      rows.reduce((s, r) => s + f(r), 0) / rows.length;
    const tables = rows.map((r) => passAtKTable(r.n, r.correct));
    const passAtK = Object.fromEntries(
      Object.keys(passAtKTable(k, 0)).map((key) => [
        key,
        tables.reduce((s, t) => s + t[key]!, 0) / rows.length,
      ]),
    );
    return {
      benchmark,
      problems: rows.length,
      k,
      pass1: mean((r) => r.correct / r.n),
      passAtK,
      majAtK: mean((r) => (r.majority ? 1 : 0)),
      meanResponseChars: rows.reduce((s, r) => s + r.chars, 0) / rows.reduce((s, r) => s + r.n, 0),
      gradingFailures: rows.reduce((s, r) => s + r.failures, 0),
      coverage: coverageOf(matched, benchmark, rows),
    };
  });
  const missing = matched.sets
    .map((s) => s.name)
    .filter((name) => !benchmarks.some((b) => b.benchmark === name));
  const avg = (f: (b: BenchmarkScore) => number) =>
    benchmarks.reduce((s, b) => s + f(b), 0) / benchmarks.length;
  const sharedKeys = Object.keys(benchmarks[0]?.passAtK ?? {}).filter((key) =>
    benchmarks.every((b) => key in b.passAtK),
  );
  return {
    benchmarks,
    average: {
      pass1: avg((b) => b.pass1),
      majAtK: avg((b) => b.majAtK),
      passAtK: Object.fromEntries(sharedKeys.map((key) => [key, avg((b) => b.passAtK[key]!)])),
    },
    coverage: { partial: missing.length > 0 || benchmarks.some((b) => b.coverage.partial), missing },
    samples: detail.reduce((s, d) => s + d.n, 0),
    problems: detail.map(({ benchmark, id, n, correct, majority }) => ({
      benchmark,
      id,
      n,
      correct,
      majority,
    })),
  };
}

function coverageOf(matched: MatchedSamples, benchmark: string, rows: { n: number }[]): Coverage {
  const total = matched.sets.find((s) => s.name === benchmark)!.problems;
  const min = Math.min(...rows.map((r) => r.n));
  return {
    problems: { covered: rows.length, total },
    samplesPerProblem: { min, max: Math.max(...rows.map((r) => r.n)) },
    k: matched.k,
    partial: rows.length < total || min < matched.k,
  };
}
