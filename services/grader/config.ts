/** The grader's configuration, read from the environment. */

export interface GraderConfig {
  host: string;
  /** 0 picks a free port; the start-up log line says which. */
  port: number;
  token: string | null;
  workers: number | undefined;
  nats: { url: string; user: string | null; password: string | null } | null;
}

export const USAGE = `Usage: deno run -A services/grader/main.ts

Serves the answer checker over HTTP (and over NATS when NATS_URL is set).

Environment:
  GRADER_HOST      interface to listen on (default 127.0.0.1)
  GRADER_PORT      HTTP port (default 8787; 0 picks a free one)
  GRADER_TOKEN     when set, every endpoint except /healthz requires "Authorization: Bearer <token>"
  GRADER_WORKERS   checker worker processes (default: one per core)
  NATS_URL         e.g. nats://127.0.0.1:4222; serves subjects rlvr.grade and rlvr.grade.batch
  NATS_USER, NATS_PASSWORD   NATS credentials, if the server wants them

Endpoints: POST /v1/grade, POST /v1/grade/batch, GET /healthz, GET /metrics, GET /openapi.json, GET /docs
`;

export function readConfig(env: (name: string) => string | undefined): GraderConfig {
  const natsUrl = nonEmpty(env("NATS_URL"));
  const workers = nonEmpty(env("GRADER_WORKERS"));
  return {
    host: nonEmpty(env("GRADER_HOST")) ?? "127.0.0.1",
    port: integer("GRADER_PORT", nonEmpty(env("GRADER_PORT")) ?? "8787", 0, 65_535),
    token: nonEmpty(env("GRADER_TOKEN")),
    workers: workers === null ? undefined : integer("GRADER_WORKERS", workers, 1, 1024),
    nats: natsUrl
      ? { url: natsUrl, user: nonEmpty(env("NATS_USER")), password: nonEmpty(env("NATS_PASSWORD")) }
      : null,
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === "" ? null : value.trim();
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
