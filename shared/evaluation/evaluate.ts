/**
 * One evaluation, start to end: match samples to problems, grade every response, score. Used
 * in-process by `rlvr eval` and by the learner, and by the evaluator service per job.
 */
import type { GraderClient } from "../clients/grader.ts";
import type { EvaluationResult, Sample } from "../contracts/evaluation.ts";
import type { GradeOptionsInput, GradeRequest, Verdict } from "../contracts/grading.ts";
import type { ProblemSet } from "../datasets/problems.ts";
import { graderEquivalence } from "./equivalence.ts";
import { assertComplete, matchSamples, type SamplesReport } from "./samples.ts";
import { scoreEvaluation } from "./score.ts";

export interface EvaluateOptions {
  k: number;
  grader: GraderClient;
  gradeOptions?: GradeOptionsInput;
  /** Score what there is instead of refusing samples that do not cover every problem k times. */
  allowPartial?: boolean;
  /** Responses graded per call (progress is reported after each). */
  chunkSize?: number;
  onProgress?: (graded: number, total: number) => void;
}

export interface Evaluation {
  result: EvaluationResult;
  report: SamplesReport;
}

export async function evaluateSamples(
  sets: ProblemSet[],
  samples: Sample[],
  options: EvaluateOptions,
): Promise<Evaluation> {
  const matched = matchSamples(sets, samples, options.k);
  const { problems, report } = matched;
  if (!options.allowPartial) assertComplete(report, options.k);
  if (problems.length === 0) throw new Error("no problem has samples: nothing to evaluate");
  const requests: GradeRequest[] = problems.flatMap((p) =>
    p.responses.map((response) => ({ response, gold: p.problem.gold })),
  );
  const chunkSize = options.chunkSize ?? 1024;
  const verdicts: Verdict[] = [];
  for (let start = 0; start < requests.length; start += chunkSize) {
    verdicts.push(
      ...(await options.grader.gradeMany(requests.slice(start, start + chunkSize), options.gradeOptions)),
    );
    options.onProgress?.(verdicts.length, requests.length);
  }
  let cursor = 0;
  const byProblem = problems.map((p) => {
    const start = cursor;
    cursor += p.responses.length;
    return verdicts.slice(start, cursor);
  });
  const result = await scoreEvaluation(
    matched,
    byProblem,
    graderEquivalence(options.grader, options.gradeOptions),
  );
  return { result, report };
}
