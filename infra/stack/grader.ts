/** Starts the grading service (Deno) as a child process and waits for its health check. */
import { join } from "node:path";
import { denoExecutable, PROJECT_ROOT } from "./binaries.ts";
import { freePort, type ManagedProcess, spawnManaged, waitUntilReady } from "./managed-process.ts";

export interface GraderOptions {
  logFile: string;
  /** 0 or absent: a free port. */
  port?: number;
  natsUrl?: string;
  /** Its NATS identity, given in its environment (never its command line, which every local user sees). */
  natsUser?: string;
  natsPassword?: string;
  token?: string;
  workers?: number;
  /** More of its environment (e.g. admission limits, GRADER_*), over the settings above. */
  env?: Record<string, string>;
}

export interface RunningGrader {
  url: string;
  process: ManagedProcess;
}

export async function startGrader(options: GraderOptions): Promise<RunningGrader> {
  const port = options.port || (await freePort());
  const proc = spawnManaged({
    name: "grader",
    command: denoExecutable(),
    args: ["run", "-A", join(PROJECT_ROOT, "services", "grader", "main.ts")],
    cwd: PROJECT_ROOT,
    env: {
      GRADER_HOST: "127.0.0.1",
      GRADER_PORT: String(port),
      NATS_URL: options.natsUrl,
      NATS_USER: options.natsUser,
      NATS_PASSWORD: options.natsPassword,
      GRADER_TOKEN: options.token,
      GRADER_WORKERS: options.workers === undefined ? undefined : String(options.workers),
      ...options.env,
    },
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  // With NATS, ready means serving its subjects too, not only HTTP.
  await waitUntilReady(
    proc,
    async () => {
      const health = await fetch(`${url}/healthz`);
      if (!health.ok) return false;
      const body = (await health.json()) as { nats?: string };
      return options.natsUrl === undefined || body.nats === "serving";
    },
    60_000,
  );
  return { url, process: proc };
}
