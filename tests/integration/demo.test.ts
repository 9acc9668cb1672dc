/**
 * `rlvr demo --quick` end to end: the services start and stop, Pass@1 is measured before and after
 * through the evaluation service, and the table, summary and report come out well-formed; with
 * `--nats-url` it leaves the given server alone; Ctrl-C stops everything it started. Not a speed, not
 * whether training helped.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { AVERAGE } from "../../learner/demo/comparison.ts";
import { type DemoSummary, DemoSummarySchema } from "../../learner/demo/summary.ts";
import { TASK_KINDS } from "../../learner/tasks/curriculum.ts";
import { natsServerMissing, startTestNats } from "../support/processes.ts";
import { RLVR, rlvr } from "../support/rlvr.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The processes whose parent is `pid` (Linux /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(join("/proc", entry, "stat"), "utf8").catch(() => "");
    // The fields after the parenthesised command name: state, then the parent's pid.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

async function readSummary(out: string): Promise<DemoSummary> {
  return DemoSummarySchema.parse(JSON.parse(await readFile(join(out, "summary.json"), "utf8")));
}

function assertWellFormed(summary: DemoSummary): void {
  for (const evaluation of [summary.before, summary.after]) {
    assert.deepEqual(
      evaluation.benchmarks.map((b) => b.benchmark),
      [...TASK_KINDS],
    );
    for (const b of evaluation.benchmarks) assert.equal(b.k, 16);
  }
  assert.deepEqual(
    summary.comparison.map((r) => r.family),
    [...TASK_KINDS, AVERAGE],
  );
  for (const row of summary.comparison) {
    for (const value of [row.before, row.after])
      assert.ok(value >= 0 && value <= 1, `${row.family}: ${value} is not in [0, 1]`);
  }
  assert.equal(summary.quick, true);
  for (const { name, pid } of summary.processes) assert.ok(!alive(pid), `${name} (${pid}) still runs`);
}

describe("rlvr demo", { skip: natsServerMissing }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-demo-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints --help", async () => {
    const help = await rlvr("demo", "--help");
    assert.equal(help.code, 0, help.stderr);
    for (const flag of ["--quick", "--out", "--steps", "--seed", "--nats-url"])
      assert.match(help.stdout, new RegExp(flag));
  });

  it("--quick starts the stack, trains, evaluates before and after, writes the report and stops", async () => {
    const out = join(dir, "quick");
    const result = await rlvr("demo", "--quick", "--out", out);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\| task family +\| +before \| +after \| change \(points\) \|/);
    assert.match(result.stdout, /report\.html/);
    const summary = await readSummary(out);
    assertWellFormed(summary);
    assert.deepEqual(summary.processes.map((p) => p.name).sort(), ["evaluator", "grader", "nats-server"]);
    const html = await readFile(join(out, "report.html"), "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.equal(html.match(/<svg /g)?.length, 4, "before/after bars, reward, validation, entropy");
    assert.doesNotMatch(html, /NaN|undefined/);
    assert.match(await readFile(join(out, "report.md"), "utf8"), /\| average /);
    const metrics = (await readFile(join(out, "train", "metrics.jsonl"), "utf8")).trim().split("\n");
    assert.equal(metrics.length, summary.config.steps);
  });

  it("--nats-url uses the given server and leaves it running", async () => {
    const nats = await startTestNats();
    try {
      const out = join(dir, "external");
      const result = await rlvr("demo", "--quick", "--out", out, "--nats-url", nats.url);
      assert.equal(result.code, 0, result.stderr);
      const summary = await readSummary(out);
      assertWellFormed(summary);
      assert.ok(!summary.processes.some((p) => p.name === "nats-server"));
      assert.ok(alive(nats.process.pid), "the given nats-server still runs");
    } finally {
      await nats.stop();
    }
  });

  it("stops everything it started on Ctrl-C", async () => {
    const out = join(dir, "interrupted");
    const child = spawn(process.execPath, [RLVR, "demo", "--quick", "--out", out], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    while (!/\[2\/4\]/.test(output)) await new Promise((resolve) => setTimeout(resolve, 100));
    const started = await childrenOf(child.pid!);
    assert.ok(started.length >= 3, `nats-server, grader and evaluator run: ${started.join(", ")}`);
    child.kill("SIGINT");
    assert.equal(await exited, 130, output);
    assert.match(output, /interrupted/);
    for (const pid of started) assert.ok(!alive(pid), `process ${pid} still runs`);
  });
});
