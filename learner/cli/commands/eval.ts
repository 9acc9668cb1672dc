/**
 * `rlvr eval`: Pass@1 over k samples per problem (and pass@k, maj@k) for a samples file, per
 * benchmark and averaged, with JSON, Markdown and HTML reports.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, Option } from "commander";
import { type Sample, SampleSchema } from "../../../shared/contracts/evaluation.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import type { ProblemSet } from "../../../shared/datasets/problems.ts";
import { resolveProblemSets } from "../../../shared/datasets/resolve.ts";
import { type Evaluation, evaluateSamples } from "../../../shared/evaluation/evaluate.ts";
import { runEvaluationJob } from "../../../shared/evaluation/jobs/client.ts";
import { assertComplete, matchSamples } from "../../../shared/evaluation/samples.ts";
import { connectNats } from "../../../shared/nats/connection.ts";
import { NATS_OUTAGE_LIMIT_MS } from "../../../shared/nats/outages.ts";
import { evaluationHtml, evaluationMarkdown } from "../../../shared/reports/evaluation-report.ts";
import {
  addGraderFlags,
  type GraderFlags,
  gradeOptionsFromFlags,
  openGrader,
  positiveInt,
} from "../grader-options.ts";
import { readJsonl } from "../io/jsonl.ts";
import { progressBar } from "../ui/progress.ts";

interface EvalFlags extends GraderFlags {
  data: string[];
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
      "score a samples file (JSONL: benchmark, problem_id or index, sample, response) against its problems",
    )
    .argument("<samples>", "samples JSONL file, or - for stdin")
    .addOption(
      new Option(
        "--data <path...>",
        "problem sets: the data root, a folder of .jsonl/.parquet files, or files",
      ).default([join(defaultDataDir(), "benchmarks")]),
    )
    .addOption(new Option("--k <n>", "samples per problem").argParser(positiveInt).default(16))
    .option(
      "--out <dir>",
      "where result.json, report.md and report.html go",
      join("runs", "eval", timestamp()),
    )
    .option("--title <text>", "report title", "Evaluation")
    .option("--allow-partial", "score what there is when samples are missing (default: refuse)")
    .option("--id-field <path>", "field holding a problem's id in your data (dotted path)")
    .option("--problem-field <path>", "field holding the problem text (e.g. prompt.-1.content)")
    .option("--answer-field <path>", "field holding the gold answer (e.g. reward_model.ground_truth)");
  addGraderFlags(command).action(async (samplesPath: string, flags: EvalFlags) => {
    const sets = await resolveProblemSets(flags.data, {
      id: flags.idField,
      problem: flags.problemField,
      answer: flags.answerField,
    });
    const samples = await readSamples(samplesPath);
    const { result, report } =
      flags.via === "nats"
        ? await evaluateAsJob(sets, samples, flags)
        : await evaluateHere(sets, samples, flags);
    if (report.surplus > 0)
      console.error(`note: ${report.surplus} samples beyond the first k = ${flags.k} were left out`);
    await mkdir(flags.out, { recursive: true });
    const markdown = evaluationMarkdown(result, flags.title);
    await writeFile(
      join(flags.out, "result.json"),
      `${JSON.stringify({ ...result, samplesReport: report }, null, 2)}\n`,
    );
    await writeFile(join(flags.out, "report.md"), markdown);
    await writeFile(join(flags.out, "report.html"), evaluationHtml(result, flags.title));
    console.log(markdown);
    console.log(
      `reports: ${join(flags.out, "report.md")}, ${join(flags.out, "report.html")}, ${join(flags.out, "result.json")}`,
    );
  });
  return command;
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

async function readSamples(path: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  const problems: string[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const parsed = SampleSchema.safeParse(value);
    if (parsed.success) samples.push(parsed.data);
    else
      problems.push(
        `${path}:${line}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
  }
  if (problems.length > 0) {
    throw new Error(`${problems.length} invalid sample line(s):\n  ${problems.slice(0, 10).join("\n  ")}`);
  }
  if (samples.length === 0) throw new Error(`${path} holds no samples`);
  return samples;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
}
