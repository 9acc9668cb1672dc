/**
 * A local NATS cluster: `size` nats-server processes on loopback, routed to each other, each with its
 * own JetStream store. On three nodes the job queue, the buckets and the object store are made with three
 * replicas (jobs/infrastructure.ts), so they outlive one node.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { freePort } from "./managed-process.ts";
import { type NatsServerOptions, type RunningNatsServer, startNatsServer } from "./nats-server.ts";

const CLUSTER_NAME = "rlvr";
/** How long the nodes may take to route to each other and elect a JetStream meta leader. */
const FORMATION_TIMEOUT_MS = 60_000;
const ROUTE_USER = "route";

export interface NatsClusterOptions {
  size: number;
  /** Node `rlvr-N` keeps its config and store in `<stateDir>/nats-rlvr-N/`, its log in `<stateDir>/logs/`. */
  stateDir: string;
  /** Client port of the first node, the next ones following it; 0 or absent: free ports. */
  firstPort?: number;
  /** What every node gets alike (credentials). */
  shared?: Omit<
    Partial<NatsServerOptions>,
    "storeDir" | "logFile" | "port" | "monitorPort" | "serverName" | "cluster"
  >;
}

export interface RunningNatsCluster {
  nodes: RunningNatsServer[];
  /** Every node's client URL, comma-separated, as NATS_URL takes them. */
  url: string;
  /**
   * The same list starting at node `first` (modulo the size): connectNats tries servers in order, so
   * services given different rotations prefer different nodes and fail over to the others.
   */
  urlFrom(first: number): string;
  stop(): Promise<void>;
}

export async function startNatsCluster(options: NatsClusterOptions): Promise<RunningNatsCluster> {
  const names = Array.from({ length: options.size }, (_, i) => `rlvr-${i + 1}`);
  const routePorts = await Promise.all(names.map(() => freePort()));
  // Made anew on each start: only these nodes, written into their owner-only configs, ever use it.
  const routeAuth = { user: ROUTE_USER, password: randomBytes(24).toString("base64url") };
  const routes = routePorts.map(
    (port) => `nats-route://${routeAuth.user}:${routeAuth.password}@127.0.0.1:${port}`,
  );
  const started = await Promise.allSettled(
    names.map((serverName, i) =>
      startNatsServer({
        ...options.shared,
        serverName,
        storeDir: join(options.stateDir, `nats-${serverName}`, "store"),
        logFile: join(options.stateDir, "logs", `nats-${serverName}.log`),
        port: options.firstPort ? options.firstPort + i : 0,
        cluster: { name: CLUSTER_NAME, host: "127.0.0.1", port: routePorts[i]!, routes, routeAuth },
      }),
    ),
  );
  const nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.process.stop()));
  };
  try {
    const failure = started.find((s) => s.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
    await waitForFormation(nodes, FORMATION_TIMEOUT_MS);
  } catch (error) {
    await stop();
    throw error;
  }
  const urlFrom = (first: number) => nodes.map((_, i) => nodes[(first + i) % nodes.length]!.url).join(",");
  return { nodes, url: urlFrom(0), urlFrom, stop };
}

interface NodeView {
  routes: number;
  metaLeader: string | null;
}

async function viewOf(node: RunningNatsServer): Promise<NodeView> {
  const monitor = async <T>(endpoint: string) =>
    (await (await fetch(`${node.monitorUrl}/${endpoint}`)).json()) as T;
  const [routez, jsz] = await Promise.all([
    monitor<{ num_routes?: number }>("routez"),
    monitor<{ meta_cluster?: { leader?: string } }>("jsz"),
  ]);
  return { routes: routez.num_routes ?? 0, metaLeader: jsz.meta_cluster?.leader || null };
}

/**
 * Until every node routes to all the others and they agree on a JetStream meta leader: before that,
 * creating a stream fails ("JetStream system temporarily unavailable").
 */
async function waitForFormation(nodes: RunningNatsServer[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let views: (NodeView | null)[] = [];
  while (Date.now() < deadline) {
    views = await Promise.all(nodes.map((node) => viewOf(node).catch(() => null)));
    const leader = views[0]?.metaLeader;
    const formed = views.every(
      (view) => (view?.routes ?? 0) >= nodes.length - 1 && view?.metaLeader === leader,
    );
    if (leader && formed) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `the NATS cluster did not form within ${timeoutMs} ms: ${JSON.stringify(views)} (logs: ${nodes
      .map((node) => node.process.logFile)
      .join(", ")})`,
  );
}
