/** The evaluator's configuration, read from the environment. */
import { defaultDataDir } from "../../shared/datasets/location.ts";
import { JOB_ACK_WAIT_MS } from "../../shared/evaluation/jobs/infrastructure.ts";
import { requireTokenOffLoopback } from "../common/config/bind.ts";
import { type Env, integer, type NatsSettings, natsSettings, nonEmpty } from "../common/config/env.ts";
import { describeAuthThrottle } from "../common/http/auth-throttle.ts";

export interface EvaluatorConfig {
  host: string;
  /** 0 picks a free port; the start-up log line says which. */
  port: number;
  token: string | null;
  nats: NatsSettings;
  dataDir: string;
  /** Jobs evaluated at once by this replica. */
  jobs: number;
  /** Silence after which JetStream hands a job in hand to another evaluator. */
  ackWaitMs: number;
  /** Items per grading request to the graders, and such requests in flight per chunk. */
  gradeBatch: number;
  gradeConcurrency: number;
  /** Jobs queued or running beyond which `POST /v1/evaluations` answers 503. */
  maxPendingJobs: number;
  /** Copies of the job stream, buckets and object store it creates; undefined: from the server. */
  jetStreamReplicas: number | undefined;
}

const DEFAULT_MAX_PENDING_JOBS = 1_000;

export const USAGE = `Usage: deno run -A services/evaluator/main.ts

Runs evaluation jobs from the NATS queue (durably: a job survives a crash of the evaluator) and serves
the evaluation API over HTTP. Grading goes to the grading service over NATS.

Environment:
  NATS_URL         required, e.g. nats://127.0.0.1:4222 (credentials may be in the URL)
  NATS_USER, NATS_PASSWORD   NATS credentials, if the server wants them; else the evaluator user of the
                   NATS_CREDENTIALS file, or of .rlvr/credentials.json for a server on this machine
  EVALUATOR_HOST   interface to listen on (default 127.0.0.1)
  EVALUATOR_PORT   HTTP port (default 8788; 0 picks a free one)
  EVALUATOR_TOKEN  when set, every endpoint except /healthz requires "Authorization: Bearer <token>";
                   required when EVALUATOR_HOST is not loopback (127.0.0.0/8, ::1, localhost). Throttled:
                   ${describeAuthThrottle()}
  RLVR_DATA_DIR    data root; named benchmarks are read from <RLVR_DATA_DIR>/benchmarks/<name>.jsonl
                   (default: the project's shared/data, which ships the six)
  EVALUATOR_JOBS   jobs evaluated at once (default 2)
  EVALUATOR_ACK_WAIT_MS      silence (ms) after which a job in hand is redelivered (default ${JOB_ACK_WAIT_MS})
  EVALUATOR_GRADE_BATCH      items per grading request (default 128)
  EVALUATOR_GRADE_CONCURRENCY  grading requests in flight per chunk (default 4)
  EVALUATOR_MAX_PENDING_JOBS   jobs queued or running (all evaluators together) beyond which a new job is
                   refused with 503 and Retry-After (default ${DEFAULT_MAX_PENDING_JOBS})
  RLVR_JETSTREAM_REPLICAS    copies JetStream keeps of the job stream, buckets and object store when
                   this service creates them (default: 3 on a cluster of three or more servers, else 1;
                   set it on a deployed cluster, so that a node down at the time cannot lower it)

Endpoints: POST /v1/evaluations, GET /v1/evaluations/:id, GET /v1/evaluations/:id/report.html,
GET /v1/evaluations/:id/report.md, GET /healthz, GET /metrics, GET /openapi.json, GET /docs
`;

export function readConfig(env: Env): EvaluatorConfig {
  const nats = natsSettings(env);
  if (!nats) throw new Error("NATS_URL is required: jobs live in JetStream");
  const setting = (name: string, fallback: number, min: number, max: number) =>
    integer(name, nonEmpty(env(name)) ?? String(fallback), min, max);
  const host = nonEmpty(env("EVALUATOR_HOST")) ?? "127.0.0.1";
  const token = nonEmpty(env("EVALUATOR_TOKEN"));
  requireTokenOffLoopback(host, token, { host: "EVALUATOR_HOST", token: "EVALUATOR_TOKEN" });
  return {
    host,
    port: setting("EVALUATOR_PORT", 8788, 0, 65_535),
    token,
    nats,
    dataDir: nonEmpty(env("RLVR_DATA_DIR")) ?? defaultDataDir(),
    jobs: setting("EVALUATOR_JOBS", 2, 1, 64),
    ackWaitMs: setting("EVALUATOR_ACK_WAIT_MS", JOB_ACK_WAIT_MS, 1_000, 3_600_000),
    gradeBatch: setting("EVALUATOR_GRADE_BATCH", 128, 1, 1024),
    gradeConcurrency: setting("EVALUATOR_GRADE_CONCURRENCY", 4, 1, 64),
    maxPendingJobs: setting("EVALUATOR_MAX_PENDING_JOBS", DEFAULT_MAX_PENDING_JOBS, 1, 1_000_000),
    jetStreamReplicas: nonEmpty(env("RLVR_JETSTREAM_REPLICAS"))
      ? setting("RLVR_JETSTREAM_REPLICAS", 1, 1, 5)
      : undefined,
  };
}
