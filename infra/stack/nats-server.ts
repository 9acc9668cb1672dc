/** Starts Debian's nats-server with the project's config (JetStream on, bound to 127.0.0.1). */
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { natsServerExecutable } from "./binaries.ts";
import { freePort, type ManagedProcess, spawnManaged, waitUntilReady } from "./managed-process.ts";
import { renderNatsConfig, writeNatsConfig } from "./nats-config.ts";

export interface NatsServerOptions {
  /** Where JetStream keeps its data (kept across restarts for durable jobs). */
  storeDir: string;
  logFile: string;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  user?: string;
  password?: string;
}

export interface RunningNatsServer {
  url: string;
  port: number;
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
  const auth = options.user ? ["--user", options.user, "--pass", options.password ?? ""] : [];
  const configFile = join(dirname(options.storeDir), "nats-server.conf");
  writeNatsConfig(
    configFile,
    renderNatsConfig({
      serverName: "rlvr-local",
      host,
      port,
      monitorPort: await freePort(),
      storeDir: options.storeDir,
    }),
  );
  const proc = spawnManaged({
    name: "nats-server",
    command: executable,
    args: ["-c", configFile, ...auth],
    logFile: options.logFile,
  });
  await waitUntilReady(proc, () => acceptsConnections(host, port));
  const credentials = options.user ? `${options.user}:${options.password ?? ""}@` : "";
  return { url: `nats://${credentials}${host}:${port}`, port, process: proc };
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
