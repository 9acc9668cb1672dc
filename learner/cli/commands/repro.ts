/** `rlvr repro`: REAL against GRPO, DAPO and GSPO plus the ablations, from one start, into one report. */
import { basename, join } from "node:path";
import { Command, Option } from "commander";
import { dashboardOption, openDashboard } from "../../dashboard/option.ts";
import { feedDashboard } from "../../dashboard/repro-feed.ts";
import type { Dashboard } from "../../dashboard/server.ts";
import { readCheckpointConfig } from "../../model/checkpoint.ts";
import { readReproConfig } from "../../repro/config.ts";
import { reproduce } from "../../repro/pipeline.ts";
import type { Shard } from "../../repro/plan.ts";
import { rerenderReport } from "../../repro/rerender.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import { addGraderFlags, type GraderFlags, openGrader } from "../grader-options.ts";
import { printJson } from "../io/json-document.ts";
import { backendOption, learnerWorkersOption } from "../options/learner-options.ts";
import { shareOf } from "../options/values.ts";
import { reproProgress } from "../ui/repro-progress.ts";

export const REPRO_CONFIG = "learner/train/configs/repro.json";
export const REPRO_QUICK_CONFIG = "learner/train/configs/repro-quick.json";

interface ReproFlags extends GraderFlags {
  config?: string;
  quick?: boolean;
  runsDir?: string;
  out?: string;
  backend: BackendName;
  json?: boolean;
  reportOnly?: boolean;
  dashboard?: number;
  learnerWorkers: number;
  shard?: Shard;
}

export function reproCommand(): Command {
  const command = new Command("repro")
    .description(
      "the paper's comparison at small scale: every method and ablation from one checkpoint with one budget, " +
        "then Tables 1 and 4, the paired differences, the learning-rate, τ and stability panels and Figures 1, 4 and 5 in an HTML report, " +
        "rendered again after every finished run; rerun to resume (finished runs are recorded beside the report)",
    )
    .option("--config <file>", `reproduction config (default ${REPRO_CONFIG})`)
    .addOption(
      new Option("--quick", `the smoke-test config (${REPRO_QUICK_CONFIG}): a minute or two`).conflicts(
        "config",
      ),
    )
    .option("--runs-dir <dir>", "where the runs' metrics and checkpoints go (default: the config's runsDir)")
    .option("--out <dir>", "where the report goes (default: the config's reportDir)")
    .addOption(backendOption())
    .addOption(learnerWorkersOption())
    .addOption(
      new Option(
        "--shard <k/n>",
        "run only every n-th planned run from the k-th, so n processes share a study out side by side (one core each: OPENBLAS_NUM_THREADS=1); the report covers every shard's finished runs",
      ).argParser(shareOf),
    )
    .option("--json", "print the outcome, tables and report paths as one JSON document on stdout")
    .option(
      "--report-only",
      "render the report in --out again from its summary.json with this code; no runs, no runs folder needed",
    )
    .addOption(dashboardOption());
  addGraderFlags(command, { natsWhenConfigured: true }).action(async (flags: ReproFlags) => {
    const configPath = flags.config ?? (flags.quick ? REPRO_QUICK_CONFIG : REPRO_CONFIG);
    const config = await readReproConfig(configPath);
    if (flags.runsDir) config.runsDir = flags.runsDir;
    if (flags.out) config.reportDir = flags.out;
    if (flags.reportOnly) return printReport(await rerenderReport(config.reportDir), flags.json);
    // A missing or broken starting checkpoint stops here, before a backend or a grader starts.
    if ("checkpoint" in config.start) await readCheckpointConfig(config.start.checkpoint);
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(flags);
    const stop = stopOnSigint("stopping after the current step and saving a checkpoint; rerun to resume");
    let dashboard: Dashboard | undefined;
    try {
      dashboard = await openDashboard("rlvr repro", flags.dashboard);
      console.error(`backend ${backend}; runs in ${config.runsDir}, report in ${config.reportDir}`);
      const result = await reproduce(config, {
        configPath,
        grader,
        backend,
        shouldStop: stop.requested,
        workers: flags.learnerWorkers,
        shard: flags.shard,
        events: feedDashboard(reproProgress(), dashboard),
      });
      if (result.stopped) {
        if (flags.json) printJson({ stopped: true, runsDir: config.runsDir });
        else
          console.log(
            `stopped; the report in ${config.reportDir} covers the runs finished so far (their records are in ${join(config.reportDir, "runs")}); rerun the same command to resume from the runs in ${config.runsDir}`,
          );
        return;
      }
      dashboard?.finish(Object.values(result.paths).map((path) => ({ label: basename(path), path })));
      printReport(result, flags.json);
    } finally {
      stop.dispose();
      await grader.close();
      await dashboard?.close();
    }
  });
  return command;
}

function printReport({ summary, paths }: Awaited<ReturnType<typeof rerenderReport>>, json?: boolean): void {
  if (json) {
    printJson({
      stopped: false,
      outcome: summary.outcome,
      table1: summary.table1,
      table4: summary.table4,
      paths,
    });
    return;
  }
  for (const line of summary.outcome) console.log(line);
  console.log(`report: ${paths.html}\ntables: ${paths.markdown}\nsummary: ${paths.summary}`);
}
