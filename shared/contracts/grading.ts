/**
 * Wire contracts of the grading service. These zod schemas are the single source of truth: the HTTP
 * service, the NATS service, the CLI and every client validate with them, and the TypeScript types
 * below are derived from them.
 */
import { z } from "zod";

/** Largest response the checker accepts, in UTF-16 code units (a long chain-of-thought fits easily). */
export const MAX_RESPONSE_CHARS = 2_000_000;
/** Largest gold answer (one alternative), in characters. */
export const MAX_GOLD_CHARS = 10_000;
/** Most alternatives a list-shaped gold may hold. */
export const MAX_GOLD_ALTERNATIVES = 64;
/** Most items in one batch request. */
export const MAX_BATCH_ITEMS = 1024;
/** Body limits of the HTTP API (`POST /v1/grade`, `POST /v1/grade/batch`), enforced while reading. */
export const SINGLE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** Default per-item time budget, milliseconds. */
export const DEFAULT_TIMEOUT_MS = 250;

/**
 * Options where graders in the wild disagree. Every field has a documented default so that a
 * request without options means the same thing everywhere.
 */
export const GradeOptionsSchema = z
  .object({
    /**
     * Format protocol. `false` (default): when the response contains `</think>`, only the text after
     * the last one is graded, else the whole response. `true`: as the paper's grader does, a response
     * without `</think>` is incorrect (reason `missing </think>`).
     */
    requireThinkClose: z.boolean().default(false),
    /**
     * How a percentage in the response relates to a gold without one. `both` (default): `10\%`
     * equals 10 and 0.1; `number`: `10\%` equals 10 only; `fraction`: `10\%` equals 0.1 only.
     */
    percent: z.enum(["both", "number", "fraction"]).default("both"),
    /**
     * Comma-separated lists. `auto` (default): bare lists and `\{...\}` are unordered sets, lists in
     * parentheses or brackets are ordered tuples/intervals; `ordered`: every list is ordered;
     * `unordered`: every bare or parenthesised list is compared as a multiset.
     */
    listOrder: z.enum(["auto", "ordered", "unordered"]).default("auto"),
    /**
     * Relative tolerance used only when a side is a decimal. `null` (default): the gold sets the
     * precision. An exact gold (integer, fraction, radical, π) needs an exactly equal response, so a
     * rounded decimal earns nothing (`0.3` ≠ 1/3, `7e2` ≠ 721, `1.41` ≠ √2); a decimal gold is matched
     * to its own stated precision (half a unit in its last digit, relative), so gold `3.14` accepts
     * `3.14159` and `\pi` but not `3.1`. A number here also lets decimals match exact golds within it.
     */
    relativeTolerance: z.number().min(0).max(0.5).nullable().default(null),
    /**
     * Multiple choice. `auto` (default): when the gold is a single letter A–E, a response's chosen
     * letter (`(B)`, `\textbf{B}`, `answer: B`) is compared; `off`: letters are plain text.
     */
    multipleChoice: z.enum(["auto", "off"]).default("auto"),
    /**
     * Per-item time budget in milliseconds; a check past it is stopped and answered `timeout`. At most
     * 2,000: a check holds a worker for as long as it runs, and the checker's own limits keep real
     * answers to milliseconds, so a bigger budget would only let one request hold workers longer.
     */
    timeoutMs: z.number().int().min(10).max(2_000).default(DEFAULT_TIMEOUT_MS),
  })
  .strict();

/** A gold answer: a string, a number, or a list of acceptable strings (any one may match). */
export const GoldSchema = z.union([
  z.string().max(MAX_GOLD_CHARS),
  z.number().finite(),
  z.array(z.string().max(MAX_GOLD_CHARS)).min(1).max(MAX_GOLD_ALTERNATIVES),
]);

export const GradeRequestSchema = z
  .object({
    response: z.string().max(MAX_RESPONSE_CHARS),
    gold: GoldSchema,
    options: GradeOptionsSchema.optional(),
  })
  .strict();

/** A JSONL line for `rlvr grade`: `candidate` is accepted as an alias of `response`. */
export const GradeLineSchema = z
  .object({
    response: z.string().max(MAX_RESPONSE_CHARS).optional(),
    candidate: z.string().max(MAX_RESPONSE_CHARS).optional(),
    gold: GoldSchema,
    options: GradeOptionsSchema.optional(),
  })
  .passthrough()
  .refine((line) => (line.response ?? line.candidate) !== undefined, {
    message: "each line needs `response` (or its alias `candidate`)",
    path: ["response"],
  })
  .transform(
    (line): GradeRequest => ({
      response: (line.response ?? line.candidate) as string,
      gold: line.gold,
      ...(line.options ? { options: line.options } : {}),
    }),
  );

export const GradeBatchRequestSchema = z
  .object({
    items: z.array(GradeRequestSchema).min(1).max(MAX_BATCH_ITEMS),
    /** Options applied to every item that has none of its own. */
    options: GradeOptionsSchema.optional(),
  })
  .strict();

/** Where the graded answer was found in the response. */
export const ExtractionMethodSchema = z.enum([
  "final-answer", // "final answer is …"
  "boxed", // last \boxed{…} / \fbox{…} (several boxed answers form a set)
  "answer-phrase", // "answer: …", "the answer is …"
  "math-env", // last $…$, $$…$$, \(…\), \[…\]
  "last-number", // last number in the text
  "choice", // a multiple-choice letter
  "whole", // the whole (short) response
]);

/** Which comparison decided the verdict. */
export const MatchMethodSchema = z.enum([
  "string", // identical after normalisation
  "exact", // exact rational / big-integer arithmetic
  "tolerance", // numeric, within the tolerance a decimal's precision allows
  "symbolic", // symbolic simplification of the difference
  "sampling", // evaluation at random points
  "equation",
  "interval",
  "set",
  "tuple",
  "matrix",
  "text",
  "choice",
  "none", // nothing matched (or nothing could be compared)
]);

export const VerdictStatusSchema = z.enum(["ok", "timeout", "error"]);

export const VerdictSchema = z.object({
  correct: z.boolean(),
  /** `ok` when the checker ran to completion; `timeout`/`error` are never `correct`. */
  status: VerdictStatusSchema,
  /** The answer text taken from the response, or null when none was found. */
  extracted: z.string().nullable(),
  extractedBy: ExtractionMethodSchema.nullable(),
  /** Canonical renderings of both sides (of the gold alternative that matched, or the first). */
  normalized: z.object({ response: z.string().nullable(), gold: z.string().nullable() }),
  /** Index of the gold alternative that matched (0 for string and number golds), or null. */
  matchedGold: z.number().int().nullable(),
  method: MatchMethodSchema,
  /** Why the verdict is not correct (absent when correct). */
  reason: z.string().optional(),
  elapsedMs: z.number(),
});

export const GradeBatchResponseSchema = z.object({ verdicts: z.array(VerdictSchema) });

export type GradeOptions = z.output<typeof GradeOptionsSchema>;
export type GradeOptionsInput = z.input<typeof GradeOptionsSchema>;
export type Gold = z.output<typeof GoldSchema>;
export type GradeRequest = z.input<typeof GradeRequestSchema>;
export type GradeBatchRequest = z.input<typeof GradeBatchRequestSchema>;
export type ExtractionMethod = z.output<typeof ExtractionMethodSchema>;
export type MatchMethod = z.output<typeof MatchMethodSchema>;
export type VerdictStatus = z.output<typeof VerdictStatusSchema>;
export type Verdict = z.output<typeof VerdictSchema>;
export type GradeBatchResponse = z.output<typeof GradeBatchResponseSchema>;

/** Options with every default filled in. */
export function resolveOptions(options?: GradeOptionsInput): GradeOptions {
  return GradeOptionsSchema.parse(options ?? {});
}

/** NATS subjects of the grading service (NATS services protocol; replicas share a queue group). */
export const GRADER_NATS = {
  serviceName: "rlvr-grader",
  queue: "rlvr-grader",
  gradeSubject: "rlvr.grade",
  batchSubject: "rlvr.grade.batch",
} as const;
