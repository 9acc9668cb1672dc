/** The OpenAPI 3.1 document of the HTTP API, built from the zod wire contract. */
import { z } from "zod";
import {
  GradeBatchRequestSchema,
  GradeBatchResponseSchema,
  GradeOptionsSchema,
  GradeRequestSchema,
  MAX_BATCH_ITEMS,
  VerdictSchema,
} from "../../../shared/contracts/grading.ts";
import { ErrorBodySchema } from "../pipeline.ts";
import { BATCH_BODY_LIMIT_BYTES, SINGLE_BODY_LIMIT_BYTES } from "./limits.ts";

type JsonObject = Record<string, unknown>;

export interface Operation {
  summary: string;
  description: string;
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
  security?: JsonObject[];
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<"get" | "post", Operation>>>;
  components: { schemas: Record<string, JsonObject>; securitySchemes: JsonObject };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject, example?: unknown) => ({
  "application/json": example === undefined ? { schema } : { schema, example },
});
const errorReply = (description: string) => ({ description, content: json(ref("Error")) });

const SINGLE_EXAMPLE = { response: "Adding the two gives 42, so the answer is \\boxed{42}.", gold: "42" };
const BATCH_EXAMPLE = {
  items: [
    { response: "\\boxed{\\frac{1}{2}}", gold: "\\frac{1}{2}" },
    { response: "The final answer is 7.", gold: 8 },
  ],
  options: { timeoutMs: 500 },
};

const MiB = 1024 * 1024;

function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  registry.add(GradeOptionsSchema, { id: "GradeOptions" });
  registry.add(GradeRequestSchema, { id: "GradeRequest" });
  registry.add(GradeBatchRequestSchema, { id: "GradeBatchRequest" });
  registry.add(VerdictSchema, { id: "Verdict" });
  registry.add(GradeBatchResponseSchema, { id: "GradeBatchResponse" });
  registry.add(ErrorBodySchema, { id: "Error" });
  // "input": what a client may send, with defaults shown as defaults rather than as required fields.
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Inside an OpenAPI document the dialect and location of each schema are implied.
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $schema: _, $id: __, ...schema }]) => [name, schema as JsonObject]),
  );
}

export function buildOpenApiDocument(version: string): OpenApiDocument {
  const withAuth = [{}, { bearer: [] }];
  const rejections = {
    "400": errorReply("Malformed JSON, or a request that does not match the schema (`issues` says where)."),
    "401": errorReply("GRADER_TOKEN is set and the bearer token is missing or wrong."),
    "413": errorReply("The body is over the size limit."),
    "415": errorReply("The body is not sent as `Content-Type: application/json`."),
  };
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
          security: withAuth,
          requestBody: { required: true, content: json(ref("GradeRequest"), SINGLE_EXAMPLE) },
          responses: { "200": { description: "The verdict.", content: json(ref("Verdict")) }, ...rejections },
        },
      },
      "/v1/grade/batch": {
        post: {
          summary: "Grade a batch of responses",
          description: `Up to ${MAX_BATCH_ITEMS} items; body limit ${BATCH_BODY_LIMIT_BYTES / MiB} MiB. Verdicts come back in the order of the items. Batch \`options\` apply to every item without options of its own.`,
          security: withAuth,
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
      "/healthz": {
        get: {
          summary: "Liveness",
          description:
            'Open even when GRADER_TOKEN is set. Reports `workers` (ready checker workers) and `nats` ("off", "connecting" or "serving").',
          responses: { "200": { description: "The service is up.", content: json({ type: "object" }) } },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics",
          description:
            "Requests by route and status code, verdicts by status, latency, timeouts, worker restarts.",
          security: withAuth,
          responses: { "200": { description: "Prometheus text format.", content: { "text/plain": {} } } },
        },
      },
      "/openapi.json": {
        get: {
          summary: "This document",
          description: "OpenAPI 3.1, generated from the wire contract's zod schemas.",
          security: withAuth,
          responses: { "200": { description: "The OpenAPI document.", content: json({ type: "object" }) } },
        },
      },
      "/docs": {
        get: {
          summary: "Human-readable documentation",
          description: "This API with curl examples, rendered from the OpenAPI document.",
          security: withAuth,
          responses: { "200": { description: "An HTML page.", content: { "text/html": {} } } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
