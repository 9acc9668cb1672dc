/**
 * One way to open a NATS connection for every part of the system. Credentials are found as
 * `findNatsLogin` says: the URL's, NATS_USER / NATS_PASSWORD, or a stack's credentials file.
 */
import process from "node:process";
import { connect, errors, type NatsConnection } from "@nats-io/transport-node";
import { backoffDelays } from "./backoff.ts";
import { findNatsLogin, type NatsLogin, type NatsRole } from "./credentials.ts";

export const DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

export interface ConnectExtras {
  /** Credentials given apart from the URL (a service's NATS_USER / NATS_PASSWORD); the URL's win. */
  user?: string | null;
  password?: string | null;
  /** Which user of a credentials file to log in as (default client: learners and the CLI). */
  role?: NatsRole;
  /** The credentials file of a stack the caller started; else NATS_CREDENTIALS or the default stack's. */
  credentialsFile?: string | null;
  /**
   * Keep trying until a server answers, as a service does when it starts before NATS. A command-line
   * client instead fails at once with a clear error. A refused login fails at once either way.
   */
  waitForServer?: boolean;
}

/**
 * Connects to `url` (`nats://[user:password@]host:port`, several separated by commas) and keeps
 * reconnecting forever with jittered backoff: a service outlives a restart of its NATS server. The
 * servers are tried in the order given, so each service can be pointed at its nearest node of a
 * cluster first (the stack rotates the list per service; a deployment lists the host's own node first).
 */
export async function connectNats(
  url: string,
  name: string,
  extras: ConnectExtras = {},
): Promise<NatsConnection> {
  const servers: string[] = [];
  let inUrl: { user: string; password: string } | null = null;
  for (const entry of url
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = new URL(entry.includes("://") ? entry : `nats://${entry}`);
    if (parsed.username) {
      inUrl = { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    }
    servers.push(`${parsed.hostname}:${parsed.port || "4222"}`);
  }
  if (servers.length === 0) throw new Error(`no NATS server in ${JSON.stringify(url)}`);
  const login = findNatsLogin({
    url: inUrl,
    given: { user: extras.user, password: extras.password },
    role: extras.role ?? "client",
    credentialsFile: extras.credentialsFile,
    env: (variable) => process.env[variable],
    loopback: servers.every(isLoopback),
  });
  const delays = backoffDelays({ initialMs: 100, maxMs: 2_000 });
  const options = {
    servers,
    name,
    ...(login ? { user: login.user, pass: login.password } : {}),
    noRandomize: true,
    maxReconnectAttempts: -1,
    reconnectDelayHandler: delays.next,
  };
  let nc: NatsConnection;
  for (;;) {
    try {
      nc = await connect(options);
      break;
    } catch (error) {
      // Waiting here rather than with the client's waitOnFirstConnect, which retries a refused login forever.
      if (error instanceof errors.AuthorizationError) throw new Error(loginRefused(servers, login, error));
      if (!extras.waitForServer) {
        throw new Error(
          `cannot connect to NATS at ${servers.join(", ")} (${(error as Error).message}): is nats-server running there? \`rlvr stack up\` starts one with the services; else name yours with --nats-url or NATS_URL`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delays.next()));
    }
  }
  delays.reset();
  void (async () => {
    for await (const status of nc.status()) if (status.type === "reconnect") delays.reset();
  })();
  return nc;
}

function isLoopback(server: string): boolean {
  const host = server.slice(0, server.lastIndexOf(":"));
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function loginRefused(servers: string[], login: NatsLogin | null, error: Error): string {
  const where = `NATS at ${servers.join(", ")}`;
  if (!login) {
    return `${where} requires a login and none was found (${error.message}): put the user in the URL, set NATS_USER and NATS_PASSWORD, or set NATS_CREDENTIALS to the stack's credentials file (\`rlvr stack up\` prints where it is)`;
  }
  return `${where} refused user "${login.user}" from ${login.source} (${error.message})`;
}
