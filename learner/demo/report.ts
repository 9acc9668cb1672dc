/**
 * The demo's self-contained HTML report: what ran, Pass@1 before and after per task family (table and
 * bars), and the training curves (reward, validation Pass@1, entropy), in the style of the
 * evaluation report.
 */
import { trailingMean } from "../../shared/reports/smoothing.ts";
import {
  CHART_CSS,
  escapeHtml,
  groupedBars,
  type Line,
  lineChart,
  roundedUp,
} from "../../shared/reports/svg.ts";
import type { StepMetrics } from "../train/metrics.ts";
import { AVERAGE, describeProblemCounts, type Pass1Change } from "./comparison.ts";
import type { DemoSummary } from "./summary.ts";

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

function comparisonHtml(rows: readonly Pass1Change[]): string {
  const body = rows
    .map((r) => {
      const change = (r.after - r.before) * 100;
      return `<tr><td>${escapeHtml(r.family)}</td><td>${percent(r.before)}</td><td>${percent(r.after)}</td><td>${change >= 0 ? "+" : "−"}${Math.abs(change).toFixed(1)}</td></tr>`;
    })
    .join("");
  return `<table><tr><th>task family</th><th>before</th><th>after</th><th>change (points)</th></tr>${body}</table>`;
}

function trainingCharts(summary: DemoSummary, metrics: readonly StepMetrics[]): string {
  const steps = metrics.map((m) => m.step);
  const rewards = metrics.map((m) => m.meanReward);
  const window = Math.max(1, Math.round(metrics.length / 20));
  const reward: Line[] = [
    { label: "per step", points: steps.map((x, i) => ({ x, y: rewards[i]! })) },
    {
      label: `mean of ${window}`,
      points: trailingMean(rewards, window).map((y, i) => ({ x: steps[i]!, y })),
    },
  ];
  const validation: Line[] = [
    {
      label: `validation (k = ${summary.config.eval.k})`,
      points: metrics.flatMap((m) => (m.valPass1 === undefined ? [] : [{ x: m.step, y: m.valPass1 }])),
    },
    {
      label: `held-out (k = ${summary.evaluation.k})`,
      points: [
        { x: 0, y: summary.before.average.pass1 },
        { x: summary.config.steps, y: summary.after.average.pass1 },
      ],
    },
  ];
  const entropies = metrics.map((m) => m.entropy);
  const entropy: Line[] = [{ label: "entropy", points: steps.map((x, i) => ({ x, y: entropies[i]! })) }];
  return [
    lineChart(reward, "mean reward of the rollouts", "step"),
    lineChart(validation, "Pass@1 on held-out problems", "step"),
    lineChart(entropy, "token entropy of the policy (nats)", "step", false, {
      yMax: roundedUp(Math.max(...entropies)),
    }),
  ].join("\n");
}

export function demoReportHtml(summary: DemoSummary, metrics: readonly StepMetrics[]): string {
  const { config, evaluation, seconds, machine } = summary;
  const title = "rlvr demo: REAL on the built-in curriculum";
  const average = summary.comparison.find((r) => r.family === AVERAGE)!;
  const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CHART_CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>A tiny policy (from <code>${escapeHtml(summary.warmStart)}</code>) trained for ${config.steps} steps
of <code>${escapeHtml(config.loss)}</code> (${config.batchPrompts} prompts × ${config.groupSize} rollouts per step,
learning rate ${config.optimizer.lr}${config.tau === undefined ? "" : `, τ = ${config.tau}`}), its rewards graded by the
grading service over NATS. Pass@1 over k = ${evaluation.k} samples (temperature ${evaluation.temperature}) on
${escapeHtml(describeProblemCounts(summary.before))}, scored by the evaluation service: average
<strong>${percent(average.before)} → ${percent(average.after)}</strong>.</p>
${comparisonHtml(summary.comparison)}
${groupedBars(
  summary.comparison.map((r) => ({ label: r.family, values: [r.before, r.after] })),
  ["before", "after"],
  `Pass@1 per task family (k = ${evaluation.k})`,
)}
<h2>Training</h2>
${trainingCharts(summary, metrics)}
<h2>Run</h2>
<p>${minutes(seconds.total)} in all: services ${seconds.stack.toFixed(0)} s, evaluation before ${seconds.before.toFixed(0)} s,
training ${seconds.training.toFixed(0)} s, evaluation after ${seconds.after.toFixed(0)} s; ${machine.cpus} × ${escapeHtml(machine.cpu)},
backend ${escapeHtml(machine.backend)}, Node ${escapeHtml(machine.node)}.</p>
<p><code>${escapeHtml(summary.command)}</code>; recipe <code>${escapeHtml(summary.recipe)}</code>:</p>
<pre>${escapeHtml(JSON.stringify(config, null, 2))}</pre>
</body></html>
`;
}
