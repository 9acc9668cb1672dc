/**
 * `rlvr eval`: Pass@1 over k samples per problem (and pass@k, maj@k) for a samples file, per
 * benchmark and averaged, with JSON, Markdown and HTML reports. The file may be this project's
 * (`rlvr generate`'s) or another harness's output (vLLM scripts, lighteval details, Qwen2.5-Math).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, Option } from "commander";
import { DEFAULT_K, type Sample } from "../../../shared/contracts/evaluation.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import { type ProblemSet, readRecords } from "../../../shared/datasets/problems.ts";
import { resolveProblemSets } from "../../../shared/datasets/resolve.ts";
import { type Evaluation, evaluateSamples } from "../../../shared/evaluation/evaluate.ts";
import type { SampleLine } from "../../../shared/evaluation/formats/formats.ts";
import {
  SAMPLES_FORMAT_NAMES,
  type SamplesFormatName,
} from "../../../shared/evaluation/formats/prompt-record.ts";
import { runEvaluationJob } from "../../../shared/evaluation/jobs/client.ts";
import { assertComplete, matchSamples, SamplesError } from "../../../shared/evaluation/samples.ts";
import {
  onlyBenchmark,
  type SamplesFile,
  samplesFromLines,
} from "../../../shared/evaluation/samples-file.ts";
import { connectNats } from "../../../shared/nats/connection.ts";
import { NATS_OUTAGE_LIMIT_MS } from "../../../shared/nats/outages.ts";
import {
  evaluationHtml,
  evaluationMarkdown,
  partialWarnings,
} from "../../../shared/reports/evaluation-report.ts";
import { addGraderFlags, type GraderFlags, gradeOptionsFromFlags, openGrader } from "../grader-options.ts";
import { printJson } from "../io/json-document.ts";
import { readJsonl } from "../io/jsonl.ts";
import { positiveInt } from "../options/values.ts";
import { progressBar } from "../ui/progress.ts";

interface EvalFlags extends GraderFlags {
  data: string[];
  format: SamplesFormatName | "auto";
  benchmark?: string;
  json?: boolean;
  k: number;
  out: string;
  title: string;
  allowPartial?: boolean;
  idField?: string;
  problemField?: string;
  answerField?: string;
}

export function evalCommand(): Command {
  const command = new Command("eval")
    .description(
      "score a samples file (rlvr generate's, or vLLM, lighteval or Qwen2.5-Math output) against its problems",
    )
    .argument("<samples>", "samples file (.jsonl, or .parquet), or - for JSON Lines on stdin")
    .addOption(
      new Option("--format <name>", "the samples file's format (auto: recognised from its first line)")
        .choices(["auto", ...SAMPLES_FORMAT_NAMES])
        .default("auto"),
    )
    .option("--benchmark <name>", "the file answers this one problem set (of --data) only")
    .addOption(
      new Option(
        "--data <path...>",
        "problem sets: the data root, a folder of .jsonl/.parquet files, or files",
      ).default([join(defaultDataDir(), "benchmarks")]),
    )
    .addOption(new Option("--k <n>", "samples per problem").argParser(positiveInt).default(DEFAULT_K))
    .option(
      "--out <dir>",
      "where result.json, report.md and report.html go",
      join("runs", "eval", timestamp()),
    )
    .option("--title <text>", "report title", "Evaluation")
    .option(
      "--allow-partial",
      "score what there is when samples are missing (default: refuse); every output says it is partial",
    )
    .option("--json", "print the result (result.json's content) on stdout, and nothing else")
    .option("--id-field <path>", "field holding a problem's id in your data (dotted path)")
    .option("--problem-field <path>", "field holding the problem text (e.g. prompt.-1.content)")
    .option("--answer-field <path>", "field holding the gold answer (e.g. reward_model.ground_truth)");
  addGraderFlags(command).action(async (samplesPath: string, flags: EvalFlags) => {
    const data = await resolveProblemSets(flags.data, {
      id: flags.idField,
      problem: flags.problemField,
      answer: flags.answerField,
    });
    const sets = flags.benchmark === undefined ? data : onlyBenchmark(data, flags.benchmark);
    const file = samplesFromLines(await readSampleLines(samplesPath), sets, {
      format: flags.format,
      benchmark: flags.benchmark === undefined ? undefined : sets[0]!.name,
      source: samplesPath,
    });
    const samples = usableSamples(file, samplesPath, flags.allowPartial ?? false);
    const { result, report } = await (flags.via === "nats"
      ? evaluateAsJob(sets, samples, flags)
      : evaluateHere(sets, samples, flags)
    ).catch((error: unknown) => {
      throw error instanceof SamplesError ? withWaysOn(error, sets) : error;
    });
    if (report.surplus > 0)
      console.error(`note: ${report.surplus} samples beyond the first k = ${flags.k} were left out`);
    const warnings = partialWarnings(result);
    if (warnings.length > 0) console.error(`warning: partial evaluation: ${warnings.join(" ")}`);
    const output = { ...result, samplesReport: report, format: file.format.name };
    await mkdir(flags.out, { recursive: true });
    const markdown = evaluationMarkdown(result, flags.title);
    await writeFile(join(flags.out, "result.json"), `${JSON.stringify(output, null, 2)}\n`);
    await writeFile(join(flags.out, "report.md"), markdown);
    await writeFile(join(flags.out, "report.html"), evaluationHtml(result, flags.title));
    const reports = `reports: ${join(flags.out, "report.md")}, ${join(flags.out, "report.html")}, ${join(flags.out, "result.json")}`;
    if (flags.json) {
      console.error(reports);
      printJson(output);
    } else {
      console.log(markdown);
      console.log(reports);
    }
  });
  return command;
}

/**
 * The samples a file's lines identified, after saying on stderr how its format and problems were
 * told; lines that name no problem refuse the file unless partial evaluations are allowed.
 */
function usableSamples(file: SamplesFile, path: string, allowPartial: boolean): Sample[] {
  const { format } = file;
  if (file.detected)
    console.error(`${path}: ${format.name} format (recognised from its first line; --format names another)`);
  if (format.name !== "rlvr") {
    const notFound =
      file.questionNotFound > 0
        ? `; ${file.questionNotFound} lines' question text matched no single problem`
        : "";
    console.error(
      `problems identified: ${file.byQuestion} lines by question text, ${file.byId} by id${notFound}`,
    );
  }
  if (file.unmatched.length > 0) {
    const listed = file.unmatched
      .slice(0, 5)
      .map((u) => `line ${u.line}: ${u.reason}`)
      .join("; ");
    const more = file.unmatched.length > 5 ? `; … (${file.unmatched.length})` : "";
    if (!allowPartial) {
      throw new Error(
        `${path}: ${listed}${more}. Name the problem set with --benchmark, or leave such lines out with --allow-partial`,
      );
    }
    console.error(`warning: left out: ${listed}${more}`);
  }
  if (file.samples.length === 0) throw new Error(`${path}: no line names a problem of the problem sets`);
  return file.samples;
}

/** Grades here (in-process pool, or a grading service over HTTP) and scores here. */
async function evaluateHere(sets: ProblemSet[], samples: Sample[], flags: EvalFlags): Promise<Evaluation> {
  const grader = await openGrader(flags);
  const bar = progressBar(`grading via ${flags.via}`, samples.length);
  let done = 0;
  try {
    const evaluation = await evaluateSamples(sets, samples, {
      k: flags.k,
      grader,
      gradeOptions: gradeOptionsFromFlags(flags),
      allowPartial: flags.allowPartial,
      onProgress: (graded) => {
        bar.tick(graded - done);
        done = graded;
      },
    });
    bar.done();
    return evaluation;
  } finally {
    await grader.close();
  }
}

/** Submits a durable job to the evaluation service over NATS and follows it to the end. */
async function evaluateAsJob(sets: ProblemSet[], samples: Sample[], flags: EvalFlags): Promise<Evaluation> {
  // Validate locally first: a job that cannot fit its problems should fail here, not in a queue.
  const { report } = matchSamples(sets, samples, flags.k);
  if (!flags.allowPartial) assertComplete(report, flags.k);
  const nc = await connectNats(flags.natsUrl, "rlvr-eval-cli");
  const bar = progressBar("evaluating via nats", samples.length);
  let done = 0;
  try {
    const result = await runEvaluationJob(
      nc,
      {
        // Only the golds travel: the evaluator needs no problem text.
        problemSets: sets.map((s) => ({
          name: s.name,
          problems: s.problems.map((p) => ({ ...p, problem: "" })),
        })),
        k: flags.k,
        gradeOptions: gradeOptionsFromFlags(flags),
        allowPartial: flags.allowPartial ?? false,
        title: flags.title,
      },
      samples,
      {
        onSubmitted: (id) => console.error(`submitted evaluation job ${id}`),
        onNatsOutage: (error) =>
          console.error(
            `\nNATS is not answering (${error.message}); waiting up to ${NATS_OUTAGE_LIMIT_MS / 1000} s for it (the job goes on)`,
          ),
        onProgress: (graded) => {
          if (graded > done) {
            bar.tick(graded - done);
            done = graded;
          }
        },
      },
    );
    bar.done();
    return { result, report };
  } finally {
    await nc.close();
  }
}

/**
 * A refusal of samples that do not cover the problems k times, with the flags that go on from it:
 * those that make the evaluation complete when some do, and --allow-partial.
 */
function withWaysOn(error: SamplesError, sets: ProblemSet[]): Error {
  const { unanswered, missing, extra, short, found } = error.report;
  const answered = sets.map((s) => s.name).filter((name) => !unanswered.includes(name));
  const complete: string[] = [];
  if (unanswered.length > 0) {
    complete.push(
      answered.length === 1
        ? `--benchmark ${answered[0]}`
        : `--data with the files of ${answered.join(", ")}`,
    );
  }
  if (short.length > 0) complete.push(`--k ${found.min}`);
  const ways =
    missing.length === 0 && extra.length === 0 && complete.length > 0
      ? [`${complete.join(" ")} (scores what the samples answer in full)`]
      : [];
  ways.push("--allow-partial (scores what there is; every output then says it is partial)");
  return new Error(`${error.message}\n  to go on, add ${ways.join(", or ")}`);
}

/** The file's lines: JSON Lines (streamed, `-` for stdin) or Parquet rows (lighteval's details, verl's outputs). */
async function readSampleLines(path: string): Promise<SampleLine[]> {
  if (path.endsWith(".parquet")) return (await readRecords(path)).map((value, i) => ({ line: i + 1, value }));
  const lines: SampleLine[] = [];
  for await (const line of readJsonl(path)) lines.push(line);
  return lines;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
}
