/**
 * A reproduction on the dashboard: one series per run and seed. The runner's events still reach the
 * progress display; a run finished earlier, or resumed, shows the steps it logged before too.
 */
import type { ReproduceOptions } from "../repro/pipeline.ts";
import type { PlannedRun } from "../repro/plan.ts";
import { readMetrics } from "../repro/run-files.ts";
import { readStartValidation } from "../repro/start-validation.ts";
import type { Dashboard } from "./server.ts";

const seriesOf = (run: PlannedRun) => `${run.spec.name}/seed-${run.seed}`;

export function feedDashboard(
  events: ReproduceOptions["events"],
  dashboard: Dashboard | undefined,
): ReproduceOptions["events"] {
  if (!dashboard || !events) return events;
  const join = (run: PlannedRun, logged: boolean) => {
    dashboard.addRun(seriesOf(run), `${run.spec.label} · seed ${run.seed}`);
    if (!logged) return;
    // The panels sort each series by step, so these may land after the first new steps.
    void Promise.all([readStartValidation(run.dir), readMetrics(run.dir)])
      .then(([start, metrics]) => {
        if (start) dashboard.step(seriesOf(run), { step: 0, valPass1: start.valPass1 });
        for (const m of metrics) dashboard.step(seriesOf(run), m);
      })
      // The charts only: the runner reads the same files and reports what is wrong with them.
      .catch(() => {});
  };
  return {
    ...events,
    skipped(run, index, total) {
      events.skipped?.(run, index, total);
      join(run, true);
    },
    started(run, index, total, fromStep) {
      events.started?.(run, index, total, fromStep);
      join(run, fromStep > 0);
    },
    validatedStart(run, validation) {
      events.validatedStart?.(run, validation);
      dashboard.step(seriesOf(run), { step: 0, valPass1: validation.valPass1 });
    },
    step(run, metrics) {
      events.step?.(run, metrics);
      dashboard.step(seriesOf(run), metrics);
    },
  };
}
