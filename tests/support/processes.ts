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
  type NatsClusterOptions,
  type RunningNatsCluster,
  startNatsCluster,
} from "../../infra/stack/nats-cluster.ts";
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

export type RestartableTestNats = TestProcess<RunningNatsServer> & {
  /** Stops the server (SIGTERM), waits `downMs`, and starts it again on the same ports and store. */
  restart(downMs?: number): Promise<void>;
};

/** A nats-server that a test restarts as an operator would: same port, same config, same JetStream store. */
export async function startRestartableTestNats(
  options: Partial<NatsServerOptions> = {},
): Promise<RestartableTestNats> {
  const dir = mkdtempSync(join(tmpdir(), "rlvr-test-nats-"));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const settings = { storeDir: join(dir, "store"), logFile: join(dir, "nats.log"), ...options };
  let running = await startNatsServer(settings).catch((error) => {
    cleanUp();
    throw error;
  });
  const ports = { port: running.port, monitorPort: Number(new URL(running.monitorUrl).port) };
  return {
    ...running,
    get process() {
      return running.process;
    },
    stop: () => running.process.stop().finally(cleanUp),
    kill: () => running.process.kill().finally(cleanUp),
    async restart(downMs = 0) {
      await running.process.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      running = await startNatsServer({ ...settings, ...ports });
    },
  };
}

/** A local cluster of `size` nodes in a scratch directory, removed when it stops. */
export async function startTestNatsCluster(
  size: number,
  options: Partial<NatsClusterOptions> = {},
): Promise<RunningNatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), "rlvr-test-nats-cluster-"));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const cluster = await startNatsCluster({ size, stateDir: dir, ...options }).catch((error) => {
    cleanUp();
    throw error;
  });
  return { ...cluster, stop: () => cluster.stop().finally(cleanUp) };
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
