/**
 * `rlvr stack up`: runs nats-server and the services in the foreground until Ctrl-C; `rlvr stack
 * check` checks the grader end to end.
 */
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { DEFAULT_STATE_DIR, startStack } from "../../../infra/stack/stack.ts";
import { port, positiveInt } from "../options/values.ts";
import { stackCheckCommand } from "./stack-check.ts";

export function stackCommand(): Command {
  const stack = new Command("stack").description("the local stack: nats-server and the services");
  stack
    .command("up")
    .description("start nats-server, the grading and the evaluation services; Ctrl-C stops them all")
    .addOption(
      new Option("--nats-port <port>", "NATS client port (a cluster's nodes: this one and the ones after)")
        .argParser(port)
        .default(4222),
    )
    .addOption(new Option("--grader-port <port>", "grading service HTTP port").argParser(port).default(8787))
    .addOption(
      new Option("--evaluator-port <port>", "evaluation service HTTP port").argParser(port).default(8788),
    )
    .addOption(
      new Option("--grader-replicas <n>", "grader replicas in the NATS queue group").argParser(positiveInt),
    )
    .addOption(
      new Option(
        "--cluster <nodes>",
        "run NATS as a cluster of this many nodes (3: JetStream keeps 3 copies)",
      )
        .argParser(positiveInt)
        .default(1),
    )
    .addOption(
      new Option("--state-dir <dir>", "JetStream store, logs and the NATS credentials").default(
        DEFAULT_STATE_DIR,
      ),
    )
    .addOption(
      new Option(
        "--http-token-file <file>",
        "a file holding the bearer token the services' HTTP APIs then require (or set RLVR_TOKEN; never the token itself on a command line, where `ps` shows it)",
      ),
    )
    .addOption(new Option("--data <dir>", "where the evaluator finds the benchmarks").env("RLVR_DATA_DIR"))
    .action(async (flags) => {
      const httpToken = flags.httpTokenFile
        ? readToken(flags.httpTokenFile)
        : process.env.RLVR_TOKEN || undefined;
      const running = await startStack({ ...flags, httpToken, dataDir: flags.data });
      console.log(`nats      ${running.natsUrl.replace(/\/\/[^@,]*@/g, "//")}`);
      for (const grader of running.graders) console.log(`grader    ${grader.url}  (docs ${grader.url}/docs)`);
      if (running.evaluatorUrl)
        console.log(`evaluator ${running.evaluatorUrl}  (docs ${running.evaluatorUrl}/docs)`);
      console.log(`logs      ${running.stateDir}/logs`);
      if (running.credentialsFile) {
        console.log(
          `nats auth ${running.credentialsFile} (owner-only: users grader, evaluator, client; rlvr commands log in as client by themselves, elsewhere set NATS_CREDENTIALS=<this file>)`,
        );
      }
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

function readToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new Error(`--http-token-file: cannot read ${file}: ${(error as Error).message}`);
  }
  if (!token) throw new Error(`--http-token-file: ${file} is empty`);
  return token;
}
