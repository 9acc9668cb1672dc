/**
 * Wire contracts of evaluation: the samples a checkpoint produced, and the scores computed from them.
 * The evaluator service, `rlvr eval` and the learner's periodic evaluation share these schemas.
 */
import { z } from "zod";
import { MAX_RESPONSE_CHARS } from "./grading.ts";

/** One sampled response to one problem (a JSONL line of a samples file). */
export const SampleSchema = z
  .object({
    /** The problem set (benchmark) the problem belongs to; may be omitted when there is one set. */
    benchmark: z.string().min(1).max(200).optional(),
    /** The problem's id in its set (for the six benchmarks: its 0-based position). */
    problem_id: z.union([z.string().min(1).max(200), z.number().int().min(0)]).optional(),
    /** Alias of `problem_id` for sets identified by position. */
    index: z.number().int().min(0).optional(),
    /** Which of the problem's k samples this is (0-based); default: order of appearance. */
    sample: z.number().int().min(0).optional(),
    response: z.string().max(MAX_RESPONSE_CHARS),
  })
  .refine((s) => s.problem_id !== undefined || s.index !== undefined, {
    message: "each sample needs `problem_id` (or `index`)",
    path: ["problem_id"],
  });
export type Sample = z.output<typeof SampleSchema>;

export const BenchmarkScoreSchema = z.object({
  benchmark: z.string(),
  problems: z.number().int(),
  /** Samples per problem used (the smallest count over the set's problems). */
  k: z.number().int(),
  /** Mean over problems of the fraction of correct samples (the paper's Pass@1), in [0, 1]. */
  pass1: z.number(),
  /** Unbiased pass@k for k in {1, 2, 4, 8, 16} that the sample count allows. */
  passAtK: z.record(z.string(), z.number()),
  /** Majority vote over the extracted answers of the first k samples, in [0, 1]. */
  majAtK: z.number(),
  /** Mean response length in characters. */
  meanResponseChars: z.number(),
  /** Samples whose check timed out or failed. */
  gradingFailures: z.number().int(),
});
export type BenchmarkScore = z.output<typeof BenchmarkScoreSchema>;

export const EvaluationResultSchema = z.object({
  benchmarks: z.array(BenchmarkScoreSchema),
  /** Unweighted mean over benchmarks (the paper's "Avg." column). */
  average: z.object({ pass1: z.number(), majAtK: z.number(), passAtK: z.record(z.string(), z.number()) }),
  samples: z.number().int(),
  /** Per-problem detail: correct count of n samples and the majority verdict. */
  problems: z.array(
    z.object({
      benchmark: z.string(),
      id: z.string(),
      n: z.number().int(),
      correct: z.number().int(),
      majority: z.boolean(),
    }),
  ),
});
export type EvaluationResult = z.output<typeof EvaluationResultSchema>;
