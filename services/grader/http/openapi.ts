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
import {
  MAX_OPENRLHF_QUERIES,
  OPENRLHF_BODY_LIMIT_BYTES,
  OpenRlhfRewardRequestSchema,
  OpenRlhfRewardResponseSchema,
} from "../../../shared/contracts/openrlhf.ts";
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
const OPENRLHF_PROMPT =
  "<|im_start|>user\nWhat is 1/2 + 0? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n";
const OPENRLHF_EXAMPLE = {
  query: [`${OPENRLHF_PROMPT}It is \\boxed{0.5}.<|im_end|>`, `${OPENRLHF_PROMPT}It is \\boxed{2}.<|im_end|>`],
  prompts: [OPENRLHF_PROMPT, OPENRLHF_PROMPT],
  labels: ["\\frac{1}{2}", "\\frac{1}{2}"],
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
      "/v1/openrlhf/reward": {
        post: {
          summary: "Rewards for OpenRLHF (`--remote_rm_url`)",
          description: `OpenRLHF's remote reward model format: \`query[i]\` is prompt + response, \`prompts[i]\` the prompt, \`labels[i]\` the gold answer. Only what follows the prompt in its query is graded; a query that does not start with its prompt earns 0. A reward is 1.0 for a correct response, else 0.0; \`scores\` repeats \`rewards\`. Up to ${MAX_OPENRLHF_QUERIES} queries (a whole rollout batch); body limit ${OPENRLHF_BODY_LIMIT_BYTES / MiB} MiB; default options. Unknown fields are ignored.`,
          security: WITH_AUTH,
          requestBody: { required: true, content: json(ref("OpenRlhfRewardRequest"), OPENRLHF_EXAMPLE) },
          responses: {
            "200": {
              description: "One reward per query, in order, written as floats.",
              content: json(ref("OpenRlhfRewardResponse")),
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
        OpenRlhfRewardRequest: OpenRlhfRewardRequestSchema,
        OpenRlhfRewardResponse: OpenRlhfRewardResponseSchema,
        Error: ErrorBodySchema,
      }),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
