/** One way to open a NATS connection for every part of the system, with credentials from the URL. */
import { connect, type NatsConnection } from "@nats-io/transport-node";

export const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

/**
 * Connects to `url` (`nats://[user:password@]host:port`, several separated by commas) and keeps
 * reconnecting forever: a service outlives a restart of its NATS server.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const servers: string[] = [];
  let user: string | undefined;
  let pass: string | undefined;
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
  return await connect({
    servers,
    name,
    user,
    pass,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: false,
  });
}
