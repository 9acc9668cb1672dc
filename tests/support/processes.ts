/**
 * Real processes for integration tests, built on the stack's own start/stop code (infra/stack), in
 * temporary directories that are removed when the process stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natsServerExecutable } from "../../infra/stack/binaries.ts";
import { type EvaluatorOptions, type RunningEvaluator, startEvaluator } from "../../infra/stack/evaluator.ts";
import { type GraderOptions, type RunningGrader, startGrader } from "../../infra/stack/grader.ts";
import type { ManagedProcess } from "../../infra/stack/managed-process.ts";
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

export type TestProcess<T> = T & {
  process: ManagedProcess;
  /** SIGTERM and wait; resolves with the exit code (or signal). */
  stop(): Promise<number | string>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<number | string>;
};

async function inScratchDir<T extends { process: ManagedProcess }>(
  prefix: string,
  start: (dir: string) => Promise<T>,
): Promise<TestProcess<T>> {
  const dir = mkdtempSync(join(tmpdir(), `rlvr-test-${prefix}-`));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  let running: T;
  try {
    running = await start(dir);
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    ...running,
    stop: () => running.process.stop().finally(cleanUp),
    kill: () => running.process.kill().finally(cleanUp),
  };
}

export function startTestNats(
  options: Partial<NatsServerOptions> = {},
): Promise<TestProcess<RunningNatsServer>> {
  return inScratchDir("nats", (dir) =>
    startNatsServer({ storeDir: join(dir, "store"), logFile: join(dir, "nats.log"), ...options }),
  );
}

export function startTestGrader(options: Partial<GraderOptions> = {}): Promise<TestProcess<RunningGrader>> {
  return inScratchDir("grader", (dir) =>
    startGrader({ logFile: join(dir, "grader.log"), workers: 2, ...options }),
  );
}

export function startTestEvaluator(
  options: Omit<EvaluatorOptions, "logFile"> & Partial<EvaluatorOptions>,
): Promise<TestProcess<RunningEvaluator>> {
  return inScratchDir("evaluator", (dir) =>
    startEvaluator({ logFile: join(dir, "evaluator.log"), ...options }),
  );
}
