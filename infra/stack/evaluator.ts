/** Starts the evaluation service (Deno) as a child process and waits for its health check. */
import { join } from "node:path";
import { denoExecutable, PROJECT_ROOT } from "./binaries.ts";
import { freePort, type ManagedProcess, spawnManaged, waitUntilReady } from "./managed-process.ts";

export interface EvaluatorOptions {
  natsUrl: string;
  /** Its NATS identity, given in its environment (never its command line, which every local user sees). */
  natsUser?: string;
  natsPassword?: string;
  logFile: string;
  /** 0 or absent: a free port. */
  port?: number;
  dataDir?: string;
  token?: string;
  /** How long a job in hand may go without a heartbeat before it is redelivered (default 30 s). */
  ackWaitMs?: number;
}

export interface RunningEvaluator {
  url: string;
  process: ManagedProcess;
}

export async function startEvaluator(options: EvaluatorOptions): Promise<RunningEvaluator> {
  const port = options.port || (await freePort());
  const proc = spawnManaged({
    name: "evaluator",
    command: denoExecutable(),
    args: ["run", "-A", join(PROJECT_ROOT, "services", "evaluator", "main.ts")],
    cwd: PROJECT_ROOT,
    env: {
      EVALUATOR_HOST: "127.0.0.1",
      EVALUATOR_PORT: String(port),
      NATS_URL: options.natsUrl,
      NATS_USER: options.natsUser,
      NATS_PASSWORD: options.natsPassword,
      RLVR_DATA_DIR: options.dataDir,
      EVALUATOR_TOKEN: options.token,
      EVALUATOR_ACK_WAIT_MS: options.ackWaitMs === undefined ? undefined : String(options.ackWaitMs),
    },
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(proc, async () => (await fetch(`${url}/healthz`)).ok, 60_000);
  return { url, process: proc };
}
