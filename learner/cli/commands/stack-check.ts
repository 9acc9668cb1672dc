/**
 * `rlvr stack check`: starts the stack (nats-server and two grading replicas), grades synthetic responses to
 * every benchmark gold over HTTP and over NATS, checks both transports agree with each other and with
 * the known labels, prints the figures and stops everything it started.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { startStack } from "../../../infra/stack/stack.ts";
import { httpGrader } from "../../../shared/clients/grader-http.ts";
import { natsGrader } from "../../../shared/clients/grader-nats.ts";
import type { GradeRequest, Verdict } from "../../../shared/contracts/grading.ts";
import { type BenchmarkProblem, readAllBenchmarks } from "../../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import { connectNats } from "../../../shared/nats/connection.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { syntheticResponses } from "../../../shared/synthetic/responses.ts";
import { progressBar } from "../ui/progress.ts";
import { summarizeVerdicts } from "../ui/verdict-summary.ts";

interface LabelledItem {
  request: GradeRequest;
  label: boolean;
  benchmark: string;
}

export function stackCheckCommand(): Command {
  return new Command("check")
    .description(
      "start nats-server and two graders, grade synthetic responses to the six benchmarks over HTTP and NATS, check both agree with each other and the known labels, stop",
    )
    .option("--data <dir>", "benchmark data directory", defaultDataDir())
    .option("--per-problem <n>", "responses per problem", "4")
    .option("--seed <n>", "seed for the synthetic responses", "1")
    .action(async (flags: { data: string; perProblem: string; seed: string }) => {
      const items = await demoItems(flags.data, Number(flags.perProblem), Number(flags.seed));
      const stateDir = await mkdtemp(join(tmpdir(), "rlvr-stack-check-"));
      console.log("starting nats-server and two grading replicas…");
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
        report(items, overHttp, overNats);
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
): Promise<{ verdicts: Verdict[]; seconds: number }> {
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

function report(
  items: LabelledItem[],
  http: { verdicts: Verdict[]; seconds: number },
  nats: { verdicts: Verdict[]; seconds: number },
): void {
  const disagreements = http.verdicts.filter((v, i) => v.correct !== nats.verdicts[i]!.correct).length;
  console.log(`\n${summarizeVerdicts(http.verdicts, http.seconds)}`);
  console.log(`HTTP and NATS verdicts differ on ${disagreements} of ${items.length} items`);
  console.log("\nagreement with the synthetic labels (correct rewrites accepted, wrong values rejected):");
  console.log("  benchmark        items  accepted-correct  rejected-wrong");
  const benchmarks = [...new Set(items.map((i) => i.benchmark))];
  for (const benchmark of [...benchmarks, "all"]) {
    const rows = items.map((item, i) => ({ item, verdict: http.verdicts[i]! }));
    const selected = rows.filter((r) => benchmark === "all" || r.item.benchmark === benchmark);
    const positives = selected.filter((r) => r.item.label);
    const negatives = selected.filter((r) => !r.item.label);
    const rate = (rs: typeof rows, want: boolean) =>
      rs.length
        ? `${((100 * rs.filter((r) => r.verdict.correct === want).length) / rs.length).toFixed(1)}%`
        : "-";
    console.log(
      `  ${benchmark.padEnd(16)} ${String(selected.length).padStart(5)}  ${rate(positives, true).padStart(16)}  ${rate(negatives, false).padStart(14)}`,
    );
  }
}
