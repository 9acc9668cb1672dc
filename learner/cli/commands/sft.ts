/** `rlvr sft`: the supervised warm start that teaches a fresh model the answer format. */
import { Command } from "commander";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { parseWithOverrides, readJsonConfig } from "../../train/config.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import { SftConfigSchema, trainSft } from "../../train/sft.ts";
import { addGraderFlags, type GraderFlags, openGrader } from "../grader-options.ts";
import { progressBar } from "../ui/progress.ts";
import { backendOption, floatOption, graderFlags, intOption, levelsOption, withLevels } from "./train.ts";

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
}

export function sftCommand(): Command {
  const command = new Command("sft")
    .description("supervised warm start on the built-in curriculum: learn `step \\boxed{answer}` + EOS")
    .option("--config <file>", "JSON config (learner/train/configs/sft-tiny.json); flags override it")
    .option("--out <dir>", "checkpoint directory", "runs/sft")
    .addOption(backendOption())
    .addOption(intOption("--seed <n>", "seed of the weights and data order"))
    .addOption(intOption("--steps <n>", "optimizer steps (the cosine schedule follows)"))
    .addOption(intOption("--batch <n>", "sequences per step"))
    .addOption(
      intOption("--micro-batch <n>", "sequences per forward/backward pass, gradients summed (bounds memory)"),
    )
    .addOption(floatOption("--lr <x>", "peak learning rate"))
    .option("--init <checkpoint>", "start from these weights instead of fresh ones")
    .addOption(
      floatOption("--wrong-answer-share <x>", "share of demonstrations whose answer is off by one (0 to 1)"),
    )
    .addOption(intOption("--eval-every <n>", "also evaluate every n steps (0: only at the end)", true))
    .addOption(intOption("--eval-k <n>", "samples per held-out problem for Pass@1"))
    .addOption(intOption("--eval-problems <n>", "held-out problems evaluated"))
    .addOption(levelsOption());
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
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(graderFlags(command, flags));
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
