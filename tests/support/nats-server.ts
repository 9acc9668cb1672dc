/** A real nats-server for tests: a free port on 127.0.0.1, JetStream in a temporary directory. */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StartedProcess, startProcess } from "./process.ts";

export interface NatsServer {
  url: string;
  process: StartedProcess;
  stop(): Promise<void>;
}

export interface NatsServerOptions {
  user?: string;
  password?: string;
  /** Largest message; nats-server's own default is 1 MiB. */
  maxPayloadBytes?: number;
}

function findNatsServer(): string | null {
  for (const candidate of [
    process.env.NATS_SERVER_BIN,
    "nats-server",
    "/usr/sbin/nats-server",
    "/usr/bin/nats-server",
  ]) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const natsServerBinary = findNatsServer();

/** For `describe(…, { skip: natsServerMissing })`: a reason to skip, or false. */
export const natsServerMissing: string | false = natsServerBinary
  ? false
  : "nats-server is not installed (set NATS_SERVER_BIN or put it on PATH)";

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  if (!natsServerBinary) throw new Error(String(natsServerMissing));
  const dir = await mkdtemp(join(tmpdir(), "rlvr-nats-"));
  const config = [
    "listen: 127.0.0.1:-1",
    `jetstream { store_dir: ${JSON.stringify(join(dir, "jetstream"))} }`,
    `max_payload: ${options.maxPayloadBytes ?? 8 * 1024 * 1024}`,
    options.user
      ? `authorization { user: ${JSON.stringify(options.user)}, password: ${JSON.stringify(options.password ?? "")} }`
      : "",
  ].join("\n");
  const configPath = join(dir, "nats.conf");
  await writeFile(configPath, config);
  const server = startProcess(natsServerBinary, ["-c", configPath]);
  const cleanUp = async () => {
    await server.stop("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [, address] = await server.waitForLine(/Listening for client connections on (\S+)/);
    await server.waitForLine(/Server is ready/);
    return { url: `nats://${address}`, process: server, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
