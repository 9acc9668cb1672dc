/** Starting a real process for a test, waiting until it says it is ready, and cleaning it up after. */
import { type ChildProcess, spawn } from "node:child_process";

export interface StartedProcess {
  child: ChildProcess;
  /** Everything it has written so far (stdout and stderr, last 256 KiB), for failure messages. */
  output(): string;
  /** Waits for a line of output matching `pattern` (including lines already written). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` and waits for the process to exit; resolves with its exit code or signal. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | NodeJS.Signals>;
}

const OUTPUT_KEPT_CHARS = 256 * 1024;
const running = new Set<ChildProcess>();

// A test run that dies must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export function startProcess(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): StartedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "SIGKILL");
    });
  });
  let output = "";
  const lineListeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_KEPT_CHARS);
    for (const listener of lineListeners) listener();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.split("\n").find((line) => pattern.test(line));
        if (!match) return false;
        finish();
        resolve(match.match(pattern)!);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`));
      }, timeoutMs);
      const onExit = () => {
        if (check()) return;
        finish();
        reject(new Error(`${command} exited before printing ${pattern}; output:\n${output}`));
      };
      const finish = () => {
        clearTimeout(timer);
        lineListeners.delete(check);
        child.off("exit", onExit);
      };
      if (check()) return;
      lineListeners.add(check);
      child.once("exit", onExit);
    });

  const stop = async (signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return { child, output: () => output, waitForLine, stop };
}
