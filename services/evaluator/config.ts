/** The evaluator's configuration, read from the environment. */
import { defaultDataDir } from "../../shared/datasets/location.ts";
import { JOB_ACK_WAIT_MS } from "../../shared/evaluation/jobs/infrastructure.ts";
import { type Env, integer, type NatsSettings, natsSettings, nonEmpty } from "../common/config/env.ts";

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
}

export const USAGE = `Usage: deno run -A services/evaluator/main.ts

Runs evaluation jobs from the NATS queue (durably: a job survives a crash of the evaluator) and serves
the evaluation API over HTTP. Grading goes to the grading service over NATS.

Environment:
  NATS_URL         required, e.g. nats://127.0.0.1:4222 (credentials may be in the URL)
  NATS_USER, NATS_PASSWORD   NATS credentials, if the server wants them
  EVALUATOR_HOST   interface to listen on (default 127.0.0.1)
  EVALUATOR_PORT   HTTP port (default 8788; 0 picks a free one)
  EVALUATOR_TOKEN  when set, every endpoint except /healthz requires "Authorization: Bearer <token>"
  RLVR_DATA_DIR    data root; named benchmarks are read from <RLVR_DATA_DIR>/benchmarks/<name>.jsonl
                   (default ../shared/data beside the project)
  EVALUATOR_JOBS   jobs evaluated at once (default 2)
  EVALUATOR_ACK_WAIT_MS      silence (ms) after which a job in hand is redelivered (default ${JOB_ACK_WAIT_MS})
  EVALUATOR_GRADE_BATCH      items per grading request (default 128)
  EVALUATOR_GRADE_CONCURRENCY  grading requests in flight per chunk (default 4)

Endpoints: POST /v1/evaluations, GET /v1/evaluations/:id, GET /v1/evaluations/:id/report.html,
GET /v1/evaluations/:id/report.md, GET /healthz, GET /metrics, GET /openapi.json, GET /docs
`;

export function readConfig(env: Env): EvaluatorConfig {
  const nats = natsSettings(env);
  if (!nats) throw new Error("NATS_URL is required: jobs live in JetStream");
  const setting = (name: string, fallback: number, min: number, max: number) =>
    integer(name, nonEmpty(env(name)) ?? String(fallback), min, max);
  return {
    host: nonEmpty(env("EVALUATOR_HOST")) ?? "127.0.0.1",
    port: setting("EVALUATOR_PORT", 8788, 0, 65_535),
    token: nonEmpty(env("EVALUATOR_TOKEN")),
    nats,
    dataDir: nonEmpty(env("RLVR_DATA_DIR")) ?? defaultDataDir(),
    jobs: setting("EVALUATOR_JOBS", 2, 1, 64),
    ackWaitMs: setting("EVALUATOR_ACK_WAIT_MS", JOB_ACK_WAIT_MS, 1_000, 3_600_000),
    gradeBatch: setting("EVALUATOR_GRADE_BATCH", 128, 1, 1024),
    gradeConcurrency: setting("EVALUATOR_GRADE_CONCURRENCY", 4, 1, 64),
  };
}
