/**
 * `rlvr stack check`: starts the stack (nats-server and two grading replicas), grades synthetic responses to
 * every benchmark gold over HTTP and over NATS, checks both transports agree with each other and with
 * the known labels, prints the figures and stops everything it started.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, Option } from "commander";
import { startStack } from "../../../infra/stack/stack.ts";
import { httpGrader } from "../../../shared/clients/grader-http.ts";
import { natsGrader } from "../../../shared/clients/grader-nats.ts";
import type { GradeRequest, Verdict } from "../../../shared/contracts/grading.ts";
import { type BenchmarkProblem, readAllBenchmarks } from "../../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import { connectNats } from "../../../shared/nats/connection.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { syntheticResponses } from "../../../shared/synthetic/responses.ts";
import { printJson } from "../io/json-document.ts";
import { nonNegativeInt, positiveInt } from "../options/values.ts";
import { progressBar } from "../ui/progress.ts";
import { describeVerdictSummary, type VerdictSummary, verdictSummary } from "../ui/verdict-summary.ts";

interface LabelledItem {
  request: GradeRequest;
  label: boolean;
  benchmark: string;
}

interface TransportRun {
  verdicts: Verdict[];
  seconds: number;
}

/** What the check found: the table on stdout, or the document `--json` prints. */
interface StackCheckReport {
  http: VerdictSummary;
  nats: VerdictSummary;
  /** Items whose HTTP and NATS verdicts differ. */
  disagreements: number;
  /**
   * Agreement with the synthetic labels, per benchmark and over `all`: the shares of correct rewrites
   * accepted and of wrong values rejected (null: the benchmark has no such items).
   */
  labels: {
    benchmark: string;
    items: number;
    acceptedCorrect: number | null;
    rejectedWrong: number | null;
  }[];
}

export function stackCheckCommand(): Command {
  return new Command("check")
    .description(
      "start nats-server and two graders, grade synthetic responses to the six benchmarks over HTTP and NATS, check both agree with each other and the known labels, stop",
    )
    .option("--data <dir>", "benchmark data directory", defaultDataDir())
    .addOption(new Option("--per-problem <n>", "responses per problem").argParser(positiveInt).default(4))
    .addOption(
      new Option("--seed <n>", "seed for the synthetic responses").argParser(nonNegativeInt).default(1),
    )
    .option("--json", "print the figures as one JSON document on stdout (progress stays on stderr)")
    .action(async (flags: { data: string; perProblem: number; seed: number; json?: boolean }) => {
      const items = await demoItems(flags.data, flags.perProblem, flags.seed);
      const stateDir = await mkdtemp(join(tmpdir(), "rlvr-stack-check-"));
      console.error("starting nats-server and two grading replicas…");
      const stack = await startStack({ stateDir, graderReplicas: 2, evaluator: false });
      try {
        const requests = items.map((i) => i.request);
        const overHttp = await gradeWithProgress("HTTP", requests, (batch) =>
          httpGrader({ url: stack.graderUrl }).gradeMany(batch),
        );
        const nc = await connectNats(stack.natsUrl, "rlvr-stack-check", {
          credentialsFile: stack.credentialsFile,
        });
        const nats = await natsGrader({ connection: nc });
        const overNats = await gradeWithProgress("NATS", requests, (batch) => nats.gradeMany(batch));
        await nats.close();
        await nc.close();
        const checked = checkReport(items, overHttp, overNats);
        if (flags.json) printJson(checked);
        else printReport(checked);
      } finally {
        await stack.stop();
        await rm(stateDir, { recursive: true, force: true });
      }
    });
}

async function demoItems(dataDir: string, perProblem: number, seed: number): Promise<LabelledItem[]> {
  let problems: BenchmarkProblem[];
  try {
    problems = await readAllBenchmarks(join(dataDir, "benchmarks"));
  } catch (error) {
    throw new Error(
      `cannot read the benchmarks in ${dataDir} (set --data or RLVR_DATA_DIR): ${String(error)}`,
    );
  }
  const rng = seededRng(seed);
  return problems.flatMap((p) => {
    const gold = Array.isArray(p.gold) ? p.gold[0]! : String(p.gold);
    return syntheticResponses(gold, perProblem, rng).map((s) => ({
      request: { response: s.response, gold: p.gold },
      label: s.label,
      benchmark: p.benchmark,
    }));
  });
}

async function gradeWithProgress(
  transport: string,
  requests: GradeRequest[],
  grade: (batch: GradeRequest[]) => Promise<Verdict[]>,
): Promise<TransportRun> {
  const bar = progressBar(`grading over ${transport.padEnd(4)}`, requests.length);
  const started = performance.now();
  const verdicts: Verdict[] = [];
  for (let start = 0; start < requests.length; start += 1024) {
    const batch = requests.slice(start, start + 1024);
    verdicts.push(...(await grade(batch)));
    bar.tick(batch.length);
  }
  bar.done();
  return { verdicts, seconds: (performance.now() - started) / 1000 };
}

function checkReport(items: LabelledItem[], http: TransportRun, nats: TransportRun): StackCheckReport {
  const rows = items.map((item, i) => ({ item, verdict: http.verdicts[i]! }));
  const share = (selected: typeof rows, want: boolean) =>
    selected.length ? selected.filter((r) => r.verdict.correct === want).length / selected.length : null;
  const benchmarks = [...new Set(items.map((i) => i.benchmark))];
  return {
    http: verdictSummary(http.verdicts, http.seconds),
    nats: verdictSummary(nats.verdicts, nats.seconds),
    disagreements: http.verdicts.filter((v, i) => v.correct !== nats.verdicts[i]!.correct).length,
    labels: [...benchmarks, "all"].map((benchmark) => {
      const selected = rows.filter((r) => benchmark === "all" || r.item.benchmark === benchmark);
      return {
        benchmark,
        items: selected.length,
        acceptedCorrect: share(
          selected.filter((r) => r.item.label),
          true,
        ),
        rejectedWrong: share(
          selected.filter((r) => !r.item.label),
          false,
        ),
      };
    }),
  };
}

function printReport(report: StackCheckReport): void {
  const percent = (share: number | null) => (share === null ? "-" : `${(100 * share).toFixed(1)}%`);
  console.log(`\n${describeVerdictSummary(report.http)}`);
  console.log(`HTTP and NATS verdicts differ on ${report.disagreements} of ${report.http.graded} items`);
  console.log("\nagreement with the synthetic labels (correct rewrites accepted, wrong values rejected):");
  console.log("  benchmark        items  accepted-correct  rejected-wrong");
  for (const row of report.labels) {
    console.log(
      `  ${row.benchmark.padEnd(16)} ${String(row.items).padStart(5)}  ${percent(row.acceptedCorrect).padStart(16)}  ${percent(row.rejectedWrong).padStart(14)}`,
    );
  }
}
