/**
 * The local stack: nats-server plus the services, started together and stopped together. Used by
 * `rlvr stack up`, by `rlvr demo`, by the benchmarks and by the integration tests.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "./binaries.ts";
import { type RunningEvaluator, startEvaluator } from "./evaluator.ts";
import { type RunningGrader, startGrader } from "./grader.ts";
import { type RunningNatsServer, startNatsServer } from "./nats-server.ts";

export interface StackOptions {
  /** Holds JetStream's store and the logs; default `.rlvr/` in the project. */
  stateDir?: string;
  /** A running NATS server (JetStream on) to use instead of starting one. */
  natsUrl?: string;
  natsPort?: number;
  graderPort?: number;
  evaluatorPort?: number;
  /** Start the evaluation service too (default true). */
  evaluator?: boolean;
  /** Where the evaluator reads named benchmarks. */
  dataDir?: string;
  /** Grader replicas sharing the NATS queue group (only the first serves HTTP on `graderPort`). */
  graderReplicas?: number;
  graderWorkers?: number;
  natsUser?: string;
  natsPassword?: string;
  /** Bearer token both services' HTTP APIs require. */
  httpToken?: string;
}

export interface RunningStack {
  natsUrl: string;
  graderUrl: string;
  evaluatorUrl: string | null;
  /** The server this stack started; null when it uses one given by `natsUrl`. */
  nats: RunningNatsServer | null;
  graders: RunningGrader[];
  evaluator: RunningEvaluator | null;
  stateDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_STATE_DIR = join(PROJECT_ROOT, ".rlvr");

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const nats = options.natsUrl
    ? null
    : await startNatsServer({
        storeDir: join(stateDir, "nats"),
        logFile: join(stateDir, "logs", "nats-server.log"),
        port: options.natsPort,
        user: options.natsUser,
        password: options.natsPassword,
      });
  const natsUrl = options.natsUrl ?? nats!.url;
  const replicas = Math.max(1, options.graderReplicas ?? 1);
  // Start the services side by side: each spends seconds starting Deno and its workers.
  const started = await Promise.allSettled([
    ...Array.from({ length: replicas }, (_, replica) =>
      startGrader({
        logFile: join(stateDir, "logs", `grader-${replica}.log`),
        port: replica === 0 ? options.graderPort : 0,
        natsUrl,
        token: options.httpToken,
        workers: options.graderWorkers,
      }),
    ),
    options.evaluator === false
      ? Promise.resolve(null)
      : startEvaluator({
          natsUrl,
          logFile: join(stateDir, "logs", "evaluator.log"),
          port: options.evaluatorPort,
          dataDir: options.dataDir,
          token: options.httpToken,
        }),
  ]);
  const failure = started.find((s) => s.status === "rejected");
  if (failure) {
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value?.process.stop() : undefined)));
    await nats?.process.stop();
    throw (failure as PromiseRejectedResult).reason;
  }
  const values = started.map(
    (s) => (s as PromiseFulfilledResult<RunningGrader | RunningEvaluator | null>).value,
  );
  const graders = values.slice(0, replicas) as RunningGrader[];
  const evaluator = values[replicas] as RunningEvaluator | null;
  return {
    natsUrl,
    graderUrl: graders[0]!.url,
    evaluatorUrl: evaluator?.url ?? null,
    nats,
    graders,
    evaluator,
    stateDir,
    async stop() {
      // Services first, so they drain their in-flight requests while NATS is still up.
      await evaluator?.process.stop();
      await Promise.all(graders.map((g) => g.process.stop()));
      await nats?.process.stop();
    },
  };
}
