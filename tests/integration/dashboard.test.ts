/**
 * The live dashboard: its server-sent events over plain HTTP (the history replayed on connect, then
 * each new step), a reproduction's runs fed to it, the page in headless Chromium (every panel, a point appearing without a reload, the
 * outputs linked at the end), and `rlvr train --dashboard` feeding it from a real run.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { type DashboardEvent, DashboardEventSchema } from "../../learner/dashboard/events.ts";
import { PANELS } from "../../learner/dashboard/panels.ts";
import { feedDashboard } from "../../learner/dashboard/repro-feed.ts";
import { type Dashboard, type LoggedStep, startDashboard } from "../../learner/dashboard/server.ts";
import type { PlannedRun } from "../../learner/repro/plan.ts";
import type { StepMetrics } from "../../learner/train/metrics.ts";
import { type Browser, chromiumMissing, launchChromium } from "../support/chromium.ts";
import { MICRO_MODEL } from "../support/micro-model.ts";
import { startTestGrader } from "../support/processes.ts";
import { RLVR, rlvr } from "../support/rlvr.ts";

/** A step as REAL logs it: no clip fraction, no KL penalty. */
const step = (n: number): LoggedStep => ({
  step: n,
  meanReward: 0.2 + n / 100,
  entropy: 1.5 - n / 50,
  allCorrectShare: n / 40,
  loss: 0.7 - n / 100,
  gradNorm: 1 + n / 10,
  approxKlToOld: n / 1000,
  ...(n % 2 === 0 && { valPass1: 0.1 + n / 100 }),
});

interface EventStream {
  /** The next event, or undefined once the server has ended the stream. */
  next(): Promise<(DashboardEvent & { id: number }) | undefined>;
  close(): void;
}

/** `GET /events` read frame by frame, each frame checked against the wire schema. */
function openEvents(url: string, lastEventId?: number): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL("/events", url),
      { headers: lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) } },
      (response) => {
        assert.equal(response.statusCode, 200);
        assert.match(response.headers["content-type"] ?? "", /^text\/event-stream/);
        response.setEncoding("utf8");
        let buffered = "";
        let ended = false;
        const waiting: (() => void)[] = [];
        const wake = () => {
          for (const wakeUp of waiting.splice(0)) wakeUp();
        };
        response.on("data", (chunk: string) => {
          buffered += chunk;
          wake();
        });
        response.on("end", () => {
          ended = true;
          wake();
        });
        resolve({
          async next() {
            for (;;) {
              const end = buffered.indexOf("\n\n");
              if (end >= 0) {
                const frame = buffered.slice(0, end);
                buffered = buffered.slice(end + 2);
                const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(frame)?.[1];
                const event = DashboardEventSchema.parse(JSON.parse(field("data")!));
                assert.equal(field("event"), event.type, "the SSE event name is the event's type");
                return { ...event, id: Number(field("id")) };
              }
              if (ended) return undefined;
              await new Promise<void>((wakeUp) => waiting.push(wakeUp));
            }
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function take(stream: EventStream, count: number): Promise<(DashboardEvent & { id: number })[]> {
  const events = [];
  for (let i = 0; i < count; i++) events.push((await stream.next())!);
  return events;
}

const get = (url: string, host?: string) =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, type: response.headers["content-type"] ?? "", body }),
      );
    });
    req.on("error", reject);
    req.end();
  });

describe("dashboard events over HTTP", () => {
  let dashboard: Dashboard;
  before(async () => {
    dashboard = await startDashboard("test run");
  });
  after(async () => {
    await dashboard.close();
  });

  it("listens on 127.0.0.1 only", () => {
    assert.match(dashboard.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("replays the history on connect, then pushes each new step", async () => {
    dashboard.addRun("real/seed-1", "REAL · seed 1");
    dashboard.step("real/seed-1", step(1));
    dashboard.step("real/seed-1", step(2));
    const late = await openEvents(dashboard.url);
    const replayed = await take(late, 3);
    assert.deepEqual(
      replayed.map((e) => e.type),
      ["run", "step", "step"],
    );
    assert.deepEqual(
      replayed.map((e) => e.id),
      [1, 2, 3],
    );
    const second = replayed[2]!;
    assert.ok(
      second.type === "step" && second.metrics.step === 2 && second.metrics.valPass1 === step(2).valPass1,
    );

    dashboard.step("real/seed-1", step(3));
    const [live] = await take(late, 1);
    assert.ok(live!.type === "step" && live!.run === "real/seed-1" && live!.metrics.step === 3);
    late.close();
  });

  it("replays only what came after the last event a reconnecting client saw", async () => {
    const resumed = await openEvents(dashboard.url, 2);
    const [first] = await take(resumed, 1);
    assert.equal(first!.id, 3);
    resumed.close();
  });

  it("refuses a request that names another host (DNS rebinding)", async () => {
    const refused = await get(dashboard.url, "attacker.example:80");
    assert.equal(refused.status, 403);
  });

  it("says which panels have nothing recorded", async () => {
    const panels = await get(new URL("/panels", dashboard.url).href);
    assert.equal(panels.status, 200);
    assert.match(
      panels.body,
      /data-field="klPenalty" data-points="0"><h3>[^<]+<\/h3><p class="empty">not recorded/,
    );
    assert.match(panels.body, /data-field="meanReward" data-points="3"><svg /);
  });
});

describe("a reproduction on the dashboard", () => {
  let dashboard: Dashboard;
  let dir: string;
  before(async () => {
    dashboard = await startDashboard("rlvr repro");
    dir = await mkdtemp(join(tmpdir(), "rlvr-dashboard-repro-"));
  });
  after(async () => {
    await dashboard.close();
    await rm(dir, { recursive: true, force: true });
  });

  const planned = (name: string, label: string): PlannedRun =>
    ({ spec: { name, label }, seed: 1, dir: join(dir, name, "seed-1") }) as PlannedRun;

  it("gives each run and seed a series, with what a finished run logged, and still tells the progress display", async () => {
    const finished = planned("grpo", "GRPO");
    await mkdir(finished.dir, { recursive: true });
    await writeFile(
      join(finished.dir, "metrics.jsonl"),
      `${JSON.stringify(step(1))}\n${JSON.stringify(step(2))}\n`,
    );
    await writeFile(
      join(finished.dir, "start-validation.json"),
      JSON.stringify({ valPass1: 0.05, valPass1BySet: { "curriculum-test": 0.05 }, evalSeconds: 1 }),
    );
    const told: string[] = [];
    const events = feedDashboard(
      {
        skipped: (run) => told.push(`skipped ${run.spec.name}`),
        started: (run) => told.push(`started ${run.spec.name}`),
        step: (run, m) => told.push(`step ${run.spec.name} ${m.step}`),
      },
      dashboard,
    )!;
    const stream = await openEvents(dashboard.url);
    events.skipped!(finished, 0, 2);
    const replayed = await take(stream, 4);
    assert.deepEqual(
      replayed.map((e) =>
        e.type === "step" ? `${e.run} ${e.metrics.step}` : `${e.type} ${"label" in e ? e.label : ""}`,
      ),
      ["run GRPO · seed 1", "grpo/seed-1 0", "grpo/seed-1 1", "grpo/seed-1 2"],
    );

    const fresh = planned("real", "REAL");
    events.started!(fresh, 1, 2, 0);
    events.validatedStart!(fresh, { valPass1: 0.07, valPass1BySet: {}, evalSeconds: 1 });
    events.step!(fresh, step(1) as StepMetrics);
    const live = await take(stream, 3);
    assert.deepEqual(
      live.map((e) =>
        e.type === "step" ? `${e.run} ${e.metrics.step} ${e.metrics.valPass1 ?? "-"}` : e.type,
      ),
      ["run", "real/seed-1 0 0.07", "real/seed-1 1 -"],
    );
    assert.deepEqual(told, ["skipped grpo", "started real", "step real 1"]);
    stream.close();
  });
});

describe("dashboard page in headless Chromium", { skip: chromiumMissing }, () => {
  let dashboard: Dashboard;
  let browser: Browser;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-dashboard-"));
    dashboard = await startDashboard("rlvr repro");
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const points = (field: string) =>
    `Number(document.querySelector('[data-field="${field}"]')?.dataset.points ?? -1)`;

  it("shows every run's history, then a new point without a reload, then the outputs", async () => {
    dashboard.addRun("real/seed-1", "REAL · seed 1");
    dashboard.addRun("grpo/seed-1", "GRPO · seed 1");
    for (const n of [1, 2]) {
      dashboard.step("real/seed-1", step(n));
      dashboard.step("grpo/seed-1", { ...step(n), klPenalty: 0.001 * n });
    }
    const page = await browser.open(dashboard.url);
    assert.equal(await page.evaluate("document.title"), "rlvr repro");
    await page.waitFor(`${points("meanReward")} === 4`);
    const fields = await page.evaluate<string[]>(
      "[...document.querySelectorAll('figure.panel')].map((f) => f.dataset.field)",
    );
    assert.deepEqual(
      fields,
      PANELS.map((p) => p.field),
    );
    assert.equal(await page.evaluate("document.querySelectorAll('figure.panel svg').length"), PANELS.length);
    assert.equal(await page.evaluate(points("klPenalty")), 2, "GRPO's KL penalty, not REAL's");
    assert.deepEqual(
      await page.evaluate("[...document.querySelectorAll('.legend li')].map((li) => li.textContent)"),
      ["REAL · seed 1", "GRPO · seed 1"],
    );

    // A value set in the page before the new step survives only if the page is not reloaded.
    await page.evaluate("window.beforeTheStep = true");
    dashboard.step("real/seed-1", step(3));
    await page.waitFor(`${points("meanReward")} === 5`);
    assert.equal(await page.evaluate("window.beforeTheStep"), true, "no reload");
    assert.match(
      await page.evaluate<string>("document.getElementById('status').textContent"),
      /REAL · seed 1: step 3/,
    );

    const report = join(dir, "report.html");
    await writeFile(report, "<!doctype html><title>the final report</title>");
    dashboard.finish([{ label: "report.html", path: report }]);
    await page.waitFor("document.body.classList.contains('finished')");
    const link = await page.evaluate<{ text: string; href: string }>(
      "(({ textContent, href }) => ({ text: textContent, href }))(document.querySelector('#outputs a'))",
    );
    assert.equal(link.text, "report.html");
    const served = await get(link.href);
    assert.equal(served.status, 200);
    assert.match(served.type, /^text\/html/);
    assert.match(served.body, /the final report/);
  });
});

describe("rlvr train --dashboard", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-train-dashboard-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a port that is not one in a line", async () => {
    const refused = await rlvr("train", "--dashboard", "http");
    assert.equal(refused.code, 2);
    assert.equal(
      refused.stderr.trim(),
      'rlvr: --dashboard: expected a port from 0 (any free one) to 65535, got "http"',
    );
  });

  it("prints the URL once, feeds every step to the page, links the run's files, and closes at the end", async () => {
    const config = join(dir, "micro.json");
    await writeFile(config, JSON.stringify({ model: { config: MICRO_MODEL } }));
    // Grading waits on a stopped grader until the test is connected: the run cannot end before that.
    const grader = await startTestGrader();
    process.kill(grader.process.pid, "SIGSTOP");
    try {
      const runDir = join(dir, "run");
      const child = spawn(
        process.execPath,
        [
          RLVR,
          "train",
          "--config",
          config,
          "--out",
          runDir,
          "--steps",
          "2",
          "--batch-prompts",
          "2",
          "--group-size",
          "2",
          "--mini-batch-prompts",
          "1",
          "--max-response-tokens",
          "6",
          "--eval-every",
          "1",
          "--eval-k",
          "1",
          "--eval-problems",
          "2",
          "--levels",
          "1",
          "--backend",
          "cpu",
          "--via",
          "http",
          "--grader-url",
          grader.url,
          "--dashboard",
        ],
        { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const printed = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stderr);
          if (printed) resolve(printed[1]!);
        });
        child.on("exit", () => reject(new Error(`exited before printing the dashboard URL:\n${stderr}`)));
      });
      const stream = await openEvents(url);
      const [joined] = await take(stream, 1);
      assert.ok(joined!.type === "run" && joined!.label.includes(runDir));
      process.kill(grader.process.pid, "SIGCONT");

      const events: DashboardEvent[] = [];
      for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
      assert.equal(await exited, 0, stderr);
      assert.equal(stderr.match(/dashboard: /g)?.length, 1, "the URL is printed once");
      const steps = events.flatMap((e) => (e.type === "step" ? [e.metrics] : []));
      assert.deepEqual(
        steps.map((m) => m.step),
        [1, 2],
      );
      for (const m of steps) assert.equal(typeof m.valPass1, "number");
      const finished = events.at(-1)!;
      assert.ok(finished.type === "finished", "the stream ends with the outputs");
      assert.deepEqual(
        finished.links.map((l) => l.path),
        [join(runDir, "metrics.jsonl"), join(runDir, "config.json")],
      );
      await assert.rejects(get(url), "the dashboard is closed with the command");
    } finally {
      process.kill(grader.process.pid, "SIGCONT");
      await grader.stop();
    }
  });
});
