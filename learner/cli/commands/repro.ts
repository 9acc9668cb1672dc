/** `rlvr repro`: REAL against GRPO, DAPO and GSPO plus the ablations, from one start, into one report. */
import { Command } from "commander";
import { readReproConfig } from "../../repro/config.ts";
import { reproduce } from "../../repro/pipeline.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { stopOnSigint } from "../../train/interrupt.ts";
import { addGraderFlags, type GraderFlags, openGrader } from "../grader-options.ts";
import { reproProgress } from "../ui/repro-progress.ts";
import { backendOption, graderFlags } from "./train.ts";

export const REPRO_CONFIG = "learner/train/configs/repro.json";
export const REPRO_QUICK_CONFIG = "learner/train/configs/repro-quick.json";

interface ReproFlags extends GraderFlags {
  config?: string;
  quick?: boolean;
  runsDir?: string;
  out?: string;
  backend: BackendName;
}

export function reproCommand(): Command {
  const command = new Command("repro")
    .description(
      "the paper's comparison at small scale: every method and ablation from one checkpoint with one budget, " +
        "then Tables 1 and 4 and Figures 1, 4 and 5 in an HTML report; rerun to resume",
    )
    .option("--config <file>", `reproduction config (default ${REPRO_CONFIG})`)
    .option("--quick", `the smoke-test config (${REPRO_QUICK_CONFIG}): a minute or two`)
    .option("--runs-dir <dir>", "where the runs' metrics and checkpoints go (default: the config's runsDir)")
    .option("--out <dir>", "where the report goes (default: the config's reportDir)")
    .addOption(backendOption());
  addGraderFlags(command).action(async (flags: ReproFlags) => {
    if (flags.config && flags.quick) throw new Error("--quick names a config: give --config or --quick");
    const configPath = flags.config ?? (flags.quick ? REPRO_QUICK_CONFIG : REPRO_CONFIG);
    const config = await readReproConfig(configPath);
    if (flags.runsDir) config.runsDir = flags.runsDir;
    if (flags.out) config.reportDir = flags.out;
    const backend = await selectBackend(flags.backend);
    const grader = await openGrader(graderFlags(command, flags));
    const stop = stopOnSigint("stopping after the current step and saving a checkpoint; rerun to resume");
    try {
      console.error(`backend ${backend}; runs in ${config.runsDir}, report in ${config.reportDir}`);
      const result = await reproduce(config, {
        configPath,
        grader,
        backend,
        shouldStop: stop.requested,
        events: reproProgress(),
      });
      if (result.stopped) {
        console.log(`stopped; rerun the same command to resume from the runs in ${config.runsDir}`);
        return;
      }
      for (const line of result.summary.outcome) console.log(line);
      console.log(
        `report: ${result.paths.html}\ntables: ${result.paths.markdown}\nsummary: ${result.paths.summary}`,
      );
    } finally {
      stop.dispose();
      await grader.close();
    }
  });
  return command;
}
