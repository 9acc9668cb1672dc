/**
 * Deno adapter. Workers are child processes rather than Web Workers: Deno's `Worker.terminate()` does
 * not stop a worker stuck in synchronous code (denoland/deno#35657; `node:worker_threads` under Deno
 * behaves the same), and stopping such work is the point of the pool. A killed process always stops.
 * Messages are newline-delimited JSON over the child's stdin and stdout.
 *
 * The Deno API is declared here structurally because the project's tsc configuration (checking shared/
 * for Node) has no Deno types.
 */
import type { FromWorkerMessage, ToWorkerMessage } from "../protocol.ts";
import { encodeLine, forEachLine } from "./lines.ts";
import type { ParentPort, WorkerEvents, WorkerRuntime, WorkerThread } from "./types.ts";

interface ChildProcess {
  stdin: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  status: Promise<{ code: number; signal: string | null }>;
  kill(signal: "SIGKILL"): void;
}

interface DenoApi {
  execPath(): string;
  Command: new (
    command: string,
    options: {
      args: string[];
      stdin: "piped";
      stdout: "piped";
      stderr: "inherit";
      env: Record<string, string>;
    },
  ) => { spawn(): ChildProcess };
  stdin: { readable: ReadableStream<Uint8Array> };
  stdout: { writeSync(bytes: Uint8Array): number };
  exit(code: number): never;
}

const scope = globalThis as unknown as { Deno: DenoApi; navigator: { hardwareConcurrency?: number } };

/** A runaway check cannot take the machine's memory with it. */
const WORKER_HEAP_LIMIT_MB = 1024;

function spawn(entry: URL, events: WorkerEvents): WorkerThread {
  const { Deno } = scope;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      // The checker's npm dependencies may read files and environment variables as they load; a worker
      // needs nothing more (no network, no writes, no subprocesses).
      "--allow-read",
      "--allow-env",
      `--v8-flags=--max-old-space-size=${WORKER_HEAP_LIMIT_MB}`,
      entry.href,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
    env: { DENO_NO_UPDATE_CHECK: "1" },
  }).spawn();
  const stdin = child.stdin.getWriter();
  let terminating = false;
  forEachLine(child.stdout, (line) => events.onMessage(JSON.parse(line) as FromWorkerMessage)).catch(
    () => {},
  );
  child.status.then(({ code, signal }) => {
    if (!terminating) events.onFailure(`worker process exited (code ${code}, signal ${signal ?? "none"})`);
  });
  return {
    post: (message) => {
      // A write fails only when the process is gone, which `status` reports.
      stdin.write(encodeLine(message)).catch(() => {});
    },
    terminate: async () => {
      terminating = true;
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
      await child.status;
    },
  };
}

function parentPort(): ParentPort {
  const { Deno } = scope;
  // stdout carries the protocol, so anything the checker logs goes to stderr instead.
  console.log = console.info = console.debug = console.error;
  return {
    onMessage: (listener) => {
      forEachLine(Deno.stdin.readable, (line) => listener(JSON.parse(line) as ToWorkerMessage)).then(
        // The pool closed our stdin (or died): nothing more will come.
        () => Deno.exit(0),
      );
    },
    post: (message) => {
      const bytes = encodeLine(message);
      // Written synchronously so that each verdict leaves while the next item is being graded.
      for (let written = 0; written < bytes.length; )
        written += Deno.stdout.writeSync(bytes.subarray(written));
    },
  };
}

export const denoRuntime: WorkerRuntime = {
  name: "deno",
  spawn,
  cpuCount: () => scope.navigator.hardwareConcurrency ?? 1,
  parentPort,
};
