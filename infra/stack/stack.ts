/**
 * The local stack: nats-server plus the services, started together and stopped together. Used by
 * `rlvr stack up`, by `rlvr demo`, by the benchmarks and by the integration tests.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "./binaries.ts";
import { type RunningGrader, startGrader } from "./grader.ts";
import { type RunningNatsServer, startNatsServer } from "./nats-server.ts";

export interface StackOptions {
  /** Holds JetStream's store and the logs; default `.rlvr/` in the project. */
  stateDir?: string;
  natsPort?: number;
  graderPort?: number;
  /** Grader replicas sharing the NATS queue group (only the first serves HTTP on `graderPort`). */
  graderReplicas?: number;
  graderWorkers?: number;
  natsUser?: string;
  natsPassword?: string;
  graderToken?: string;
}

export interface RunningStack {
  natsUrl: string;
  graderUrl: string;
  nats: RunningNatsServer;
  graders: RunningGrader[];
  stateDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_STATE_DIR = join(PROJECT_ROOT, ".rlvr");

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const nats = await startNatsServer({
    storeDir: join(stateDir, "nats"),
    logFile: join(stateDir, "logs", "nats-server.log"),
    port: options.natsPort,
    user: options.natsUser,
    password: options.natsPassword,
  });
  const graders: RunningGrader[] = [];
  try {
    for (let replica = 0; replica < Math.max(1, options.graderReplicas ?? 1); replica++) {
      graders.push(
        await startGrader({
          logFile: join(stateDir, "logs", `grader-${replica}.log`),
          port: replica === 0 ? options.graderPort : 0,
          natsUrl: nats.url,
          token: options.graderToken,
          workers: options.graderWorkers,
        }),
      );
    }
  } catch (error) {
    await Promise.all([...graders.map((g) => g.process.stop()), nats.process.stop()]);
    throw error;
  }
  return {
    natsUrl: nats.url,
    graderUrl: graders[0]!.url,
    nats,
    graders,
    stateDir,
    async stop() {
      // Services first, so they drain their in-flight requests while NATS is still up.
      await Promise.all(graders.map((g) => g.process.stop()));
      await nats.process.stop();
    },
  };
}
