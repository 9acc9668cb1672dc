/** The OpenAPI 3.1 document of the HTTP API, built from the zod wire contract. */

import {
  BATCH_BODY_LIMIT_BYTES,
  GradeBatchRequestSchema,
  GradeBatchResponseSchema,
  GradeOptionsSchema,
  GradeRequestSchema,
  MAX_BATCH_ITEMS,
  SINGLE_BODY_LIMIT_BYTES,
  VerdictSchema,
} from "../../../shared/contracts/grading.ts";
import { ErrorBodySchema } from "../../common/http/errors.ts";
import {
  bodyRejections,
  componentSchemas,
  json,
  MiB,
  type OpenApiDocument,
  operationalPaths,
  ref,
  SECURITY_SCHEMES,
  WITH_AUTH,
} from "../../common/openapi/document.ts";

const SINGLE_EXAMPLE = { response: "Adding the two gives 42, so the answer is \\boxed{42}.", gold: "42" };
const BATCH_EXAMPLE = {
  items: [
    { response: "\\boxed{\\frac{1}{2}}", gold: "\\frac{1}{2}" },
    { response: "The final answer is 7.", gold: 8 },
  ],
  options: { timeoutMs: 500 },
};

export function buildOpenApiDocument(version: string): OpenApiDocument {
  const rejections = bodyRejections("GRADER_TOKEN");
  return {
    openapi: "3.1.0",
    info: {
      title: "RLVR grading service",
      version,
      description:
        "Extracts the final answer from a language model's math response and decides whether it equals the gold answer. The same contract is served over NATS on subjects `rlvr.grade` and `rlvr.grade.batch`.",
    },
    paths: {
      "/v1/grade": {
        post: {
          summary: "Grade one response",
          description: `Body limit ${SINGLE_BODY_LIMIT_BYTES / MiB} MiB. A check that overruns its time budget (\`options.timeoutMs\`) is stopped and answered with status \`timeout\`.`,
          security: WITH_AUTH,
          requestBody: { required: true, content: json(ref("GradeRequest"), SINGLE_EXAMPLE) },
          responses: { "200": { description: "The verdict.", content: json(ref("Verdict")) }, ...rejections },
        },
      },
      "/v1/grade/batch": {
        post: {
          summary: "Grade a batch of responses",
          description: `Up to ${MAX_BATCH_ITEMS} items; body limit ${BATCH_BODY_LIMIT_BYTES / MiB} MiB. Verdicts come back in the order of the items. Batch \`options\` apply to every item without options of its own.`,
          security: WITH_AUTH,
          requestBody: { required: true, content: json(ref("GradeBatchRequest"), BATCH_EXAMPLE) },
          responses: {
            "200": {
              description: "One verdict per item, in order.",
              content: json(ref("GradeBatchResponse")),
            },
            ...rejections,
          },
        },
      },
      ...operationalPaths(
        'Open even when GRADER_TOKEN is set. Reports `workers` (ready checker workers) and `nats` ("off", "connecting" or "serving").',
        "Requests by route and status code, verdicts by status, latency, timeouts, worker restarts.",
      ),
    },
    components: {
      schemas: componentSchemas({
        GradeOptions: GradeOptionsSchema,
        GradeRequest: GradeRequestSchema,
        GradeBatchRequest: GradeBatchRequestSchema,
        Verdict: VerdictSchema,
        GradeBatchResponse: GradeBatchResponseSchema,
        Error: ErrorBodySchema,
      }),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
