/**
 * `node --import tsx infra/deploy/make-secrets.ts <out-dir> [host1 host2 host3]`: makes the secrets of a
 * three-host deployment once, on one machine, into `<out-dir>` (owner-only; it must not exist yet):
 *
 *   credentials.json         every NATS user (the stack's format): the master copy, kept off the hosts
 *   client.env               for learners and `rlvr`: NATS_URL, NATS_USER, NATS_PASSWORD
 *   <host>/nats/secrets.conf  → /etc/rlvr/nats/secrets.conf: the nats-server include with the route
 *                              password, the routes and the users with their permissions (nats-auth.ts)
 *   <host>/grader.env        → /etc/rlvr/grader.env: the grader units' NATS_URL (this host's node
 *                              first), user, password and HTTP token
 *   <host>/evaluator.env     → /etc/rlvr/evaluator.env: the same for the evaluator
 *
 * Every file is mode 0600; nothing secret is printed. Hosts default to rlvr-1, rlvr-2 and rlvr-3.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StackCredentials } from "../../shared/nats/credentials.ts";
import { ensureStackCredentials, renderAuthorization } from "../stack/nats-auth.ts";
import { quoted } from "../stack/nats-config.ts";

const DEFAULT_HOSTS = ["rlvr-1", "rlvr-2", "rlvr-3"];
// The ports of infra/deploy/nats/rlvr-N.conf.
const NATS_CLIENT_PORT = 4222;
const NATS_ROUTE_PORT = 6222;
const ROUTE_USER = "route";

const secret = () => randomBytes(24).toString("base64url");

/** The hosts' NATS URLs, starting with `first`: services connect to their own host's node first. */
function natsUrlFrom(hosts: string[], first: number): string {
  return hosts.map((_, i) => `nats://${hosts[(first + i) % hosts.length]}:${NATS_CLIENT_PORT}`).join(",");
}

function renderSecretsInclude(hosts: string[], credentials: StackCredentials, routePassword: string) {
  const routes = hosts.map(
    (host) => `nats-route://${ROUTE_USER}:${routePassword}@${host}:${NATS_ROUTE_PORT}`,
  );
  return [
    "# Included by infra/deploy/nats/rlvr-N.conf; made by infra/deploy/make-secrets.ts. Owner nats, mode 0600.",
    `ROUTE_USER: ${quoted(ROUTE_USER)}`,
    `ROUTE_PASSWORD: ${quoted(routePassword)}`,
    // Every node, this one included (a node skips the route to itself), so all hosts share this file.
    `ROUTES: [${routes.map(quoted).join(", ")}]`,
    renderAuthorization(credentials),
    "",
  ].join("\n");
}

const envFile = (entries: Record<string, string>) =>
  `${Object.entries(entries)
    .map(([name, value]) => `${name}=${value}`)
    .join("\n")}\n`;

function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600, flag: "wx" });
}

function makeSecrets(outDir: string, hosts: string[]): void {
  if (existsSync(outDir)) throw new Error(`${outDir} exists: secrets are made once, into a new directory`);
  const { credentials } = ensureStackCredentials(outDir);
  const routePassword = secret();
  const tokens = { grader: secret(), evaluator: secret() };
  const { grader, evaluator, client } = credentials.nats;
  writeSecret(
    join(outDir, "client.env"),
    envFile({ NATS_URL: natsUrlFrom(hosts, 0), NATS_USER: client.user, NATS_PASSWORD: client.password }),
  );
  for (const [i, host] of hosts.entries()) {
    const hostDir = join(outDir, host);
    mkdirSync(join(hostDir, "nats"), { recursive: true, mode: 0o700 });
    writeSecret(
      join(hostDir, "nats", "secrets.conf"),
      renderSecretsInclude(hosts, credentials, routePassword),
    );
    const natsUrl = natsUrlFrom(hosts, i);
    writeSecret(
      join(hostDir, "grader.env"),
      envFile({
        NATS_URL: natsUrl,
        NATS_USER: grader.user,
        NATS_PASSWORD: grader.password,
        GRADER_TOKEN: tokens.grader,
      }),
    );
    writeSecret(
      join(hostDir, "evaluator.env"),
      envFile({
        NATS_URL: natsUrl,
        NATS_USER: evaluator.user,
        NATS_PASSWORD: evaluator.password,
        EVALUATOR_TOKEN: tokens.evaluator,
      }),
    );
  }
}

const [outDir, ...named] = process.argv.slice(2);
if (!outDir || (named.length > 0 && named.length !== 3)) {
  console.error("usage: node --import tsx infra/deploy/make-secrets.ts <out-dir> [host1 host2 host3]");
  process.exit(2);
}
const hosts = named.length > 0 ? named : DEFAULT_HOSTS;
try {
  makeSecrets(outDir, hosts);
  console.log(`secrets for ${hosts.join(", ")} are in ${outDir}`);
} catch (error) {
  console.error(`make-secrets: ${(error as Error).message}`);
  process.exit(1);
}
