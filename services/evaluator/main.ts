/** The evaluation service: `deno run -A services/evaluator/main.ts --help`. */
import type { NatsConnection } from "@nats-io/transport-node";
import packageJson from "../../package.json" with { type: "json" };
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { EVALUATOR_NATS } from "../../shared/contracts/evaluation.ts";
import {
  type EvaluationJobStore,
  jobConsumer,
  openJobStore,
} from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { rideOutNatsOutages } from "../../shared/nats/outages.ts";
import { readConfig, USAGE } from "./config.ts";
import { createHttpApp } from "./http/app.ts";
import { buildOpenApiDocument } from "./http/openapi.ts";
import { type JobLoop, startJobLoop } from "./jobs/job-loop.ts";
import { EvaluatorMetrics } from "./metrics.ts";

if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
  console.log(USAGE);
  Deno.exit(0);
}

const log = (message: string) => console.log(`evaluator: ${message}`);
/** How long the job queue may take to answer at start before the service gives up (and is restarted). */
const JETSTREAM_WAIT_MS = 60_000;

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig((name) => Deno.env.get(name));
} catch (error) {
  console.error(`evaluator: ${(error as Error).message}\n\n${USAGE}`);
  Deno.exit(2);
}

let nc: NatsConnection | null = null;
let natsState: "connecting" | "connected" | "reconnecting" = "connecting";
let store: EvaluationJobStore | null = null;
let loop: JobLoop | null = null;

const metrics = new EvaluatorMetrics(() => loop?.active() ?? 0);
const app = createHttpApp({
  store: () => store,
  dataDir: config.dataDir,
  metrics,
  openApi: buildOpenApiDocument(packageJson.version),
  token: config.token,
  maxPendingJobs: config.maxPendingJobs,
  health: () => ({ ready: loop !== null, nats: natsState, activeJobs: loop?.active() ?? 0 }),
});

const server = Deno.serve(
  {
    hostname: config.host,
    port: config.port,
    onListen: ({ hostname, port }) => {
      const auth = config.token ? "bearer token required" : "no auth";
      log(`listening on http://${hostname}:${port} (${auth}); data in ${config.dataDir}`);
    },
  },
  app.fetch,
);

let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log(`${signal} again: exiting without finishing jobs (they will be redelivered)`);
    Deno.exit(1);
  }
  stopping = true;
  log(`${signal}: no more jobs taken; finishing the ${loop?.active() ?? 0} in hand`);
  // Jobs in hand still need NATS to grade and to store their results: drain it last.
  await Promise.all([server.shutdown(), loop?.stop()]);
  await nc?.drain();
  log("stopped");
  Deno.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => void shutdown(signal));
}

// HTTP answers meanwhile (/healthz with 503): connecting waits for NATS as long as it takes.
log(`connecting to NATS at ${config.nats.url}`);
const connection = await connectNats(config.nats.url, "rlvr-evaluator", {
  user: config.nats.user,
  password: config.nats.password,
  role: "evaluator",
  waitForServer: true,
});
nc = connection;
natsState = "connected";
void watchConnection(connection);
try {
  // A cluster still electing leaders, or nats-server 2.9 leaving unanswered one of several evaluators
  // creating the same stream at once, says so with a timeout: that is worth waiting out.
  const { jobStore, consumer } = await rideOutNatsOutages(
    async () => ({
      jobStore: await openJobStore(connection, config.jetStreamReplicas),
      consumer: await jobConsumer(connection, config.ackWaitMs),
    }),
    {
      limitMs: JETSTREAM_WAIT_MS,
      onOutage: (error) => log(`JetStream is not answering (${error.message}); waiting`),
    },
  );
  const grader = await natsGrader({
    connection: nc,
    batchSize: config.gradeBatch,
    concurrency: config.gradeConcurrency,
  });
  store = jobStore;
  if (!stopping) {
    loop = startJobLoop(
      {
        nc,
        store: jobStore,
        grader: metrics.counting(grader),
        dataDir: config.dataDir,
        heartbeatMs: Math.max(250, Math.floor(config.ackWaitMs / 3)),
        outageLimitMs: Math.floor(config.ackWaitMs / 2),
        log,
      },
      consumer,
      config.jobs,
      (outcome, seconds) => metrics.recordJob(outcome, seconds),
    );
    log(
      `taking jobs from ${EVALUATOR_NATS.jobsSubject} (${config.jobs} at a time, ack wait ${config.ackWaitMs} ms)`,
    );
  }
} catch (error) {
  // Most likely JetStream is not enabled on the server: without it there is no queue to serve.
  console.error(`evaluator: cannot open the job queue: ${(error as Error).message}`);
  Deno.exit(1);
}

async function watchConnection(connection: NatsConnection): Promise<void> {
  for await (const status of connection.status()) {
    if (status.type === "disconnect") {
      natsState = "reconnecting";
      log("NATS connection lost; reconnecting");
    } else if (status.type === "reconnect") {
      natsState = "connected";
      log("NATS connection restored");
    }
  }
}
