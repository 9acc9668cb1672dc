/** `rlvr demo`: REAL on the built-in curriculum end to end (see learner/demo/run.ts). */
import { isAbsolute, join } from "node:path";
import { Command, Option } from "commander";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { dashboardOption, openDashboard } from "../../dashboard/option.ts";
import { runDemo } from "../../demo/run.ts";
import type { BackendName } from "../../train/backend.ts";
import {
  parseWithOverrides,
  readJsonConfig,
  type TrainConfig,
  TrainConfigSchema,
} from "../../train/config.ts";
import { backendOption } from "../options/learner-options.ts";
import { nonNegativeInt, positiveInt } from "../options/values.ts";

/** The demo's recipe: the RL config, whose `model.checkpoint` is the shipped warm start. */
export const DEMO_RECIPE = join("learner", "train", "configs", "demo.json");
/** Pass@1 over this many samples per problem, as in the paper. */
const EVAL_SAMPLES = 16;

/** `--quick`: the whole pipeline at the smallest sizes, for a smoke test. */
const QUICK = {
  overrides: {
    steps: 4,
    batchPrompts: 4,
    groupSize: 4,
    miniBatchPrompts: 2,
    "eval.every": 2,
    "eval.k": 2,
    "eval.problems": 10,
  },
  problemsPerFamily: 2,
};

interface DemoFlags {
  out: string;
  config: string;
  steps?: number;
  seed?: number;
  evalProblems: number;
  natsUrl?: string;
  quick?: boolean;
  backend: BackendName;
  dashboard?: number;
}

export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "train a tiny policy with REAL on the built-in curriculum and compare Pass@1 before and after: " +
        "starts nats-server, the grading and the evaluation services, and stops them at the end",
    )
    .option(
      "--out <dir>",
      "where summary.json, report.html, report.md, the training run and the services' logs go",
      join("runs", "demo", new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)),
    )
    .option(
      "--config <file>",
      "the RL recipe (a `rlvr train` config; a relative model.checkpoint is read from the project folder)",
      join(PROJECT_ROOT, DEMO_RECIPE),
    )
    .addOption(new Option("--steps <n>", "training steps (default: the recipe's)").argParser(positiveInt))
    .addOption(
      new Option("--seed <n>", "seed of training, of the held-out problems and of sampling").argParser(
        nonNegativeInt,
      ),
    )
    .addOption(
      new Option("--eval-problems <n>", "held-out problems per task family")
        .argParser(positiveInt)
        .default(40),
    )
    .addOption(new Option("--nats-url <url>", "use this NATS server (JetStream on) instead of starting one"))
    .option("--quick", "a smoke test: 4 small steps, 2 held-out problems per family (about a minute)")
    .addOption(backendOption())
    .addOption(dashboardOption())
    .action(async (flags: DemoFlags) => {
      const config = await demoConfig(flags);
      const dashboard = await openDashboard("rlvr demo", flags.dashboard);
      const outcome = await runDemo({
        out: flags.out,
        recipe: flags.config,
        config,
        evaluation: {
          k: EVAL_SAMPLES,
          problemsPerFamily: flags.quick ? QUICK.problemsPerFamily : flags.evalProblems,
          temperature: config.eval.temperature,
          maxNewTokens: config.maxResponseTokens,
          seed: config.seed,
        },
        natsUrl: flags.natsUrl,
        backend: flags.backend,
        quick: flags.quick ?? false,
        command: ["rlvr", ...process.argv.slice(2)].join(" "),
        dashboard,
      }).finally(() => dashboard?.close());
      if (outcome.interrupted) {
        console.error(`interrupted: everything the demo started is stopped; partial outputs in ${flags.out}`);
        process.exitCode = 130;
        return;
      }
      const { summary, table, files } = outcome;
      console.log(
        `\nPass@1 over k = ${summary.evaluation.k} samples per problem, before and after ` +
          `${summary.config.steps} steps of ${summary.config.loss} (${(summary.seconds.total / 60).toFixed(1)} min in all):\n`,
      );
      console.log(table);
      console.log(`\n${files.join("\n")}`);
    });
}

async function demoConfig(flags: DemoFlags): Promise<TrainConfig> {
  const recipe = await readJsonConfig(flags.config);
  const config = parseWithOverrides(TrainConfigSchema, recipe, {
    ...(flags.quick ? QUICK.overrides : {}),
    ...(flags.steps !== undefined && { steps: flags.steps }),
    seed: flags.seed,
  });
  if ("checkpoint" in config.model && !isAbsolute(config.model.checkpoint)) {
    config.model = { checkpoint: join(PROJECT_ROOT, config.model.checkpoint) };
  }
  return config;
}
