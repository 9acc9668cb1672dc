/**
 * The live dashboard's server: loopback HTTP (node:http) with the page, the charts of every run so far,
 * and `GET /events`, server-sent events that replay the history to a page opened late and then push
 * each new step as it is logged.
 */
import { createReadStream } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname } from "node:path";
import type { StepMetrics } from "../train/metrics.ts";
import type { DashboardEvent } from "./events.ts";
import { dashboardPage } from "./page.ts";
import { panelsHtml, type RunSeries } from "./panels.ts";

/** A metrics line, or a part of one (the starting checkpoint's validation is step 0). */
export type LoggedStep = Pick<StepMetrics, "step"> & Partial<StepMetrics>;

/** A file the command wrote, linked from the page when it finishes. */
export interface Output {
  label: string;
  path: string;
}

export interface Dashboard {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** A run's series joins the charts (once per run; later calls keep the first label). */
  addRun(run: string, label: string): void;
  step(run: string, metrics: LoggedStep): void;
  /** The command is done: the page links to these outputs. */
  finish(outputs: readonly Output[]): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
};

export async function startDashboard(title: string, port = 0): Promise<Dashboard> {
  const history: DashboardEvent[] = [];
  const subscribers = new Set<ServerResponse>();
  let outputs: readonly Output[] = [];
  let origin = "";

  const publish = (event: DashboardEvent) => {
    history.push(event);
    for (const response of subscribers) response.write(frame(event, history.length));
  };

  const server = createServer((request, response) => {
    // Only this machine, by the address the URL names: a page elsewhere cannot reach it by DNS rebinding.
    if (request.headers.host !== new URL(origin).host) return reply(response, 403, "forbidden host");
    if (request.method !== "GET") return reply(response, 405, "GET only");
    const path = new URL(request.url ?? "/", origin).pathname;
    if (path === "/") return reply(response, 200, dashboardPage(title), CONTENT_TYPES[".html"]);
    if (path === "/panels") return reply(response, 200, panelsHtml(series(history)), CONTENT_TYPES[".html"]);
    if (path === "/events") return subscribe(request, response);
    const file = /^\/outputs\/(\d+)$/.exec(path);
    const output = file ? outputs[Number(file[1])] : undefined;
    if (output) return sendFile(response, output.path);
    reply(response, 404, "not found");
  });

  function subscribe(request: IncomingMessage, response: ServerResponse) {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    // Sent now, not with the first event: a client connected before any step knows it is connected.
    response.flushHeaders();
    // A reconnecting EventSource names the last event it saw: only what came after is replayed.
    const seen = Number(request.headers["last-event-id"] ?? 0) || 0;
    for (let id = seen + 1; id <= history.length; id++) response.write(frame(history[id - 1]!, id));
    subscribers.add(response);
    request.on("close", () => subscribers.delete(response));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `dashboard: port ${port} is taken on 127.0.0.1; name another, or give --dashboard alone`,
            )
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const joined = new Set<string>();
  const addRun = (run: string, label: string) => {
    if (joined.has(run)) return;
    joined.add(run);
    publish({ type: "run", run, label });
  };

  return {
    url: `${origin}/`,
    addRun,
    step(run, metrics) {
      addRun(run, run);
      publish({ type: "step", run, metrics: { ...metrics } });
    },
    finish(files) {
      outputs = files;
      publish({
        type: "finished",
        links: files.map((f, i) => ({ label: f.label, href: `/outputs/${i}`, path: f.path })),
      });
    },
    async close() {
      for (const response of subscribers) response.end();
      subscribers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** One server-sent event; its id is its place in the history, for replay after a reconnect. */
function frame(event: DashboardEvent, id: number): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Every run's metrics so far, in the order the runs joined. */
function series(history: readonly DashboardEvent[]): RunSeries[] {
  const runs = new Map<string, RunSeries & { metrics: LoggedStep[] }>();
  for (const event of history) {
    if (event.type === "run") runs.set(event.run, { run: event.run, label: event.label, metrics: [] });
    if (event.type === "step") runs.get(event.run)?.metrics.push(event.metrics as LoggedStep);
  }
  return [...runs.values()];
}

function reply(response: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8") {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

/** An output as the browser shows it best: HTML and JSON as such, anything else (Markdown, JSONL) as text. */
function sendFile(response: ServerResponse, path: string) {
  const stream = createReadStream(path);
  stream.once("error", () => reply(response, 404, `${basename(path)} is gone`));
  stream.once("open", () => {
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(path)] ?? "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    stream.pipe(response);
  });
}
