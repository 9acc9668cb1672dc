/** The OpenAPI 3.1 document of the evaluation API, built from the zod wire contract. */
import { z } from "zod";
import {
  EvaluationRequestSchema,
  EvaluationResultSchema,
  EvaluationStatusSchema,
  InlineProblemSetSchema,
  MAX_INLINE_SAMPLES,
  SampleSchema,
} from "../../../shared/contracts/evaluation.ts";
import { ErrorBodySchema } from "../../common/http/errors.ts";
import {
  bodyRejections,
  componentSchemas,
  errorReply,
  json,
  MiB,
  type OpenApiDocument,
  operationalPaths,
  ref,
  SECURITY_SCHEMES,
  WITH_AUTH,
} from "../../common/openapi/document.ts";
import { SUBMIT_BODY_LIMIT_BYTES } from "./limits.ts";

/** What `POST /v1/evaluations` answers. */
export const SubmittedSchema = z.object({
  id: z.string(),
  /** Where to follow the job: `GET` it. */
  status: z.string(),
});

const SUBMIT_EXAMPLE = {
  problemSets: [
    {
      name: "toy",
      problems: [
        { id: "p1", problem: "1/2 + 1/2 = ?", gold: "1" },
        { id: "p2", problem: "Half of one?", gold: "\\frac{1}{2}" },
      ],
    },
  ],
  samples: [
    { problem_id: "p1", sample: 0, response: "\\boxed{1}" },
    { problem_id: "p1", sample: 1, response: "\\boxed{2}" },
    { problem_id: "p2", sample: 0, response: "It is \\boxed{0.5}" },
    { problem_id: "p2", sample: 1, response: "\\boxed{\\dfrac12}" },
  ],
  k: 2,
};

const ID_PARAMETER = { name: "id", in: "path", required: true, schema: { type: "string" } };

function report(format: string, mediaType: string) {
  return {
    get: {
      summary: `The job's report in ${format}`,
      description: "Scores per benchmark and averaged, rendered from the result.",
      security: WITH_AUTH,
      parameters: [ID_PARAMETER],
      responses: {
        "200": { description: `The report (${format}).`, content: { [mediaType]: {} } },
        "401": errorReply("EVALUATOR_TOKEN is set and the bearer token is missing or wrong."),
        "404": errorReply("No such job."),
        "409": errorReply("The job is not done (yet, or it failed)."),
      },
    },
  };
}

export function buildOpenApiDocument(version: string): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "RLVR evaluation service",
      version,
      description:
        "Scores a checkpoint's samples (k responses per problem) against problem sets: Pass@1, pass@k and maj@k per benchmark and averaged. Jobs are queued durably in NATS JetStream and survive a crash of the evaluator; grading fans out to the grading service. The same jobs can be submitted over NATS (`rlvr eval --via nats`); progress is published on `rlvr.eval.progress.<id>`.",
    },
    paths: {
      "/v1/evaluations": {
        post: {
          summary: "Submit an evaluation job",
          description: `Samples inline (up to ${MAX_INLINE_SAMPLES}) or \`{"object": name}\` of an object already in the \`rlvr-eval-samples\` object store; problem sets by name (\`benchmarks\`, default the six) or inline (\`problemSets\`). Body limit ${SUBMIT_BODY_LIMIT_BYTES / MiB} MiB. Everything is checked before the job is queued, except whether the samples fit the problems: a job whose samples do not ends \`failed\` with the reason in \`error\`.`,
          security: WITH_AUTH,
          requestBody: { required: true, content: json(ref("EvaluationRequest"), SUBMIT_EXAMPLE) },
          responses: {
            "202": { description: "Queued.", content: json(ref("Submitted")) },
            ...bodyRejections("EVALUATOR_TOKEN"),
            "503": errorReply("The evaluator is still connecting to NATS."),
          },
        },
      },
      "/v1/evaluations/{id}": {
        get: {
          summary: "A job's status",
          description: "State (queued, running, done, failed), progress, and once done the result.",
          security: WITH_AUTH,
          parameters: [ID_PARAMETER],
          responses: {
            "200": { description: "The status.", content: json(ref("EvaluationStatus")) },
            "401": errorReply("EVALUATOR_TOKEN is set and the bearer token is missing or wrong."),
            "404": errorReply("No such job."),
          },
        },
      },
      "/v1/evaluations/{id}/report.html": report("HTML", "text/html"),
      "/v1/evaluations/{id}/report.md": report("Markdown", "text/markdown"),
      ...operationalPaths(
        'Open even when EVALUATOR_TOKEN is set. 200 once jobs are being taken from the queue (503 before). Reports `nats` ("connecting", "connected" or "reconnecting") and `activeJobs`.',
        "Jobs by outcome, job duration, items graded, active jobs, HTTP requests by route and status code.",
      ),
    },
    components: {
      schemas: componentSchemas({
        Sample: SampleSchema,
        InlineProblemSet: InlineProblemSetSchema,
        EvaluationRequest: EvaluationRequestSchema,
        EvaluationResult: EvaluationResultSchema,
        EvaluationStatus: EvaluationStatusSchema,
        Submitted: SubmittedSchema,
        Error: ErrorBodySchema,
      }),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
