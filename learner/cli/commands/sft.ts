/** `rlvr sft`: the supervised warm start that teaches a fresh model the answer format. */
import { Command, Option } from "commander";
import { readCheckpointConfig } from "../../model/checkpoint.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { parseWithOverrides, readJsonConfig } from "../../train/config.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import { SftConfigSchema, trainSft } from "../../train/sft.ts";
import { addGraderFlags, type GraderFlags, openGrader } from "../grader-options.ts";
import { printJson } from "../io/json-document.ts";
import { backendOption, levelsOption } from "../options/learner-options.ts";
import { nonNegativeInt, positiveInt, positiveNumber, probability } from "../options/values.ts";
import { progressBar } from "../ui/progress.ts";
import { withLevels } from "./train.ts";

interface SftFlags extends GraderFlags {
  config?: string;
  out: string;
  backend: BackendName;
  seed?: number;
  steps?: number;
  batch?: number;
  microBatch?: number;
  lr?: number;
  init?: string;
  wrongAnswerShare?: number;
  evalK?: number;
  evalProblems?: number;
  evalEvery?: number;
  levels?: number[];
  json?: boolean;
}

export function sftCommand(): Command {
  const command = new Command("sft")
    .description("supervised warm start on the built-in curriculum: learn `step \\boxed{answer}` + EOS")
    .option("--config <file>", "JSON config (learner/train/configs/sft-tiny.json); flags override it")
    .option("--out <dir>", "checkpoint directory", "runs/sft")
    .addOption(backendOption())
    .addOption(new Option("--seed <n>", "seed of the weights and data order").argParser(nonNegativeInt))
    .addOption(
      new Option("--steps <n>", "optimizer steps (the cosine schedule follows)").argParser(positiveInt),
    )
    .addOption(new Option("--batch <n>", "sequences per step").argParser(positiveInt))
    .addOption(
      new Option(
        "--micro-batch <n>",
        "sequences per forward/backward pass, gradients summed (bounds memory)",
      ).argParser(positiveInt),
    )
    .addOption(new Option("--lr <x>", "peak learning rate").argParser(positiveNumber))
    .option("--init <checkpoint>", "start from these weights instead of fresh ones")
    .addOption(
      new Option(
        "--wrong-answer-share <x>",
        "share of demonstrations whose answer is off by one (0 to 1)",
      ).argParser(probability),
    )
    .addOption(
      new Option("--eval-every <n>", "also evaluate every n steps (0: only at the end)").argParser(
        nonNegativeInt,
      ),
    )
    .addOption(new Option("--eval-k <n>", "samples per held-out problem for Pass@1").argParser(positiveInt))
    .addOption(new Option("--eval-problems <n>", "held-out problems evaluated").argParser(positiveInt))
    .addOption(levelsOption())
    .option("--json", "print the outcome as one JSON document on stdout (progress stays on stderr)");
  addGraderFlags(command, { natsWhenConfigured: true }).action(async (flags: SftFlags) => {
    const base = flags.config ? await readJsonConfig(flags.config) : {};
    const config = parseWithOverrides(SftConfigSchema, base, {
      seed: flags.seed,
      steps: flags.steps,
      ...(flags.steps !== undefined && { "optimizer.schedule.totalSteps": flags.steps }),
      batchSize: flags.batch,
      microBatch: flags.microBatch,
      "optimizer.lr": flags.lr,
      ...(flags.init && { model: { checkpoint: flags.init } }),
      wrongAnswerShare: flags.wrongAnswerShare,
      "eval.every": flags.evalEvery,
      "eval.k": flags.evalK,
      "eval.problems": flags.evalProblems,
      ...(flags.levels && { task: withLevels(base, flags.levels) }),
    });
    // A missing or broken checkpoint stops here, before a backend or a grader starts.
    if ("checkpoint" in config.model) await readCheckpointConfig(config.model.checkpoint);
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(flags);
    const stop = stopOnSigint("stopping after this step and saving the weights");
    const bar = progressBar("sft", config.steps);
    try {
      console.error(`backend ${backend}, ${config.steps} steps of ${config.batchSize}, out ${flags.out}`);
      const result = await trainSft(config, {
        outDir: flags.out,
        grader,
        shouldStop: stop.requested,
        onStep: (s) => {
          const val = s.valPass1 === undefined ? "" : ` val@1 ${s.valPass1.toFixed(3)}`;
          if (val) console.error(`step ${s.step}:${val}`);
          bar.tick(1, `step ${s.step} loss ${s.loss.toFixed(3)}${val}`);
        },
      });
      bar.done();
      if (flags.json) {
        printJson({ ...result, valPass1: result.valPass1 ?? null, outDir: flags.out });
        return;
      }
      console.log(
        `sft: ${result.steps} steps in ${result.seconds.toFixed(0)} s, loss ${result.finalLoss.toFixed(3)}, ` +
          `held-out Pass@1 ${result.valPass1 === undefined ? "n/a" : result.valPass1.toFixed(3)}; weights in ${flags.out}`,
      );
    } finally {
      stop.dispose();
      await grader.close();
    }
  });
  return command;
}
