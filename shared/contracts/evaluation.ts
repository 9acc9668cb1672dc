/**
 * Wire contracts of evaluation: the samples a checkpoint produced, and the scores computed from them.
 * The evaluator service, `rlvr eval` and the learner's periodic evaluation share these schemas.
 */
import { z } from "zod";
import { GoldSchema, GradeOptionsSchema, MAX_RESPONSE_CHARS } from "./grading.ts";

/**
 * Samples per problem: the paper's protocol (Pass@1 over k = 16), the default of `rlvr generate`,
 * `rlvr eval` and evaluation jobs alike, so that generated samples score with default flags.
 */
export const DEFAULT_K = 16;

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

/**
 * How much of a problem set an evaluation covers. Partial (fewer problems than the set holds, or
 * fewer than k samples for some) happens only under `allowPartial`, and every output says so.
 */
export const CoverageSchema = z.object({
  problems: z.object({ covered: z.number().int(), total: z.number().int() }),
  /** Samples scored per covered problem (at most k each). */
  samplesPerProblem: z.object({ min: z.number().int(), max: z.number().int() }),
  /** The samples per problem asked for. */
  k: z.number().int(),
  partial: z.boolean(),
});
export type Coverage = z.output<typeof CoverageSchema>;

export const BenchmarkScoreSchema = z.object({
  benchmark: z.string(),
  /** Problems scored (those with samples). */
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
  coverage: CoverageSchema,
});
export type BenchmarkScore = z.output<typeof BenchmarkScoreSchema>;

export const EvaluationResultSchema = z.object({
  benchmarks: z.array(BenchmarkScoreSchema),
  /** Unweighted mean over benchmarks (the paper's "Avg." column). */
  average: z.object({ pass1: z.number(), majAtK: z.number(), passAtK: z.record(z.string(), z.number()) }),
  /**
   * Whether the whole evaluation is partial: some benchmark's coverage is, or some problem set given
   * has no samples at all (`missing`, left out of the average).
   */
  coverage: z.object({ partial: z.boolean(), missing: z.array(z.string()) }),
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

/** A problem set sent with a job (the user's own data), instead of one the evaluator has on disk. */
export const InlineProblemSetSchema = z.object({
  name: z.string().min(1).max(200),
  problems: z
    .array(z.object({ id: z.string().min(1).max(200), problem: z.string().max(100_000), gold: GoldSchema }))
    .min(1)
    .max(100_000),
});
export type InlineProblemSet = z.output<typeof InlineProblemSetSchema>;

/**
 * A job's title, for its reports. In a status, the default also covers statuses stored before the
 * title was kept.
 */
const JobTitleSchema = z.string().max(200).default("Evaluation");

/** Most samples one job may carry inline (larger sets go through the NATS object store). */
export const MAX_INLINE_SAMPLES = 50_000;

/** `POST /v1/evaluations` and the job message: what to evaluate. */
export const EvaluationRequestSchema = z
  .object({
    /** The samples, inline, or the name of an object already put in the `rlvr-eval-samples` object store. */
    samples: z.union([
      z.array(SampleSchema).min(1).max(MAX_INLINE_SAMPLES),
      z.object({ object: z.string().min(1) }),
    ]),
    /** Problem sets the evaluator has on disk (default: the six benchmarks) or sent inline. */
    benchmarks: z.array(z.string().min(1)).min(1).optional(),
    problemSets: z.array(InlineProblemSetSchema).min(1).optional(),
    k: z.number().int().min(1).max(1024).default(DEFAULT_K),
    gradeOptions: GradeOptionsSchema.optional(),
    allowPartial: z.boolean().default(false),
    title: JobTitleSchema,
  })
  .strict()
  .refine((r) => !(r.benchmarks && r.problemSets), {
    message: "give either `benchmarks` or `problemSets`, not both",
    path: ["problemSets"],
  });
export type EvaluationRequest = z.input<typeof EvaluationRequestSchema>;

export const JobStateSchema = z.enum(["queued", "running", "done", "failed"]);

/** What `GET /v1/evaluations/:id` answers, and what the results bucket holds under the job id. */
export const EvaluationStatusSchema = z.object({
  id: z.string(),
  /** The request's title. */
  title: JobTitleSchema,
  state: JobStateSchema,
  progress: z.object({ graded: z.number().int(), total: z.number().int() }),
  /** Set once the job is done. */
  result: EvaluationResultSchema.optional(),
  error: z.string().optional(),
  /** How many times the job was delivered to an evaluator (above 1 after a crash). */
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EvaluationStatus = z.output<typeof EvaluationStatusSchema>;

/** NATS names of the evaluation service. */
export const EVALUATOR_NATS = {
  stream: "RLVR_EVAL_JOBS",
  jobsSubject: "rlvr.eval.jobs",
  consumer: "rlvr-evaluator",
  resultsBucket: "rlvr-eval-results",
  chunksBucket: "rlvr-eval-chunks",
  samplesStore: "rlvr-eval-samples",
  progressSubject: (id: string) => `rlvr.eval.progress.${id}`,
} as const;

/** The message on the jobs stream: the request, its samples already in the object store. */
export const EvaluationJobMessageSchema = z.object({
  id: z.string().regex(/^[-_A-Za-z0-9]{1,100}$/, "job ids are letters, digits, - and _"),
  request: EvaluationRequestSchema.and(z.object({ samples: z.object({ object: z.string().min(1) }) })),
});
export type EvaluationJobMessage = z.output<typeof EvaluationJobMessageSchema>;
