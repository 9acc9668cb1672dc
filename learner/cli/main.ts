/** `rlvr`: one command line for grading, evaluation and training. */
import { Command } from "commander";
import { demoCommand } from "./commands/demo.ts";
import { evalCommand } from "./commands/eval.ts";
import { generateCommand } from "./commands/generate.ts";
import { gradeCommand } from "./commands/grade.ts";
import { logprobsCommand } from "./commands/logprobs.ts";
import { reproCommand } from "./commands/repro.ts";
import { sftCommand } from "./commands/sft.ts";
import { stackCommand } from "./commands/stack.ts";
import { trainCommand } from "./commands/train.ts";

const program = new Command()
  .name("rlvr")
  .description("Rewards-as-Labels RLVR: grade answers, evaluate checkpoints, train policies")
  .showHelpAfterError()
  .addCommand(demoCommand())
  .addCommand(evalCommand())
  .addCommand(gradeCommand())
  .addCommand(stackCommand())
  .addCommand(sftCommand())
  .addCommand(trainCommand())
  .addCommand(reproCommand())
  .addCommand(generateCommand())
  .addCommand(logprobsCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`rlvr: ${(error as Error).message}`);
  process.exitCode = process.exitCode || 1;
}
