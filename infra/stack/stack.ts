/**
 * The local stack: nats-server plus the services, started together and stopped together. Used by
 * `rlvr stack up`, by `rlvr demo`, by the benchmarks and by the integration tests.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "./binaries.ts";
import { type RunningEvaluator, startEvaluator } from "./evaluator.ts";
import { type RunningGrader, startGrader } from "./grader.ts";
import { ensureStackCredentials, renderAuthorization } from "./nats-auth.ts";
import { startNatsCluster } from "./nats-cluster.ts";
import { type RunningNatsServer, startNatsServer } from "./nats-server.ts";

export interface StackOptions {
  /** Holds JetStream's store and the logs; default `.rlvr/` in the project. */
  stateDir?: string;
  /**
   * A running NATS server (JetStream on) to use instead of starting one; the services log in as its
   * URL or NATS_USER / NATS_PASSWORD say. A server the stack starts is secured instead: see nats-auth.ts.
   */
  natsUrl?: string;
  /** Client port of the NATS server (of the first node of a cluster, the others following it). */
  natsPort?: number;
  /**
   * Run NATS as a cluster of this many nodes on loopback (default 1: a single server). The services
   * are spread over the nodes, each preferring another one first.
   */
  cluster?: number;
  graderPort?: number;
  evaluatorPort?: number;
  /** Start the evaluation service too (default true). */
  evaluator?: boolean;
  /** Where the evaluator reads named benchmarks. */
  dataDir?: string;
  /** Grader replicas sharing the NATS queue group (only the first serves HTTP on `graderPort`). */
  graderReplicas?: number;
  graderWorkers?: number;
  /** Bearer token both services' HTTP APIs require. */
  httpToken?: string;
}

export interface RunningStack {
  natsUrl: string;
  graderUrl: string;
  evaluatorUrl: string | null;
  /** The servers this stack started (one, or the nodes of its cluster); none when given `natsUrl`. */
  natsServers: RunningNatsServer[];
  /** The NATS users of the servers this stack started (`connectNats`'s `credentialsFile`); null when given `natsUrl`. */
  credentialsFile: string | null;
  graders: RunningGrader[];
  evaluator: RunningEvaluator | null;
  stateDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_STATE_DIR = join(PROJECT_ROOT, ".rlvr");

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  // Users and passwords come from the state directory (made on first start), never from a command line.
  const login = options.natsUrl ? null : ensureStackCredentials(stateDir);
  const nats = await startNats(options, stateDir, login && renderAuthorization(login.credentials));
  const natsUrl = nats.urlFrom(0);
  const replicas = Math.max(1, options.graderReplicas ?? 1);
  // Start the services side by side: each spends seconds starting Deno and its workers.
  const started = await Promise.allSettled([
    ...Array.from({ length: replicas }, (_, replica) =>
      startGrader({
        logFile: join(stateDir, "logs", `grader-${replica}.log`),
        port: replica === 0 ? options.graderPort : 0,
        natsUrl: nats.urlFrom(replica),
        natsUser: login?.credentials.nats.grader.user,
        natsPassword: login?.credentials.nats.grader.password,
        token: options.httpToken,
        workers: options.graderWorkers,
      }),
    ),
    options.evaluator === false
      ? Promise.resolve(null)
      : startEvaluator({
          natsUrl: nats.urlFrom(replicas),
          natsUser: login?.credentials.nats.evaluator.user,
          natsPassword: login?.credentials.nats.evaluator.password,
          logFile: join(stateDir, "logs", "evaluator.log"),
          port: options.evaluatorPort,
          dataDir: options.dataDir,
          token: options.httpToken,
        }),
  ]);
  const failure = started.find((s) => s.status === "rejected");
  if (failure) {
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value?.process.stop() : undefined)));
    await nats.stop();
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
    natsServers: nats.servers,
    credentialsFile: login?.file ?? null,
    graders,
    evaluator,
    stateDir,
    async stop() {
      // Services first, so they drain their in-flight requests while NATS is still up.
      await evaluator?.process.stop();
      await Promise.all(graders.map((g) => g.process.stop()));
      await nats.stop();
    },
  };
}

interface StackNats {
  servers: RunningNatsServer[];
  /** The URL for the `first`-th service: with a cluster, the node list rotated to start elsewhere. */
  urlFrom(first: number): string;
  stop(): Promise<void>;
}

/** The NATS the services use: the one given by `natsUrl`, a single server, or a cluster. */
async function startNats(
  options: StackOptions,
  stateDir: string,
  authorization: string | null,
): Promise<StackNats> {
  const clusterSize = options.cluster ?? 1;
  if (options.natsUrl) {
    if (clusterSize > 1) throw new Error("a cluster is started by the stack: give no NATS URL with it");
    const url = options.natsUrl;
    return { servers: [], urlFrom: () => url, stop: async () => {} };
  }
  const shared = authorization ? { authorization } : {};
  if (clusterSize > 1) {
    const cluster = await startNatsCluster({
      size: clusterSize,
      stateDir,
      firstPort: options.natsPort,
      shared,
    });
    return { servers: cluster.nodes, urlFrom: cluster.urlFrom, stop: cluster.stop };
  }
  const server = await startNatsServer({
    storeDir: join(stateDir, "nats"),
    logFile: join(stateDir, "logs", "nats-server.log"),
    port: options.natsPort,
    ...shared,
  });
  return {
    servers: [server],
    urlFrom: () => server.url,
    stop: async () => {
      await server.process.stop();
    },
  };
}
