/**
 * `rlvr repro --quick` end to end: every run of the quick config trains, the report, tables and
 * summary come out well-formed, a rerun skips what is finished and resumes what is not. Not a speed,
 * not which method wins.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { REPRO_QUICK_CONFIG } from "../../learner/cli/commands/repro.ts";
import type { MeanStd } from "../../learner/repro/aggregate.ts";
import { readReproConfig } from "../../learner/repro/config.ts";
import { RunRecordSchema } from "../../learner/repro/run-record.ts";
import type { Summary } from "../../learner/repro/summary.ts";
import { TASK_KINDS } from "../../learner/tasks/curriculum.ts";
import { rlvr } from "../support/rlvr.ts";

const config = await readReproConfig(join(PROJECT_ROOT, REPRO_QUICK_CONFIG));
const EXPECTED_RUNS = config.runs.flatMap((r) => r.seeds.map((seed) => `${r.name}/${seed}`)).sort();

const inUnitInterval = (value: number, what: string) =>
  assert.ok(value >= 0 && value <= 1, `${what} = ${value} is not in [0, 1]`);

describe("rlvr repro --quick", () => {
  let dir: string;
  let runsDir: string;
  let reportDir: string;
  /** The quick study with its runs in `runs` and its report in the suite's report folder. */
  const reproWithRuns = (runs: string, ...extra: string[]) =>
    rlvr(
      "repro",
      "--quick",
      "--runs-dir",
      runs,
      "--out",
      reportDir,
      "--via",
      "local",
      "--workers",
      "1",
      ...extra,
    );
  const repro = (...extra: string[]) => reproWithRuns(runsDir, ...extra);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-repro-"));
    runsDir = join(dir, "runs");
    reportDir = join(dir, "report");
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints --help", async () => {
    const help = await rlvr("repro", "--help");
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /--quick/);
    assert.match(help.stdout, /--runs-dir/);
  });

  it("refuses a shard other than the first while the first has not made the start", async () => {
    const result = await repro("--shard", "2/2");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not made yet: run shard 1 first/);
  });

  it("runs as two shards: the first leaves a partial report, the second completes it", async () => {
    const first = await repro("--shard", "1/2");
    assert.equal(first.code, 0, first.stderr);
    const partial = JSON.parse(await readFile(join(reportDir, "summary.json"), "utf8")) as Summary;
    const half = Math.ceil(EXPECTED_RUNS.length / 2);
    assert.equal(partial.runs.length, half);
    assert.equal(partial.plannedRuns, EXPECTED_RUNS.length);
    assert.match(
      partial.outcome[0]!,
      new RegExp(`^Partial: ${half} of ${EXPECTED_RUNS.length} planned runs`),
    );
    const second = await repro("--shard", "2/2");
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /finished earlier, skipped/, "each shard runs only its own share");
    assert.match(second.stdout, /report: .*report\.html/);
  });

  it("covers every method and ablation in the summary, tables and report", async () => {
    const summary = JSON.parse(await readFile(join(reportDir, "summary.json"), "utf8")) as Summary;
    assert.deepEqual(summary.runs.map((r) => `${r.name}/${r.seed}`).sort(), EXPECTED_RUNS);
    assert.deepEqual(summary.families, [...TASK_KINDS]);
    assert.deepEqual(Object.keys(summary.answerOverlap ?? {}), [...TASK_KINDS]);
    for (const share of Object.values(summary.answerOverlap!)) inUnitInterval(share, "answer overlap");
    for (const run of summary.runs) {
      inUnitInterval(run.pass1.average, `${run.name} average`);
      for (const family of TASK_KINDS) inUnitInterval(run.pass1.byFamily[family]!, `${run.name} ${family}`);
    }
    assert.match(summary.code.commit, /^[0-9a-f]{40}$/);
    assert.ok(summary.machine.cores > 0 && summary.machine.cpu.length > 0);
    assert.ok(summary.wallSeconds > 0);
    assert.ok(summary.outcome.length >= 3, summary.outcome.join("\n"));
    assert.doesNotMatch(summary.outcome[0]!, /^Partial/);

    const { table1, table4 } = summary;
    assert.deepEqual(table1.columns, [...TASK_KINDS, "Avg."]);
    assert.deepEqual(
      table1.methods.map((r) => r.label),
      ["REAL", "GRPO", "DAPO", "GSPO"],
    );
    assert.deepEqual(
      table4.rows.map((r) => r.label),
      [
        "w/ BCE loss",
        "w/o Anchor Logits",
        "τ = 0.1",
        "τ = 1.0",
        "KL w/ reference model",
        "KL w/ old policy",
        "REAL",
      ],
    );
    const cells: MeanStd[] = [...table1.models, ...table1.methods, ...table4.rows].flatMap((r) => r.cells);
    for (const cell of cells) {
      assert.equal(cell.n, 1);
      inUnitInterval(cell.mean, "a table cell");
      assert.ok(cell.interval, "every cell has its interval over problems");
      assert.ok(cell.interval.lo <= cell.mean && cell.mean <= cell.interval.hi, JSON.stringify(cell));
    }
    for (const run of config.runs) {
      assert.equal(summary.curves[run.name]!.curves.valPass1[0]!.x, 0, `${run.name} validates at step 0`);
      const start = JSON.parse(
        await readFile(join(runsDir, run.name, "seed-1", "start-validation.json"), "utf8"),
      );
      inUnitInterval(start.valPass1, `${run.name} step-0 validation`);
    }

    for (const run of summary.runs) {
      const record = RunRecordSchema.parse(
        JSON.parse(await readFile(join(reportDir, "runs", run.name, `seed-${run.seed}.json`), "utf8")),
      );
      assert.deepEqual(record.result, run);
      assert.equal(record.code.commit, summary.code.commit);
      assert.ok(record.curve.length > 0 && record.curve.length <= 100);
    }

    const markdown = await readFile(join(reportDir, "tables.md"), "utf8");
    const rowsOf = (heading: string) =>
      markdown
        .split(heading)[1]!
        .split("\n## ")[0]!
        .split("\n")
        .filter((l) => l.startsWith("|"));
    const t1 = rowsOf("## Table 1");
    assert.equal(t1.length, 2 + 2 + 1 + 4, "header, rule, two section rows, the start, four methods");
    for (const row of t1) assert.equal(row.split("|").length - 2, TASK_KINDS.length + 2, row);
    const t4 = rowsOf("## Table 4");
    assert.equal(t4.length, 2 + 7);
    for (const row of t4.slice(2))
      assert.match(row, /^\| .+ \| (\*\*)?\d{1,3}\.\d \[\d{1,3}\.\d, \d{1,3}\.\d\](\*\*)? \|$/);

    const html = await readFile(join(reportDir, "report.html"), "utf8");
    for (const heading of ["Table 1", "Table 4", "Figure 1", "Figure 4", "Figure 5"])
      assert.match(html, new RegExp(heading));
    assert.equal(
      html.match(/<svg /g)?.length,
      1 + 2 + 4 + 4,
      "the τ panel, Figure 1's two panels, four curves each for 4 and 5",
    );
    for (const heading of ["Paired differences", "Temperature τ", "Stability"]) {
      assert.match(html, new RegExp(`<h2 id="[a-z-]+">${heading}`));
      assert.match(markdown, new RegExp(`## ${heading}`));
    }
    assert.deepEqual(
      summary.pairs.map((p) => [p.name, p.seeds]),
      [
        ["grpo", [1]],
        ["dapo", [1]],
        ["gspo", [1]],
      ],
    );
    for (const pair of summary.pairs) {
      assert.ok(
        pair.interval && pair.interval.lo <= pair.mean && pair.mean <= pair.interval.hi,
        JSON.stringify(pair),
      );
      assert.ok(pair.reading);
    }
    assert.deepEqual(
      summary.tau?.points.map((p) => [p.x, p.run]),
      [
        [0.1, "real-tau0.1"],
        [0.5, "real"],
        [1, "real-tau1.0"],
      ],
    );
    assert.deepEqual(summary.learningRates, [], "the quick config sweeps no learning rate");
    assert.deepEqual(
      summary.stability.map((r) => r.name),
      config.runs.map((r) => r.name),
    );
    for (const row of summary.stability) assert.equal(row.runs.length, 1);
    assert.doesNotMatch(html, /<script|NaN|undefined/);
    assert.match(html, new RegExp(summary.code.commit));
    assert.match(
      html,
      new RegExp(
        `Runs made with commit ${summary.code.commit.slice(0, 12)} \\(${EXPECTED_RUNS.length} runs\\)`,
      ),
    );
  });

  it("skips finished runs when rerun", async () => {
    const result = await repro();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stderr.match(/finished earlier, skipped/g)?.length,
      EXPECTED_RUNS.length,
      result.stderr,
    );
  });

  it("continues from the records alone: a new runs folder remakes the start and skips every recorded run", async () => {
    const fresh = join(dir, "fresh-runs");
    const result = await reproWithRuns(fresh);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stderr.match(/finished earlier, skipped/g)?.length,
      EXPECTED_RUNS.length,
      result.stderr,
    );
    const summary = JSON.parse(await readFile(join(reportDir, "summary.json"), "utf8")) as Summary;
    assert.equal(summary.runs.length, EXPECTED_RUNS.length);
    assert.equal(summary.runCurves?.length, EXPECTED_RUNS.length);
  });

  it("refuses records made from another start", async () => {
    const startRecord = join(reportDir, "runs", "start.json");
    const original = await readFile(startRecord, "utf8");
    const record = JSON.parse(original);
    await writeFile(startRecord, JSON.stringify({ ...record, sha256: "0".repeat(64) }));
    try {
      const result = await repro();
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /started from other weights/);
    } finally {
      await writeFile(startRecord, original);
    }
  });

  it("resumes an interrupted run from its newest checkpoint", async () => {
    const grpo = join(runsDir, "grpo", "seed-1");
    await rm(join(reportDir, "runs", "grpo", "seed-1.json"));
    await rm(join(grpo, "checkpoints", `step-${String(config.budget.steps).padStart(6, "0")}`), {
      recursive: true,
    });
    const result = await repro();
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `grpo seed 1: ${config.budget.steps} steps, resuming from step ${Number(config.budget.steps) - 1}`,
      ),
    );
    const steps = (await readFile(join(grpo, "metrics.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { step: number }).step);
    assert.deepEqual(
      steps,
      Array.from({ length: Number(config.budget.steps) }, (_, i) => i + 1),
    );
  });
});
