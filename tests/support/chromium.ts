/**
 * Headless Chromium (Debian's `chromium`) driven over the Chrome DevTools Protocol. The protocol runs
 * over a pipe (`--remote-debugging-pipe`: NUL-separated JSON on file descriptors 3 and 4), so no
 * WebSocket client is needed on Node 20.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

function chromiumExecutable(): string | null {
  const explicit = process.env.CHROMIUM_BIN;
  if (explicit) return existsSync(explicit) ? explicit : null;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "chromium");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Why browser tests skip, or undefined when chromium is installed. */
export const chromiumMissing: string | undefined =
  chromiumExecutable() === null ? "chromium is not installed (apt-get install -y chromium)" : undefined;

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export interface BrowserPage {
  /** The value of a JavaScript expression in the page (promises are awaited). */
  evaluate<T>(expression: string): Promise<T>;
  /** Resolves once `condition` (a JavaScript expression) is true in the page. */
  waitFor(condition: string): Promise<void>;
}

export interface Browser {
  open(url: string): Promise<BrowserPage>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const executable = chromiumExecutable();
  if (!executable) throw new Error(chromiumMissing);
  const profile = mkdtempSync(join(tmpdir(), "rlvr-test-chromium-"));
  const child: ChildProcess = spawn(
    executable,
    [
      "--headless=new",
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, (reply: Reply) => void>();
  let buffered = "";
  let nextId = 0;
  fromBrowser.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    for (let end = buffered.indexOf("\0"); end >= 0; end = buffered.indexOf("\0")) {
      const reply = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (reply.id !== undefined) pending.get(reply.id)?.(reply);
      pending.delete(reply.id ?? -1);
    }
  });

  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (reply) =>
        reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result ?? {}),
      );
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });

  return {
    async open(url) {
      const { targetId } = await send("Target.createTarget", { url: "about:blank" });
      const { sessionId } = (await send("Target.attachToTarget", { targetId, flatten: true })) as {
        sessionId: string;
      };
      const evaluate = async <T>(expression: string): Promise<T> => {
        const { result, exceptionDetails } = (await send(
          "Runtime.evaluate",
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        )) as {
          result: { value: T };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        };
        if (exceptionDetails)
          throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value;
      };
      // Checked in the page until it holds: the test waits on the page, not on a clock.
      const waitFor = async (condition: string) => {
        await evaluate(
          `new Promise((resolve) => { const check = () => (${condition}) ? resolve(true) : setTimeout(check, 20); check(); })`,
        );
      };
      await send("Page.navigate", { url }, sessionId);
      await waitFor(`document.readyState === "complete" && location.href === ${JSON.stringify(url)}`);
      return { evaluate, waitFor };
    },
    async close() {
      await send("Browser.close").catch(() => child.kill("SIGKILL"));
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
