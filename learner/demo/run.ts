/**
 * The demo, start to end: the stack (nats-server unless one is given, a grader, the evaluation
 * service), Pass@1 before training through the evaluation service, REAL training with rewards from
 * the grader over NATS, Pass@1 after, then the table, `summary.json` and the HTML report. Everything
 * it started is stopped, on Ctrl-C too.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { basename, join } from "node:path";
import type { NatsConnection } from "@nats-io/transport-node";
import { type RunningStack, startStack } from "../../infra/stack/stack.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import type { EvaluationResult } from "../../shared/contracts/evaluation.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { progressBar } from "../cli/ui/progress.ts";
import type { Dashboard } from "../dashboard/server.ts";
import { disposeParams } from "../model/params.ts";
import { readMetrics } from "../repro/run-files.ts";
import { type BackendName, selectBackend } from "../train/backend.ts";
import type { ModelSource, TrainConfig } from "../train/config.ts";
import { curriculumTestSetsByKind } from "../train/data.ts";
import { stopOnSigint } from "../train/interrupt.ts";
import { loadPolicy } from "../train/load-policy.ts";
import { trainRl } from "../train/rl.ts";
import { comparePass1, comparisonTable, describeProblemCounts } from "./comparison.ts";
import { demoReportHtml } from "./report.ts";
import { evaluateThroughService } from "./service-evaluation.ts";
import { type DemoSummary, DemoSummarySchema } from "./summary.ts";

export interface DemoOptions {
  out: string;
  /** The recipe's file, for the record; `config` is what runs. */
  recipe: string;
  config: TrainConfig;
  evaluation: DemoSummary["evaluation"];
  /** A running NATS server to use instead of starting one. */
  natsUrl?: string;
  backend: BackendName;
  quick: boolean;
  command: string;
  /** Live charts of the training (`--dashboard`), and the outputs at the end. */
  dashboard?: Dashboard;
}

export type DemoOutcome =
  | { interrupted: false; summary: DemoSummary; table: string; files: string[] }
  | { interrupted: true };

/** Progress and phase lines go to stderr; the table and the file names are the caller's to print. */
const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;

export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const { config, evaluation } = options;
  if (config.task.kind !== "curriculum") throw new Error("the demo trains on the built-in curriculum");
  const started = performance.now();
  const backend = await selectBackend(options.backend);
  await mkdir(options.out, { recursive: true });
  let nc: NatsConnection | undefined;
  // Ctrl-C reaches the services too, so requests still waiting on them are given up at once.
  const stop = stopOnSigint("stopping the demo and everything it started", () => void nc?.close());
  let stack: RunningStack | undefined;
  const time = { stack: 0, before: 0, training: 0, after: 0 };
  let results: { before: EvaluationResult; after: EvaluationResult } | undefined;
  try {
    let phaseStarted = performance.now();
    say(`[1/4] starting ${options.natsUrl ? "" : "nats-server, "}the grading and the evaluation services…`);
    stack = await startStack({ stateDir: join(options.out, "stack"), natsUrl: options.natsUrl });
    nc = await connectNats(stack.natsUrl, "rlvr-demo", { credentialsFile: stack.credentialsFile });
    time.stack = seconds(phaseStarted);
    if (stop.requested()) return { interrupted: true };
    const sets = curriculumTestSetsByKind(
      evaluation.problemsPerFamily,
      evaluation.seed,
      config.task.levels,
      config.task.kinds,
    );
    const evaluate = async (model: ModelSource, when: string) => {
      say(`Pass@1 ${when} training: ${evaluation.k} samples per problem, ${describeSets(sets)}`);
      return evaluatePolicy(nc!, model, config, sets, evaluation, when);
    };

    phaseStarted = performance.now();
    say("[2/4] evaluating the warm start through the evaluation service");
    const before = await evaluate(config.model, "before");
    time.before = seconds(phaseStarted);
    if (stop.requested()) return { interrupted: true };

    phaseStarted = performance.now();
    say(`[3/4] training with ${config.loss}: ${config.steps} steps, rewards from the grader over NATS`);
    const grader = await natsGrader({ connection: nc });
    const bar = progressBar("train", config.steps);
    options.dashboard?.addRun(config.loss, `${config.loss}, seed ${config.seed}`);
    const training = await trainRl(config, {
      runDir: join(options.out, "train"),
      grader,
      shouldStop: stop.requested,
      onStep: (m) => {
        options.dashboard?.step(config.loss, m);
        const val = m.valPass1 === undefined ? "" : ` val@1 ${m.valPass1.toFixed(3)}`;
        bar.tick(1, `reward ${m.meanReward.toFixed(3)} entropy ${m.entropy.toFixed(3)}${val}`);
      },
    });
    bar.done();
    time.training = seconds(phaseStarted);
    if (training.stopped || !training.lastCheckpoint) return { interrupted: true };

    phaseStarted = performance.now();
    say("[4/4] evaluating the trained policy through the evaluation service");
    const after = await evaluate({ checkpoint: training.lastCheckpoint }, "after");
    time.after = seconds(phaseStarted);
    results = { before, after };
  } catch (error) {
    if (!stop.requested()) throw error;
  } finally {
    await nc?.close().catch(() => {});
    if (stack) {
      say("stopping the services…");
      await stack.stop();
    }
    stop.dispose();
  }
  if (!results) return { interrupted: true };

  const comparison = comparePass1(results.before, results.after);
  const summary = DemoSummarySchema.parse({
    command: options.command,
    quick: options.quick,
    recipe: options.recipe,
    warmStart: describeModel(config.model),
    config,
    evaluation,
    ...results,
    comparison,
    seconds: { ...time, total: seconds(started) },
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", backend, node: process.version },
    processes: stackProcesses(stack!),
  });
  const table = comparisonTable(comparison);
  const files = await writeOutputs(options.out, summary, table);
  options.dashboard?.finish(files.map((path) => ({ label: basename(path), path })));
  return { interrupted: false, summary, table, files };
}

async function evaluatePolicy(
  nc: NatsConnection,
  model: ModelSource,
  config: TrainConfig,
  sets: readonly ProblemSet[],
  evaluation: DemoSummary["evaluation"],
  when: string,
): Promise<EvaluationResult> {
  const { policy } = await loadPolicy(model, config.tokenizer, config.seed);
  const problems = sets.reduce((n, s) => n + s.problems.length, 0);
  const sampling = progressBar(`sampling ${when}`, problems);
  let grading: ReturnType<typeof progressBar> | undefined;
  let sampled = 0;
  let graded = 0;
  try {
    const result = await evaluateThroughService(nc, policy, sets, {
      ...evaluation,
      title: `Pass@1 ${when} training`,
      onSampled: (done) => {
        sampling.tick(done - sampled);
        sampled = done;
        if (done === problems) sampling.done();
      },
      onGraded: (done) => {
        grading ??= progressBar(`grading ${when} `, problems * evaluation.k);
        if (done <= graded) return;
        grading.tick(done - graded);
        graded = done;
      },
    });
    grading?.done();
    return result;
  } finally {
    disposeParams(policy.model.params);
  }
}

function describeSets(sets: readonly ProblemSet[]): string {
  return sets.map((s) => `${s.problems.length} ${s.name}`).join(", ");
}

function describeModel(model: ModelSource): string {
  if ("checkpoint" in model) return model.checkpoint;
  return "preset" in model ? `fresh ${model.preset} weights` : "fresh weights";
}

function stackProcesses(stack: RunningStack): DemoSummary["processes"] {
  return [
    ...stack.natsServers.map((s) => s.process),
    ...stack.graders.map((g) => g.process),
    ...(stack.evaluator ? [stack.evaluator.process] : []),
  ].map((p) => ({ name: p.name, pid: p.pid }));
}

async function writeOutputs(out: string, summary: DemoSummary, table: string): Promise<string[]> {
  const files = {
    summary: join(out, "summary.json"),
    report: join(out, "report.html"),
    table: join(out, "report.md"),
  };
  const metrics = await readMetrics(join(out, "train"));
  await writeFile(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(files.report, demoReportHtml(summary, metrics));
  await writeFile(
    files.table,
    `# rlvr demo\n\nPass@1 over k = ${summary.evaluation.k} samples per problem, ` +
      `${describeProblemCounts(summary.before)}.\n\n${table}\n`,
  );
  return Object.values(files);
}
