/**
 * `rlvr stack up`: runs nats-server and the services in the foreground until Ctrl-C; `rlvr stack
 * check` checks the grader end to end.
 */
import { Command, Option } from "commander";
import { DEFAULT_STATE_DIR, startStack } from "../../../infra/stack/stack.ts";
import { positiveInt } from "../grader-options.ts";
import { stackCheckCommand } from "./stack-check.ts";

export function stackCommand(): Command {
  const stack = new Command("stack").description("the local stack: nats-server and the services");
  stack
    .command("up")
    .description("start nats-server, the grading and the evaluation services; Ctrl-C stops them all")
    .addOption(new Option("--nats-port <port>", "NATS client port").argParser(positiveInt).default(4222))
    .addOption(
      new Option("--grader-port <port>", "grading service HTTP port").argParser(positiveInt).default(8787),
    )
    .addOption(
      new Option("--evaluator-port <port>", "evaluation service HTTP port")
        .argParser(positiveInt)
        .default(8788),
    )
    .addOption(
      new Option("--grader-replicas <n>", "grader replicas in the NATS queue group").argParser(positiveInt),
    )
    .addOption(new Option("--state-dir <dir>", "JetStream store and logs").default(DEFAULT_STATE_DIR))
    .addOption(new Option("--nats-user <user>", "require this NATS user").env("NATS_USER"))
    .addOption(new Option("--nats-password <password>", "and this password").env("NATS_PASSWORD"))
    .addOption(
      new Option("--http-token <token>", "bearer token the services' HTTP APIs require").env("RLVR_TOKEN"),
    )
    .addOption(new Option("--data <dir>", "where the evaluator finds the benchmarks").env("RLVR_DATA_DIR"))
    .action(async (flags) => {
      const running = await startStack({ ...flags, dataDir: flags.data });
      console.log(`nats      ${running.natsUrl.replace(/\/\/[^@]*@/, "//")}`);
      for (const grader of running.graders) console.log(`grader    ${grader.url}  (docs ${grader.url}/docs)`);
      if (running.evaluatorUrl)
        console.log(`evaluator ${running.evaluatorUrl}  (docs ${running.evaluatorUrl}/docs)`);
      console.log(`logs      ${running.stateDir}/logs`);
      console.log("Ctrl-C stops everything.");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      console.log("\nstopping…");
      await running.stop();
    });
  stack.addCommand(stackCheckCommand());
  return stack;
}
