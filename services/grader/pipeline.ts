/**
 * The one request pipeline behind both front-ends (HTTP and NATS): request bytes → JSON → validated by
 * the wire contract → graded by the pool → verdicts, or a rejection that says what was wrong.
 */
import { z } from "zod";
import {
  GradeBatchRequestSchema,
  type GradeBatchResponse,
  GradeRequestSchema,
  type Verdict,
} from "../../shared/contracts/grading.ts";
import type { GradingPool } from "../../shared/pool/index.ts";
import type { GraderMetrics } from "./metrics.ts";

/** The body of every error reply, over HTTP and NATS alike. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  /** Present when the request did not match the schema: one entry per problem. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type ErrorBody = z.output<typeof ErrorBodySchema>;
export type Issue = NonNullable<ErrorBody["issues"]>[number];

/** `status` is an HTTP status code; the NATS front-end sends it as the service error code. */
export interface Rejection extends ErrorBody {
  status: 400 | 401 | 404 | 413 | 415;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class GradingPipeline {
  constructor(
    private readonly pool: GradingPool,
    private readonly metrics: GraderMetrics,
  ) {}

  async gradeOne(body: Uint8Array): Promise<Outcome<Verdict>> {
    const request = this.decode(body, GradeRequestSchema);
    if (!request.ok) return request;
    const verdict = await this.pool.grade(request.value);
    this.metrics.recordVerdicts([verdict]);
    return { ok: true, value: verdict };
  }

  async gradeBatch(body: Uint8Array): Promise<Outcome<GradeBatchResponse>> {
    const batch = this.decode(body, GradeBatchRequestSchema);
    if (!batch.ok) return batch;
    const { items, options } = batch.value;
    const verdicts = await this.pool.gradeMany(
      items.map((item) => (item.options || !options ? item : { ...item, options })),
    );
    this.metrics.recordVerdicts(verdicts);
    return { ok: true, value: { verdicts } };
  }

  private decode<S extends z.ZodType>(body: Uint8Array, schema: S): Outcome<z.output<S>> {
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(body));
    } catch (error) {
      const why = error instanceof SyntaxError ? error.message : "the body is not valid UTF-8";
      return reject(400, `the request body is not valid JSON: ${why}`);
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    return reject(
      400,
      "the request does not match the schema (see /openapi.json)",
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: describe(issue),
      })),
    );
  }
}

/** zod's message for a union ("Invalid input") does not say what would have been valid. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue.message;
  const alternatives = issue.errors
    .map((branch) => branch[0]?.message)
    .filter((message) => message !== undefined);
  return `${issue.message}; none of the alternatives fits: ${[...new Set(alternatives)].join(" | ")}`;
}

export function reject(
  status: Rejection["status"],
  error: string,
  issues?: Issue[],
): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: issues ? { status, error, issues } : { status, error } };
}

/** The reply body of a rejection (its status travels separately). */
export function errorBody({ error, issues }: Rejection): ErrorBody {
  return issues ? { error, issues } : { error };
}
