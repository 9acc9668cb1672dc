/** `rlvr train`: RL with verifiable rewards (Algorithm 1) from a config file and flags. */
import { join } from "node:path";
import { Command, Option } from "commander";
import { dashboardOption, openDashboard } from "../../dashboard/option.ts";
import type { Dashboard } from "../../dashboard/server.ts";
import { readCheckpointConfig, SAVE_FORMATS, type SaveFormat } from "../../model/checkpoint.ts";
import { objectiveNames } from "../../objectives/index.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import {
  parseWithOverrides,
  readJsonConfig,
  type TrainConfig,
  TrainConfigSchema,
} from "../../train/config.ts";
import { dryRun, modelConfigOf } from "../../train/dry-run.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import type { StepMetrics } from "../../train/metrics.ts";
import { METRICS_FILE, trainRl } from "../../train/rl.ts";
import { addGraderFlags, type GraderFlags, openGrader } from "../grader-options.ts";
import { printJson } from "../io/json-document.ts";
import { backendOption, learnerWorkersOption, levelsOption } from "../options/learner-options.ts";
import { nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from "../options/values.ts";
import { progressBar } from "../ui/progress.ts";

interface TrainFlags extends GraderFlags {
  config?: string;
  out: string;
  resume?: boolean;
  init?: string;
  backend: BackendName;
  seed?: number;
  steps?: number;
  batchPrompts?: number;
  groupSize?: number;
  miniBatchPrompts?: number;
  maxResponseTokens?: number;
  temperature?: number;
  loss?: string;
  tau?: number;
  klBeta?: number;
  klAgainst?: "reference" | "old";
  kl?: boolean;
  dynamicSampling?: boolean;
  lr?: number;
  evalEvery?: number;
  evalK?: number;
  evalProblems?: number;
  checkpointEvery?: number;
  levels?: number[];
  saveFormat?: SaveFormat;
  microBatch?: number;
  rolloutShardPrompts?: number;
  learnerWorkers: number;
  dryRun?: boolean;
  promptTokens: number;
  json?: boolean;
  dashboard?: number;
}

export function trainCommand(): Command {
  const command = new Command("train")
    .description("RL training (REAL by default): sample, grade, update by mini-batches; metrics to JSONL")
    .option("--config <file>", "JSON config (learner/train/configs/tiny.json, paper.json); flags override it")
    .option("--out <dir>", "run directory: metrics.jsonl, config.json, checkpoints/", "runs/train")
    .option("--resume", "continue the run in --out from its newest checkpoint (--steps may extend it)")
    .option("--init <checkpoint>", "start from these weights (e.g. an `rlvr sft` output)")
    .addOption(backendOption())
    .addOption(
      new Option("--seed <n>", "seed of sampling, data order and fresh weights").argParser(nonNegativeInt),
    )
    .addOption(new Option("--steps <n>", "training steps").argParser(positiveInt))
    .addOption(new Option("--batch-prompts <n>", "B: prompts per step").argParser(positiveInt))
    .addOption(new Option("--group-size <n>", "G: rollouts per prompt").argParser(positiveInt))
    .addOption(
      new Option("--mini-batch-prompts <n>", "prompts per mini-batch (one update each)").argParser(
        positiveInt,
      ),
    )
    .addOption(
      new Option(
        "--micro-batch <n>",
        "rollouts per forward/backward pass, gradients summed (bounds memory)",
      ).argParser(positiveInt),
    )
    .addOption(
      new Option(
        "--rollout-shard-prompts <n>",
        "sample rollouts in shards of n prompts, each on its own stream, spread over the learner workers",
      ).argParser(positiveInt),
    )
    .addOption(learnerWorkersOption())
    .addOption(new Option("--max-response-tokens <n>", "response length limit").argParser(positiveInt))
    .addOption(
      new Option("--temperature <t>", "sampling temperature (log-probs are taken at it too)").argParser(
        positiveNumber,
      ),
    )
    .addOption(new Option("--loss <name>", "objective").choices(objectiveNames))
    .addOption(new Option("--tau <t>", "REAL score temperature").argParser(positiveNumber))
    .addOption(new Option("--kl-beta <b>", "add a k3 KL term with this weight").argParser(nonNegativeNumber))
    .addOption(
      new Option("--kl-against <model>", "KL target").choices(["reference", "old"]).default("reference"),
    )
    .option("--no-kl", "no KL term (turns off GRPO's default)")
    .option("--dynamic-sampling", "DAPO dynamic sampling: keep mixed groups, sample until the batch is full")
    .addOption(new Option("--lr <x>", "peak learning rate").argParser(positiveNumber))
    .addOption(
      new Option("--eval-every <n>", "validation Pass@1 every n steps (0: never)").argParser(nonNegativeInt),
    )
    .addOption(new Option("--eval-k <n>", "samples per held-out problem").argParser(positiveInt))
    .addOption(new Option("--eval-problems <n>", "held-out problems evaluated").argParser(positiveInt))
    .addOption(
      new Option("--checkpoint-every <n>", "checkpoint every n steps (0: only at the end)").argParser(
        nonNegativeInt,
      ),
    )
    .addOption(
      new Option(
        "--save-format <layout>",
        "checkpoint layout (default: hf when --init or the config's model is a Hugging Face checkpoint, else rlvr)",
      ).choices(SAVE_FORMATS),
    )
    .addOption(levelsOption())
    .option(
      "--dry-run",
      "print the parameters and the memory a step needs per backend, refuse what cannot fit; train nothing",
    )
    .addOption(
      new Option("--prompt-tokens <n>", "the longest prompt --dry-run assumes, in tokens")
        .argParser(positiveInt)
        .default(512),
    )
    .addOption(
      new Option(
        "--json",
        "print the run's outcome as one JSON document on stdout (progress stays on stderr)",
      ).conflicts("dryRun"),
    )
    .addOption(dashboardOption());
  addGraderFlags(command, { natsWhenConfigured: true }).action(async (flags: TrainFlags) => {
    const base = flags.config ? await readJsonConfig(flags.config) : {};
    const config = parseWithOverrides(TrainConfigSchema, base, {
      ...(flags.init && { model: { checkpoint: flags.init } }),
      seed: flags.seed,
      steps: flags.steps,
      batchPrompts: flags.batchPrompts,
      groupSize: flags.groupSize,
      miniBatchPrompts: flags.miniBatchPrompts,
      microBatch: flags.microBatch,
      rolloutShardPrompts: flags.rolloutShardPrompts,
      maxResponseTokens: flags.maxResponseTokens,
      temperature: flags.temperature,
      loss: flags.loss,
      tau: flags.tau,
      kl:
        flags.kl === false
          ? null
          : flags.klBeta !== undefined
            ? { beta: flags.klBeta, against: flags.klAgainst }
            : undefined,
      "dynamicSampling.enabled": flags.dynamicSampling,
      "optimizer.lr": flags.lr,
      "eval.every": flags.evalEvery,
      "eval.k": flags.evalK,
      "eval.problems": flags.evalProblems,
      checkpointEvery: flags.checkpointEvery,
      saveFormat: flags.saveFormat,
      ...(flags.levels && { task: withLevels(base, flags.levels) }),
    });
    // A missing or broken checkpoint stops the run here, before a backend, a grader or the run directory.
    if ("checkpoint" in config.model) await readCheckpointConfig(config.model.checkpoint);
    if (flags.dryRun) return printDryRun(config, flags.backend, flags.promptTokens);
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(flags);
    const stop = stopOnSigint("stopping after this step and saving a checkpoint");
    let bar: ReturnType<typeof progressBar> | undefined;
    let lastStep: StepMetrics | undefined;
    let dashboard: Dashboard | undefined;
    try {
      dashboard = await openDashboard("rlvr train", flags.dashboard);
      dashboard?.addRun(flags.out, `${config.loss} · ${flags.out}`);
      console.error(`backend ${backend}, grading via ${flags.via}, run in ${flags.out}`);
      const result = await trainRl(config, {
        runDir: flags.out,
        workers: flags.learnerWorkers,
        grader,
        resume: flags.resume,
        shouldStop: stop.requested,
        onStep: (m, total) => {
          lastStep = m;
          dashboard?.step(flags.out, m);
          bar ??= progressBar("train", total - m.step + 1);
          const val = m.valPass1 === undefined ? "" : ` val@1 ${m.valPass1.toFixed(3)}`;
          if (val) console.error(`step ${m.step}:${val}`);
          bar.tick(
            1,
            `step ${m.step} reward ${m.meanReward.toFixed(3)} entropy ${m.entropy.toFixed(3)}${val}`,
          );
        },
      });
      bar?.done();
      dashboard?.finish(
        [METRICS_FILE, "config.json"].map((file) => ({ label: file, path: join(flags.out, file) })),
      );
      if (flags.json) {
        printJson({ ...result, runDir: flags.out, lastStep: lastStep ?? null });
      } else {
        console.log(
          `${result.stopped ? "stopped" : "finished"} at step ${result.step}; checkpoint ${result.lastCheckpoint ?? "none"}`,
        );
      }
    } finally {
      stop.dispose();
      await grader.close();
      await dashboard?.close();
    }
  });
  return command;
}

/**
 * The dry run's report on stdout; an error (exit code 1) when the step cannot fit the backend the
 * run would use: the named one, or the one `auto` starts on this machine.
 */
async function printDryRun(config: TrainConfig, choice: BackendName, promptTokens: number): Promise<void> {
  const model = await modelConfigOf(config.model);
  const backend = choice === "auto" ? await selectBackend("auto") : choice;
  const { lines, refusal } = dryRun(model, config, backend, promptTokens);
  console.log(lines.join("\n"));
  if (refusal) throw new Error(refusal);
  console.log(`the step fits the ${backend} backend`);
}

/** The config's curriculum task (or the default one) restricted to `levels`. */
export function withLevels(base: unknown, levels: number[]): unknown {
  const task = (base as { task?: object } | null)?.task ?? { kind: "curriculum" };
  return { ...task, levels };
}
