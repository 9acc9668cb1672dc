/** Starts Debian's nats-server with the project's config (JetStream on, bound to 127.0.0.1). */
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { natsServerExecutable } from "./binaries.ts";
import { freePort, type ManagedProcess, spawnManaged, waitUntilReady } from "./managed-process.ts";
import { type ClusterOptions, renderNatsConfig, writeNatsConfig } from "./nats-config.ts";

export interface NatsServerOptions {
  /** Where JetStream keeps its data (kept across restarts for durable jobs). */
  storeDir: string;
  logFile: string;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** A rendered `authorization { ... }` block (nats-auth.ts), written into the config file; absent: no auth. */
  authorization?: string;
  /** Default "rlvr-local"; the nodes of a cluster need names of their own. */
  serverName?: string;
  /** The HTTP monitoring port (`/varz`, `/jsz`); 0 or absent: a free port. */
  monitorPort?: number;
  /** Makes this server one node of a cluster. */
  cluster?: ClusterOptions;
}

export interface RunningNatsServer {
  url: string;
  port: number;
  /** The monitoring endpoint, e.g. `${monitorUrl}/jsz`. */
  monitorUrl: string;
  process: ManagedProcess;
}

export class NatsServerMissingError extends Error {
  constructor() {
    super("nats-server is not installed: run `apt-get install -y nats-server` (or set NATS_SERVER_BIN)");
  }
}

export async function startNatsServer(options: NatsServerOptions): Promise<RunningNatsServer> {
  const executable = natsServerExecutable();
  if (!executable) throw new NatsServerMissingError();
  const host = options.host ?? "127.0.0.1";
  const port = options.port || (await freePort());
  mkdirSync(options.storeDir, { recursive: true });
  const configFile = join(dirname(options.storeDir), "nats-server.conf");
  const monitorPort = options.monitorPort || (await freePort());
  writeNatsConfig(
    configFile,
    renderNatsConfig({
      serverName: options.serverName ?? "rlvr-local",
      host,
      port,
      monitorPort,
      storeDir: options.storeDir,
      cluster: options.cluster,
      authorization: options.authorization,
    }),
  );
  const proc = spawnManaged({
    name: "nats-server",
    command: executable,
    args: ["-c", configFile],
    logFile: options.logFile,
  });
  await waitUntilReady(proc, () => acceptsConnections(host, port));
  return {
    url: `nats://${host}:${port}`,
    port,
    monitorUrl: `http://${host}:${monitorPort}`,
    process: proc,
  };
}

function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
