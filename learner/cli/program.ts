/** The `rlvr` command line, built without running it (main.ts runs it; tests read its options). */
import { Command } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { demoCommand } from "./commands/demo.ts";
import { evalCommand } from "./commands/eval.ts";
import { generateCommand } from "./commands/generate.ts";
import { gradeCommand } from "./commands/grade.ts";
import { logprobsCommand } from "./commands/logprobs.ts";
import { reproCommand } from "./commands/repro.ts";
import { sftCommand } from "./commands/sft.ts";
import { stackCommand } from "./commands/stack.ts";
import { trainCommand } from "./commands/train.ts";
import { applyUsageConventions } from "./options/usage.ts";

export function buildProgram(): Command {
  const program = new Command()
    .name("rlvr")
    .description("Rewards-as-Labels RLVR: grade answers, evaluate checkpoints, train policies")
    .version(packageJson.version, "-V, --version", "print the version")
    .addCommand(demoCommand())
    .addCommand(evalCommand())
    .addCommand(gradeCommand())
    .addCommand(stackCommand())
    .addCommand(sftCommand())
    .addCommand(trainCommand())
    .addCommand(reproCommand())
    .addCommand(generateCommand())
    .addCommand(logprobsCommand());
  return applyUsageConventions(program);
}
