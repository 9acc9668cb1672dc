/** OpenAPI 3.1 documents built from zod wire contracts, and the pieces every service's document uses. */
import { z } from "zod";

type JsonObject = Record<string, unknown>;

export interface Operation {
  summary: string;
  description: string;
  parameters?: JsonObject[];
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

export const MiB = 1024 * 1024;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const json = (schema: JsonObject, example?: unknown) => ({
  "application/json": example === undefined ? { schema } : { schema, example },
});

/** A reply whose body is the `Error` component (see `componentSchemas`). */
export const errorReply = (description: string) => ({ description, content: json(ref("Error")) });

/** The refusals every JSON endpoint may answer; `tokenVariable` is the variable that turns auth on. */
export function bodyRejections(tokenVariable: string) {
  return {
    "400": errorReply("Malformed JSON, or a request that does not match the schema (`issues` says where)."),
    "401": errorReply(`${tokenVariable} is set and the bearer token is missing or wrong.`),
    "413": errorReply("The body is over the size limit."),
    "415": errorReply("The body is not sent as `Content-Type: application/json`."),
    "429": errorReply(
      "Too many wrong bearer tokens from this address (it is locked out, whatever token it sends), or too many requests in flight from this client. Wait as `Retry-After` (seconds) or `retryAfterMs` says.",
    ),
    "503": errorReply(
      "The service is busy (its queue, or the request bytes it holds, is full) or not ready yet: send the request again after `Retry-After` seconds, or to another replica.",
    ),
  };
}

/** Routes that may be called without a token, or with one when the service is run with a token. */
export const WITH_AUTH = [{}, { bearer: [] }];

export const SECURITY_SCHEMES = { bearer: { type: "http", scheme: "bearer" } };

/** JSON Schemas of the named zod schemas, referring to each other by `#/components/schemas/<name>`. */
export function componentSchemas(named: Record<string, z.ZodType>): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
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

/** The operations every service serves beside its API: health, metrics, this document, the docs page. */
export function operationalPaths(healthDescription: string, metricsDescription: string) {
  return {
    "/healthz": {
      get: {
        summary: "Health",
        description: healthDescription,
        responses: { "200": { description: "The service is up.", content: json({ type: "object" }) } },
      },
    },
    "/metrics": {
      get: {
        summary: "Prometheus metrics",
        description: metricsDescription,
        security: WITH_AUTH,
        responses: { "200": { description: "Prometheus text format.", content: { "text/plain": {} } } },
      },
    },
    "/openapi.json": {
      get: {
        summary: "This document",
        description: "OpenAPI 3.1, generated from the wire contract's zod schemas.",
        security: WITH_AUTH,
        responses: { "200": { description: "The OpenAPI document.", content: json({ type: "object" }) } },
      },
    },
    "/docs": {
      get: {
        summary: "Human-readable documentation",
        description: "This API with curl examples, rendered from the OpenAPI document.",
        security: WITH_AUTH,
        responses: { "200": { description: "An HTML page.", content: { "text/html": {} } } },
      },
    },
  } satisfies OpenApiDocument["paths"];
}
