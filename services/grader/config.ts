/** The grader's configuration, read from the environment. */
import { requireTokenOffLoopback } from "../common/config/bind.ts";
import { type Env, integer, type NatsSettings, natsSettings, nonEmpty } from "../common/config/env.ts";
import { describeAuthThrottle } from "../common/http/auth-throttle.ts";
import { type AdmissionLimits, DEFAULT_ADMISSION_LIMITS } from "./admission.ts";

export interface GraderConfig {
  host: string;
  /** 0 picks a free port; the start-up log line says which. */
  port: number;
  token: string | null;
  workers: number | undefined;
  nats: NatsSettings | null;
  admission: AdmissionLimits;
}

const DEFAULTS = DEFAULT_ADMISSION_LIMITS;

export const USAGE = `Usage: deno run -A services/grader/main.ts

Serves the answer checker over HTTP (and over NATS when NATS_URL is set).

Environment:
  GRADER_HOST      interface to listen on (default 127.0.0.1)
  GRADER_PORT      HTTP port (default 8787; 0 picks a free one)
  GRADER_TOKEN     when set, every endpoint except /healthz requires "Authorization: Bearer <token>";
                   required when GRADER_HOST is not loopback (127.0.0.0/8, ::1, localhost). Throttled:
                   ${describeAuthThrottle()}
  GRADER_WORKERS   checker worker processes (default: one per core)
  GRADER_MAX_QUEUED_ITEMS   checks that may wait for a worker; a request that would queue more is
                   refused with 503 and Retry-After (default ${DEFAULTS.maxQueuedItems})
  GRADER_MAX_CLIENT_REQUESTS   requests in flight per client (HTTP: remote address; NATS: client
                   connection); beyond it 429 and Retry-After (default ${DEFAULTS.maxRequestsPerClient})
  GRADER_MAX_BODY_BYTES_IN_FLIGHT   request bytes held at once across all requests; beyond it 503 and
                   Retry-After (default ${DEFAULTS.maxBodyBytesInFlight}, four full 16 MiB batches)
  NATS_URL         e.g. nats://127.0.0.1:4222; serves subjects rlvr.grade and rlvr.grade.batch
  NATS_USER, NATS_PASSWORD   NATS credentials, if the server wants them; else the grader user of the
                   NATS_CREDENTIALS file, or of .rlvr/credentials.json for a server on this machine

Endpoints: POST /v1/grade, POST /v1/grade/batch, POST /v1/openrlhf/reward (OpenRLHF's --remote_rm_url),
           GET /healthz, GET /metrics, GET /openapi.json, GET /docs
`;

export function readConfig(env: Env): GraderConfig {
  const workers = nonEmpty(env("GRADER_WORKERS"));
  const setting = (name: string, fallback: number, max: number) =>
    integer(name, nonEmpty(env(name)) ?? String(fallback), 1, max);
  const host = nonEmpty(env("GRADER_HOST")) ?? "127.0.0.1";
  const token = nonEmpty(env("GRADER_TOKEN"));
  requireTokenOffLoopback(host, token, { host: "GRADER_HOST", token: "GRADER_TOKEN" });
  return {
    host,
    port: integer("GRADER_PORT", nonEmpty(env("GRADER_PORT")) ?? "8787", 0, 65_535),
    token,
    workers: workers === null ? undefined : integer("GRADER_WORKERS", workers, 1, 1024),
    nats: natsSettings(env),
    admission: {
      maxQueuedItems: setting("GRADER_MAX_QUEUED_ITEMS", DEFAULTS.maxQueuedItems, 10_000_000),
      maxRequestsPerClient: setting("GRADER_MAX_CLIENT_REQUESTS", DEFAULTS.maxRequestsPerClient, 1_000_000),
      maxBodyBytesInFlight: setting(
        "GRADER_MAX_BODY_BYTES_IN_FLIGHT",
        DEFAULTS.maxBodyBytesInFlight,
        2 ** 40,
      ),
    },
  };
}
