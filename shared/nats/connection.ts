/** One way to open a NATS connection for every part of the system, with credentials from the URL. */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { backoffDelays } from "./backoff.ts";

export const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

export interface ConnectExtras {
  /** Credentials given apart from the URL (NATS_USER / NATS_PASSWORD); the URL's win. */
  user?: string | null;
  password?: string | null;
  /**
   * Keep trying until a server answers, as a service does when it starts before NATS. A command-line
   * client instead fails at once with a clear error.
   */
  waitForServer?: boolean;
}

/**
 * Connects to `url` (`nats://[user:password@]host:port`, several separated by commas) and keeps
 * reconnecting forever with jittered backoff: a service outlives a restart of its NATS server.
 */
export async function connectNats(
  url: string,
  name: string,
  extras: ConnectExtras = {},
): Promise<NatsConnection> {
  const servers: string[] = [];
  let user = extras.user ?? undefined;
  let pass = extras.password ?? undefined;
  for (const entry of url
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = new URL(entry.includes("://") ? entry : `nats://${entry}`);
    if (parsed.username) {
      user = decodeURIComponent(parsed.username);
      pass = decodeURIComponent(parsed.password);
    }
    servers.push(`${parsed.hostname}:${parsed.port || "4222"}`);
  }
  if (servers.length === 0) throw new Error(`no NATS server in ${JSON.stringify(url)}`);
  const delays = backoffDelays({ initialMs: 100, maxMs: 2_000 });
  const nc = await connect({
    servers,
    name,
    ...(user ? { user, pass: pass ?? "" } : {}),
    maxReconnectAttempts: -1,
    reconnectDelayHandler: delays.next,
    waitOnFirstConnect: extras.waitForServer ?? false,
  }).catch((error: Error) => {
    throw new Error(`cannot connect to NATS at ${servers.join(", ")}: ${error.message}`);
  });
  void (async () => {
    for await (const status of nc.status()) if (status.type === "reconnect") delays.reset();
  })();
  return nc;
}
