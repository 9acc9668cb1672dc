/**
 * Real processes for integration tests, built on the stack's own start/stop code (infra/stack), in
 * temporary directories that are removed when the process stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natsServerExecutable } from "../../infra/stack/binaries.ts";
import { type GraderOptions, type RunningGrader, startGrader } from "../../infra/stack/grader.ts";
import {
  type NatsServerOptions,
  type RunningNatsServer,
  startNatsServer,
} from "../../infra/stack/nats-server.ts";

/** Why integration tests that need nats-server skip, or undefined when it is installed. */
export const natsServerMissing: string | undefined =
  natsServerExecutable() === null
    ? "nats-server is not installed (apt-get install -y nats-server)"
    : undefined;

export interface TestProcess<T> {
  running: T;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rlvr-test-${prefix}-`));
}

export async function startTestNats(
  options: Partial<NatsServerOptions> = {},
): Promise<TestProcess<RunningNatsServer>> {
  const dir = scratchDir("nats");
  const running = await startNatsServer({
    storeDir: join(dir, "store"),
    logFile: join(dir, "nats.log"),
    ...options,
  });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  return {
    running,
    stop: () => running.process.stop().finally(cleanUp),
    kill: () => running.process.kill().finally(cleanUp),
  };
}

export async function startTestGrader(
  options: Partial<GraderOptions> = {},
): Promise<TestProcess<RunningGrader>> {
  const dir = scratchDir("grader");
  const running = await startGrader({ logFile: join(dir, "grader.log"), ...options });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  return {
    running,
    stop: () => running.process.stop().finally(cleanUp),
    kill: () => running.process.kill().finally(cleanUp),
  };
}
