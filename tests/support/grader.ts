/** The grading service as a real Deno process for tests, on a free port of 127.0.0.1. */
import { fileURLToPath } from "node:url";
import { type StartedProcess, startProcess } from "./process.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const deno = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));

export interface GraderProcess {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  process: StartedProcess;
  /** Graceful stop (SIGTERM) by default; SIGKILL to simulate a crash. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

export interface GraderOptions {
  /** Extra environment, e.g. GRADER_TOKEN, NATS_URL. */
  env?: Record<string, string>;
  workers?: number;
}

export async function startGrader(options: GraderOptions = {}): Promise<GraderProcess> {
  const env: Record<string, string> = {
    GRADER_HOST: "127.0.0.1",
    GRADER_PORT: "0",
    GRADER_WORKERS: String(options.workers ?? 2),
    NO_COLOR: "1",
    ...options.env,
  };
  const grader = startProcess(deno, ["run", "-A", "services/grader/main.ts"], { cwd: repoRoot, env });
  try {
    const [, url] = await grader.waitForLine(/listening on (http:\/\/\S+)/, 60_000);
    if (env.NATS_URL) await grader.waitForLine(/serving NATS/, 60_000);
    const health = await fetch(`${url}/healthz`);
    if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
    return { url, process: grader, stop: (signal = "SIGTERM") => grader.stop(signal) };
  } catch (error) {
    await grader.stop("SIGKILL");
    throw error;
  }
}
