/** The flags every command that grades shares: where grading happens and how answers are compared. */
import { type Command, Option } from "commander";
import type { GraderClient } from "../../shared/clients/grader.ts";
import { httpGrader } from "../../shared/clients/grader-http.ts";
import { localGrader } from "../../shared/clients/grader-local.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { type GradeOptionsInput, GradeOptionsSchema } from "../../shared/contracts/grading.ts";
import { DEFAULT_NATS_URL } from "../../shared/nats/connection.ts";
import { UsageError } from "./options/usage.ts";
import { nonNegativeNumber, positiveInt } from "./options/values.ts";

export interface GraderFlags {
  via: "local" | "http" | "nats";
  graderUrl: string;
  natsUrl: string;
  token?: string;
  workers?: number;
  batchSize: number;
  requireThinkClose?: boolean;
  percent?: string;
  listOrder?: string;
  tolerance?: number;
  multipleChoice?: string;
  timeoutMs?: number;
}

export interface GraderFlagDefaults {
  /**
   * The learner's rewards come from the NATS grader whenever a NATS server is configured, as
   * Algorithm 1 runs in a deployment; file-grading commands stay in-process unless asked.
   */
  natsWhenConfigured?: boolean;
}

/** The comparison flags, by the grading option each one sets. */
const COMPARISON_FLAGS: Record<keyof GradeOptionsInput, string> = {
  requireThinkClose: "--require-think-close",
  percent: "--percent",
  listOrder: "--list-order",
  relativeTolerance: "--tolerance",
  multipleChoice: "--multiple-choice",
  timeoutMs: "--timeout-ms",
};

export function addGraderFlags(command: Command, defaults: GraderFlagDefaults = {}): Command {
  const natsConfigured = defaults.natsWhenConfigured && Boolean(process.env.NATS_URL);
  return command
    .addOption(
      new Option("--via <transport>", "where grading runs")
        .choices(["local", "http", "nats"])
        .default(
          natsConfigured ? "nats" : "local",
          defaults.natsWhenConfigured ? "nats when NATS_URL is set, else local" : undefined,
        ),
    )
    .addOption(
      new Option(
        "--grader-url <urls>",
        "grading service URL, or several replicas' separated by commas (--via http); a replica that fails is skipped",
      )
        .env("GRADER_URL")
        .default("http://127.0.0.1:8787"),
    )
    .addOption(
      new Option("--nats-url <url>", "NATS server (--via nats)").env("NATS_URL").default(DEFAULT_NATS_URL),
    )
    .addOption(new Option("--token <token>", "bearer token for the grading service").env("GRADER_TOKEN"))
    .addOption(
      new Option("--workers <n>", "worker threads (--via local; default: cores)").argParser(positiveInt),
    )
    .addOption(new Option("--batch-size <n>", "items per request").argParser(positiveInt).default(256))
    .option("--require-think-close", "a response without </think> is incorrect (the paper's protocol)")
    .addOption(
      new Option("--percent <mode>", "how 10% relates to 0.1 and 10").choices(["both", "number", "fraction"]),
    )
    .addOption(
      new Option("--list-order <mode>", "comma lists: sets or tuples").choices([
        "auto",
        "ordered",
        "unordered",
      ]),
    )
    .addOption(
      new Option(
        "--tolerance <r>",
        "relative tolerance for decimals, at most 0.5 (default: from their precision)",
      ).argParser(nonNegativeNumber),
    )
    .addOption(new Option("--multiple-choice <mode>", "compare choice letters").choices(["auto", "off"]))
    .addOption(
      new Option("--timeout-ms <ms>", "per-item time budget, 10 to 2000 (default 250)").argParser(
        positiveInt,
      ),
    );
}

/**
 * The comparison options given on the command line, checked against the contract's schema: a value it
 * refuses (a tolerance above 0.5, say) is a usage error that names the flag.
 */
export function gradeOptionsFromFlags(flags: GraderFlags): GradeOptionsInput | undefined {
  const options: GradeOptionsInput = {
    requireThinkClose: flags.requireThinkClose,
    percent: flags.percent as GradeOptionsInput["percent"],
    listOrder: flags.listOrder as GradeOptionsInput["listOrder"],
    relativeTolerance: flags.tolerance,
    multipleChoice: flags.multipleChoice as GradeOptionsInput["multipleChoice"],
    timeoutMs: flags.timeoutMs,
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  if (Object.keys(given).length === 0) return undefined;
  const checked = GradeOptionsSchema.safeParse(given);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = issue.path[0] as keyof GradeOptionsInput;
    throw new UsageError(`${COMPARISON_FLAGS[key]}: ${issue.message}, got ${JSON.stringify(given[key])}`);
  }
  return given;
}

export function openGrader(flags: GraderFlags): Promise<GraderClient> {
  switch (flags.via) {
    case "http":
      return Promise.resolve(
        httpGrader({ url: flags.graderUrl, token: flags.token, batchSize: flags.batchSize }),
      );
    case "nats":
      return natsGrader({ connection: flags.natsUrl, batchSize: flags.batchSize });
    default:
      return localGrader({ workers: flags.workers });
  }
}
