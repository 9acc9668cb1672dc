/** A child process of the stack: started with its output in a log file, stopped for sure. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited (with its code, or the signal that ended it). */
  readonly exited: Promise<number | string>;
  /** The last 256 KiB it wrote (stdout and stderr), for error messages and tests. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it exited once it is gone. */
  stop(graceMs?: number): Promise<number | string>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<number | string>;
}

const OUTPUT_KEPT_CHARS = 256 * 1024;
const running = new Set<ChildProcess>();

// A parent that dies must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  /** Added to this process's environment; an undefined value keeps the inherited one. */
  env?: Record<string, string | undefined>;
  logFile: string;
  cwd?: string;
}

function definedEntries(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export function spawnManaged(options: SpawnOptions): ManagedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...definedEntries(options.env ?? {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log);
    stream?.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_KEPT_CHARS);
    });
  }
  running.add(child);
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
    });
    child.once("error", (error) => resolve(`failed to start: ${error.message}`));
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  const pid = child.pid;
  const stopWith = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    output: () => output,
    stop: (graceMs = 15_000) => stopWith("SIGTERM", graceMs),
    kill: () => stopWith("SIGKILL", 0),
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it resolves true, the process exits, or `timeoutMs` passes. */
export async function waitUntilReady(
  proc: ManagedProcess,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  let exitedWith: number | string | undefined;
  proc.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(
        `${proc.name} exited (${exitedWith}) before it was ready:\n${proc.output().slice(-4_000)}`,
      );
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await proc.stop();
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${proc.output().slice(-4_000)}`);
}
