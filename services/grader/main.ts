/** The grading service: `deno run -A services/grader/main.ts --help`. */
import packageJson from "../../package.json" with { type: "json" };
import { GradingPool } from "../../shared/pool/index.ts";
import { Admission } from "./admission.ts";
import { readConfig, USAGE } from "./config.ts";
import { createHttpApp } from "./http/app.ts";
import { buildOpenApiDocument } from "./http/openapi.ts";
import { GraderMetrics } from "./metrics.ts";
import { type NatsFrontend, startNatsFrontend } from "./nats/service.ts";
import { GradingPipeline } from "./pipeline.ts";

if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
  console.log(USAGE);
  Deno.exit(0);
}

const log = (message: string) => console.log(`grader: ${message}`);

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig((name) => Deno.env.get(name));
} catch (error) {
  console.error(`grader: ${(error as Error).message}\n\n${USAGE}`);
  Deno.exit(2);
}

let nats: NatsFrontend | null = null;
const pool = await GradingPool.start({ size: config.workers });
const admission = new Admission(config.admission, () => pool.stats().queued);
const metrics = new GraderMetrics(
  () => pool.stats(),
  () => admission.stats(),
);
const pipeline = new GradingPipeline(pool, metrics, admission);
const app = createHttpApp({
  pipeline,
  admission,
  metrics,
  openApi: buildOpenApiDocument(packageJson.version),
  token: config.token,
  health: () => ({ workers: pool.stats().readyWorkers, nats: natsState() }),
});

/** "off" without NATS_URL; "connecting" until the NATS service is registered, then "serving". */
function natsState(): "off" | "connecting" | "serving" {
  if (!config.nats) return "off";
  return nats ? "serving" : "connecting";
}

const server = Deno.serve(
  {
    hostname: config.host,
    port: config.port,
    onListen: ({ hostname, port }) => {
      const auth = config.token ? "bearer token required" : "no auth";
      log(`listening on http://${hostname}:${port} (${pool.stats().size} workers, ${auth})`);
    },
  },
  app.fetch,
);

let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log(`${signal} again: exiting without draining`);
    Deno.exit(1);
  }
  stopping = true;
  log(`${signal}: draining in-flight requests`);
  // The HTTP server stops accepting and waits for its open requests; the NATS service stops its
  // subscriptions and waits for its handlers; only then may the pool go.
  await Promise.all([server.shutdown(), nats?.stop()]);
  await pool.close();
  log("stopped");
  Deno.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => void shutdown(signal));
}

if (config.nats) {
  // HTTP serves meanwhile: connecting waits for NATS as long as it takes.
  log(`connecting to NATS at ${config.nats.url}`);
  nats = await startNatsFrontend({
    ...config.nats,
    pipeline,
    admission,
    metrics,
    version: packageJson.version,
    log,
  });
}
