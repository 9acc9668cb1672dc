/** The grader's configuration, read from the environment. */
import { type Env, integer, type NatsSettings, natsSettings, nonEmpty } from "../common/config/env.ts";

export interface GraderConfig {
  host: string;
  /** 0 picks a free port; the start-up log line says which. */
  port: number;
  token: string | null;
  workers: number | undefined;
  nats: NatsSettings | null;
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

export function readConfig(env: Env): GraderConfig {
  const workers = nonEmpty(env("GRADER_WORKERS"));
  return {
    host: nonEmpty(env("GRADER_HOST")) ?? "127.0.0.1",
    port: integer("GRADER_PORT", nonEmpty(env("GRADER_PORT")) ?? "8787", 0, 65_535),
    token: nonEmpty(env("GRADER_TOKEN")),
    workers: workers === null ? undefined : integer("GRADER_WORKERS", workers, 1, 1024),
    nats: natsSettings(env),
  };
}
