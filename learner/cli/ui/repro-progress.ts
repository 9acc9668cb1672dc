/**
 * Progress of a reproduction on stderr: a line per run (skipped, started, finished with its Pass@1),
 * a bar over its steps, and after each run the time left at the pace of the runs done so far.
 */
import type { ReproduceOptions } from "../../repro/pipeline.ts";
import { type ProgressBar, progressBar } from "./progress.ts";

export function reproProgress(stream: NodeJS.WriteStream = process.stderr): ReproduceOptions["events"] {
  const say = (line: string) => stream.write(`${line}\n`);
  let bar: ProgressBar | undefined;
  let sftBar: ProgressBar | undefined;
  const paces: number[] = [];
  const tag = (index: number, total: number) => `[${index + 1}/${total}]`;
  let remaining = 0;
  return {
    sftStep(step, total) {
      sftBar ??= progressBar("sft (start)", total, stream);
      sftBar.tick(1, `loss ${step.loss.toFixed(3)}`);
      if (step.step === total) sftBar.done();
    },
    evaluatingStart(checkpoint) {
      say(`evaluating the starting checkpoint ${checkpoint} on the held-out split`);
    },
    skipped(run, index, total) {
      say(`${tag(index, total)} ${run.spec.name} seed ${run.seed}: finished earlier, skipped`);
    },
    started(run, index, total, fromStep) {
      remaining = total - index;
      const from = fromStep > 0 ? `resuming from step ${fromStep}` : "from the start";
      say(`${tag(index, total)} ${run.spec.name} seed ${run.seed}: ${run.config.steps} steps, ${from}`);
      bar = progressBar(run.spec.name, run.config.steps - fromStep, stream);
    },
    step(_run, m) {
      const val = m.valPass1 === undefined ? "" : ` val@1 ${m.valPass1.toFixed(3)}`;
      bar?.tick(1, `step ${m.step} reward ${m.meanReward.toFixed(3)} entropy ${m.entropy.toFixed(3)}${val}`);
    },
    evaluating() {
      bar?.done();
    },
    finished(run, result, seconds) {
      paces.push(seconds);
      const left = ((remaining - 1) * paces.reduce((a, b) => a + b, 0)) / paces.length;
      const families = Object.entries(result.pass1.byFamily)
        .map(([f, v]) => `${f} ${v.toFixed(2)}`)
        .join(", ");
      say(
        `  ${run.spec.name} seed ${run.seed}: held-out Pass@1 ${result.pass1.average.toFixed(3)} (${families}) ` +
          `in ${seconds.toFixed(0)} s${remaining > 1 ? `; about ${(left / 60).toFixed(0)} min left` : ""}`,
      );
    },
  };
}
