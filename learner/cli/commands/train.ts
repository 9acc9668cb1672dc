/** `rlvr train`: RL with verifiable rewards (Algorithm 1) from a config file and flags. */
import { Command, Option } from "commander";
import { SAVE_FORMATS, type SaveFormat } from "../../model/checkpoint.ts";
import { objectiveNames } from "../../objectives/index.ts";
import { BACKEND_NAMES, type BackendName, selectBackend } from "../../train/backend.ts";
import {
  parseWithOverrides,
  readJsonConfig,
  type TrainConfig,
  TrainConfigSchema,
} from "../../train/config.ts";
import { dryRun, modelConfigOf } from "../../train/dry-run.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import { trainRl } from "../../train/rl.ts";
import { addGraderFlags, type GraderFlags, openGrader, positiveInt } from "../grader-options.ts";
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
  dryRun?: boolean;
  promptTokens: number;
}

export function trainCommand(): Command {
  const command = new Command("train")
    .description("RL training (REAL by default): sample, grade, update by mini-batches; metrics to JSONL")
    .option("--config <file>", "JSON config (learner/train/configs/tiny.json, paper.json); flags override it")
    .option("--out <dir>", "run directory: metrics.jsonl, config.json, checkpoints/", "runs/train")
    .option("--resume", "continue the run in --out from its newest checkpoint (--steps may extend it)")
    .option("--init <checkpoint>", "start from these weights (e.g. an `rlvr sft` output)")
    .addOption(backendOption())
    .addOption(intOption("--seed <n>", "seed of sampling, data order and fresh weights"))
    .addOption(intOption("--steps <n>", "training steps"))
    .addOption(intOption("--batch-prompts <n>", "B: prompts per step"))
    .addOption(intOption("--group-size <n>", "G: rollouts per prompt"))
    .addOption(intOption("--mini-batch-prompts <n>", "prompts per mini-batch (one update each)"))
    .addOption(
      intOption("--micro-batch <n>", "rollouts per forward/backward pass, gradients summed (bounds memory)"),
    )
    .addOption(intOption("--max-response-tokens <n>", "response length limit"))
    .addOption(floatOption("--temperature <t>", "sampling temperature (log-probs are taken at it too)"))
    .addOption(new Option("--loss <name>", "objective").choices(objectiveNames))
    .addOption(floatOption("--tau <t>", "REAL score temperature"))
    .addOption(floatOption("--kl-beta <b>", "add a k3 KL term with this weight"))
    .addOption(
      new Option("--kl-against <model>", "KL target").choices(["reference", "old"]).default("reference"),
    )
    .option("--no-kl", "no KL term (turns off GRPO's default)")
    .option("--dynamic-sampling", "DAPO dynamic sampling: keep mixed groups, sample until the batch is full")
    .addOption(floatOption("--lr <x>", "peak learning rate"))
    .addOption(intOption("--eval-every <n>", "validation Pass@1 every n steps (0: never)", true))
    .addOption(intOption("--eval-k <n>", "samples per held-out problem"))
    .addOption(intOption("--eval-problems <n>", "held-out problems evaluated"))
    .addOption(intOption("--checkpoint-every <n>", "checkpoint every n steps (0: only at the end)", true))
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
      intOption("--prompt-tokens <n>", "the longest prompt --dry-run assumes, in tokens").default(512),
    );
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
    if (flags.dryRun) return printDryRun(config, flags.backend, flags.promptTokens);
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(graderFlags(command, flags));
    const stop = stopOnSigint("stopping after this step and saving a checkpoint");
    let bar: ReturnType<typeof progressBar> | undefined;
    try {
      console.error(
        `backend ${backend}, grading via ${graderFlags(command, flags).via}, run in ${flags.out}`,
      );
      const result = await trainRl(config, {
        runDir: flags.out,
        grader,
        resume: flags.resume,
        shouldStop: stop.requested,
        onStep: (m, total) => {
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
      console.log(
        `${result.stopped ? "stopped" : "finished"} at step ${result.step}; checkpoint ${result.lastCheckpoint ?? "none"}`,
      );
    } finally {
      stop.dispose();
      await grader.close();
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

/** Grading over NATS when NATS_URL is set and no transport was named, else as the flags say. */
export function graderFlags(command: Command, flags: GraderFlags): GraderFlags {
  const named = command.getOptionValueSource("via") !== "default";
  return !named && process.env.NATS_URL ? { ...flags, via: "nats", natsUrl: process.env.NATS_URL } : flags;
}

export function backendOption(): Option {
  return new Option(
    "--backend <name>",
    "tfjs backend (auto: tensorflow, else wasm, else cpu; a named one that cannot start is an error)",
  )
    .choices(BACKEND_NAMES)
    .default("auto");
}

export function intOption(flags: string, description: string, allowZero = false): Option {
  return new Option(flags, description).argParser(allowZero ? nonNegativeInt : positiveInt);
}

export function floatOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((v) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`expected a number, got ${v}`);
    return n;
  });
}

export function levelsOption(): Option {
  return new Option("--levels <list>", "curriculum difficulty levels, e.g. 1,2").argParser((v) =>
    v.split(",").map((s) => positiveInt(s.trim())),
  );
}

/** The config's curriculum task (or the default one) restricted to `levels`. */
export function withLevels(base: unknown, levels: number[]): unknown {
  const task = (base as { task?: object } | null)?.task ?? { kind: "curriculum" };
  return { ...task, levels };
}

function nonNegativeInt(value: string): number {
  return value === "0" ? 0 : positiveInt(value);
}
