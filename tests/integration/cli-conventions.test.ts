/**
 * What every `rlvr` command does alike, run as a user runs it: --version; a command line that cannot run
 * is one `rlvr: …` line and exit status 2, a run that fails one line and 1; a reader that closes the
 * pipe early is no failure; --json prints one JSON document.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { access, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { freePort } from "../../infra/stack/managed-process.ts";
import type { RunningNatsServer } from "../../infra/stack/nats-server.ts";
import { GraderUnavailableError } from "../../shared/clients/grader.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { VerdictSchema } from "../../shared/contracts/grading.ts";
import { MICRO_MODEL } from "../support/micro-model.ts";
import { natsServerMissing, startTestNats, type TestProcess } from "../support/processes.ts";
import { RLVR, type RlvrResult, rlvr } from "../support/rlvr.ts";

const EXAMPLES = join(PROJECT_ROOT, "docs", "examples", "grade.jsonl");
const ON_CPU_GRADING_LOCALLY = ["--backend", "cpu", "--via", "local", "--workers", "1"];

/** The run printed exactly one line on stderr, and it says `rlvr: ` first. */
function oneErrorLine(result: RlvrResult): string {
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^rlvr: /);
  return lines[0]!;
}

describe("rlvr --version", () => {
  it("prints the version package.json gives", async () => {
    const { version } = JSON.parse(await readFile(join(PROJECT_ROOT, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const result = await rlvr(flag);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), version);
    }
  });
});

describe("usage errors: one line, exit status 2", () => {
  // tests/unit/cli/usage.test.ts checks the message of every kind of usage error on every command.
  it("an unknown option, a bad value, a missing argument", async () => {
    const cases: [string[], string][] = [
      [["grade", EXAMPLES, "--bogus"], "rlvr: unknown option '--bogus' (see `rlvr grade --help`)"],
      [["train", "--lr", "abc"], `rlvr: --lr: expected a positive number, got "abc"`],
      [
        ["grade", EXAMPLES, "--timeout-ms", "5000"],
        "rlvr: --timeout-ms: Too big: expected number to be <=2000, got 5000",
      ],
      [["grade"], "rlvr: missing required argument 'input' (see `rlvr grade --help`)"],
    ];
    for (const [args, message] of cases) {
      const result = await rlvr(...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(oneErrorLine(result), message);
      assert.equal(result.stdout, "");
    }
  });
});

describe("failed runs: one line, exit status 1", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-conventions-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a missing checkpoint is named, and nothing starts before it is found", async () => {
    const missing = join(dir, "no-such-checkpoint");
    const runDir = join(dir, "run");
    for (const args of [
      ["train", "--init", missing, "--out", runDir],
      ["sft", "--init", missing, "--out", join(dir, "sft")],
      ["logprobs", EXAMPLES, "--checkpoint", missing],
    ]) {
      const result = await rlvr(...args);
      assert.equal(result.code, 1, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(
        oneErrorLine(result),
        `rlvr: checkpoint not found: ${missing} (expected a directory with config.json and the weights: ` +
          "an `rlvr sft` or `rlvr train` output, or a Hugging Face Qwen2 download)",
      );
    }
    await assert.rejects(access(runDir), "train made its run directory before finding the checkpoint");
  });

  it("a missing input file is named", async () => {
    const missing = join(dir, "nothing-here.jsonl");
    const result = await rlvr("grade", missing);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(oneErrorLine(result), `rlvr: ${missing}: no such file or directory`);
  });

  it("a config file's bad values are one line each, naming the key, not zod's JSON", async () => {
    const config = join(dir, "bad.json");
    await writeFile(config, JSON.stringify({ steps: "many", optimizer: { lr: -1 } }));
    const result = await rlvr("train", "--config", config);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(result.stderr.trim().split("\n"), [
      "rlvr: invalid config:",
      "  steps: Invalid input: expected number, received string",
      "  optimizer.lr: Too small: expected number to be >0",
    ]);
  });

  it("an unreachable NATS server is named, with what to do", { skip: natsServerMissing }, async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const result = await rlvr("grade", EXAMPLES, "--via", "nats", "--nats-url", url);
    assert.equal(result.code, 1, result.stderr);
    const line = oneErrorLine(result);
    assert.ok(line.includes(`cannot connect to NATS at ${url.replace("nats://", "")}`), line);
    assert.match(line, /rlvr stack up.*--nats-url or NATS_URL/);
  });
});

describe("a NATS server without a grading service", { skip: natsServerMissing }, () => {
  let nats: TestProcess<RunningNatsServer>;
  before(async () => {
    nats = await startTestNats();
  });
  after(async () => {
    await nats?.stop();
  });

  it("the grading client gives up naming the server and what to do", async () => {
    const grader = await natsGrader({ connection: nats.url, totalTimeoutMs: 1_000 });
    try {
      const error = await grader.gradeMany([{ response: "\\boxed{1}", gold: "1" }]).catch((e: Error) => e);
      assert.ok(error instanceof GraderUnavailableError, String(error));
      assert.match(
        error.message,
        /^no reply to rlvr\.grade\.batch from NATS at 127\.0\.0\.1:\d+ within 1000 ms/,
      );
      assert.match(
        error.message,
        /last: no service listens on rlvr\.grade\.batch\): .*`rlvr stack up` starts one/,
      );
    } finally {
      await grader.close();
    }
  });
});

describe("a reader that stops early", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-epipe-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("ends the run quietly with status 0 (rlvr grade … | head -1)", async () => {
    // Megabytes of verdicts: far more than a pipe holds, so writing goes on after the reader has gone.
    const input = join(dir, "many.jsonl");
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ response: `\\boxed{${i}}`, gold: i }),
    );
    await writeFile(input, `${lines.join("\n")}\n`);
    const child = spawn(process.execPath, [RLVR, "grade", input, "--quiet", "--workers", "1"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let first = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        first += chunk.toString();
        if (first.includes("\n")) {
          child.stdout.destroy();
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(VerdictSchema.parse(JSON.parse(first.split("\n")[0]!)).correct, true);
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });
});

describe("--json", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-json-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("rlvr grade: one document with the summary and the verdicts, in the input's order", async () => {
    const inputLines = (await readFile(EXAMPLES, "utf8")).trim().split("\n").length;
    const result = await rlvr("grade", EXAMPLES, "--json", "--workers", "1");
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout);
    assert.equal(document.verdicts.length, inputLines);
    document.verdicts.forEach(({ line, ...verdict }: { line: number }, i: number) => {
      VerdictSchema.parse(verdict);
      assert.equal(line, i + 1);
    });
    const correct = document.verdicts.filter((v: { correct: boolean }) => v.correct).length;
    assert.equal(document.summary.graded, inputLines);
    assert.equal(document.summary.correct, correct);
    assert.equal(document.summary.accuracy, correct / inputLines);
    assert.doesNotMatch(result.stderr, /graded \d+ in/, "the summary is in the document, not on stderr");

    const output = join(dir, "verdicts.json");
    const toFile = await rlvr("grade", EXAMPLES, "--json", "--quiet", "--workers", "1", "-o", output);
    assert.equal(toFile.code, 0, toFile.stderr);
    assert.equal(toFile.stdout, "");
    assert.deepEqual(
      JSON.parse(await readFile(output, "utf8")).verdicts.map((v: { correct: boolean }) => v.correct),
      document.verdicts.map((v: { correct: boolean }) => v.correct),
    );
  });

  it("rlvr sft and rlvr train: the outcome as one document, progress on stderr", async () => {
    const sftConfig = join(dir, "sft.json");
    await writeFile(
      sftConfig,
      JSON.stringify({
        model: { config: MICRO_MODEL },
        task: { kind: "curriculum", trainSize: 50, testSize: 4, levels: [1] },
        steps: 1,
        batchSize: 4,
        eval: { k: 1, problems: 2, maxNewTokens: 4 },
      }),
    );
    const sftDir = join(dir, "sft");
    const sft = await rlvr(
      "sft",
      "--config",
      sftConfig,
      "--out",
      sftDir,
      "--json",
      ...ON_CPU_GRADING_LOCALLY,
    );
    assert.equal(sft.code, 0, sft.stderr);
    const sftOutcome = JSON.parse(sft.stdout);
    assert.equal(sftOutcome.steps, 1);
    assert.equal(sftOutcome.stopped, false);
    assert.equal(sftOutcome.outDir, sftDir);
    assert.ok(Number.isFinite(sftOutcome.finalLoss), sft.stdout);

    const runDir = join(dir, "run");
    const train = await rlvr(
      "train",
      "--init",
      sftDir,
      "--out",
      runDir,
      "--steps",
      "1",
      "--batch-prompts",
      "2",
      "--group-size",
      "2",
      "--mini-batch-prompts",
      "2",
      "--max-response-tokens",
      "4",
      "--eval-every",
      "0",
      "--levels",
      "1",
      "--json",
      ...ON_CPU_GRADING_LOCALLY,
    );
    assert.equal(train.code, 0, train.stderr);
    const outcome = JSON.parse(train.stdout);
    assert.equal(outcome.step, 1);
    assert.equal(outcome.stopped, false);
    assert.equal(outcome.runDir, runDir);
    assert.equal(outcome.lastCheckpoint, join(runDir, "checkpoints", "step-000001"));
    assert.equal(outcome.lastStep.step, 1);
    const logged = JSON.parse((await readFile(join(runDir, "metrics.jsonl"), "utf8")).trim());
    assert.equal(outcome.lastStep.meanReward, logged.meanReward);
  });

  it("rlvr train refuses --json with --dry-run, whose report is text", async () => {
    const result = await rlvr("train", "--dry-run", "--json");
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneErrorLine(result), /'--json' cannot be used with option '--dry-run'/);
  });

  it("rlvr repro: the outcome, the tables and the report's paths as one document", async () => {
    // --report-only renders the committed reproduction's summary again: no training needed.
    const reportDir = join(dir, "repro");
    await mkdir(reportDir);
    const summaryFile = join(PROJECT_ROOT, "docs", "results", "repro", "summary.json");
    await copyFile(summaryFile, join(reportDir, "summary.json"));
    const summary = JSON.parse(await readFile(summaryFile, "utf8"));
    const result = await rlvr("repro", "--report-only", "--out", reportDir, "--json");
    assert.equal(result.code, 0, result.stderr);
    const outcome = JSON.parse(result.stdout);
    assert.equal(outcome.stopped, false);
    assert.deepEqual(outcome.outcome, summary.outcome);
    assert.deepEqual(outcome.table1, summary.table1);
    assert.equal(outcome.paths.html, join(reportDir, "report.html"));
    await access(outcome.paths.html);
  });

  it("rlvr stack check: the figures as one document", { skip: natsServerMissing }, async () => {
    const result = await rlvr("stack", "check", "--per-problem", "1", "--json");
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.http.graded, report.nats.graded);
    assert.equal(report.disagreements, 0);
    const all = report.labels.find((row: { benchmark: string }) => row.benchmark === "all");
    assert.equal(all.items, report.http.graded);
    assert.equal(all.acceptedCorrect, 1);
    assert.equal(all.rejectedWrong, 1);
  });
});
