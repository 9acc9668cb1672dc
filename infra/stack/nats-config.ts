/**
 * The nats-server configuration the stack runs with, rendered per start into the state directory
 * (owner-only, since it may hold credentials). `infra/nats/nats-server.conf` is the same settings for
 * running a server by hand; the limits below must stay in step with it.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface NatsConfigOptions {
  serverName: string;
  host: string;
  port: number;
  monitorPort: number;
  /** Where JetStream keeps its data (kept across restarts for durable jobs). */
  storeDir: string;
  /** A rendered `authorization { ... }` block; absent: no auth. */
  authorization?: string;
  /** Routes to the other nodes of a cluster; absent: a single server. */
  cluster?: ClusterOptions;
}

export interface ClusterOptions {
  name: string;
  host: string;
  port: number;
  /** `nats-route://user:password@host:port` of every node (a route to the node itself is ignored). */
  routes: string[];
  /** What a route connecting to this node must present: without it anyone reaching the port joins. */
  routeAuth: { user: string; password: string };
}

/** NATS config syntax for a string: always quoted, so no value is taken for a variable or a number. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

export function renderNatsConfig(options: NatsConfigOptions): string {
  const lines = [
    "# Written by the real-rlvr stack on each start; edits are lost. See infra/nats/nats-server.conf.",
    `server_name: ${quoted(options.serverName)}`,
    `host: ${quoted(options.host)}`,
    `port: ${options.port}`,
    `http_port: ${options.monitorPort}`,
    "jetstream {",
    `  store_dir: ${quoted(options.storeDir)}`,
    "  max_memory_store: 256MB",
    "  max_file_store: 4GB",
    "}",
    // Batch grading requests carry up to 1,024 responses; allow them through in one message.
    "max_payload: 8MB",
    "max_pending: 64MB",
    'write_deadline: "10s"',
  ];
  if (options.cluster) {
    const { name, host, port, routes, routeAuth } = options.cluster;
    lines.push(
      "cluster {",
      `  name: ${quoted(name)}`,
      `  host: ${quoted(host)}`,
      `  port: ${port}`,
      `  authorization { user: ${quoted(routeAuth.user)}, password: ${quoted(routeAuth.password)} }`,
      `  routes: [${routes.map(quoted).join(", ")}]`,
      "}",
    );
  }
  if (options.authorization) lines.push(options.authorization);
  return `${lines.join("\n")}\n`;
}

/** Writes a config readable by the owner alone. */
export function writeNatsConfig(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}
