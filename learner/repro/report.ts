/**
 * The reproduction's report: one self-contained HTML page (inline SVG, no scripts), the tables in
 * Markdown, and the summary as JSON, written side by side.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CHART_CSS, escapeHtml } from "../../shared/reports/svg.ts";
import { pairsGrid, panelGrid, stabilityGrid } from "./comparison-tables.ts";
import { figure1, panelChart, trainingCurves } from "./figures.ts";
import type { Summary } from "./summary.ts";
import { type Grid, gridHtml, gridMarkdown, table1Grid, table4Grid } from "./tables.ts";

export const REPORT_FILES = { html: "report.html", markdown: "tables.md", summary: "summary.json" } as const;

const TITLE = "REAL vs GRPO, DAPO and GSPO at small scale";

function minutes(seconds: number): string {
  return seconds < 120 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`;
}

const gitState = (c: Summary["code"]) => `git ${c.commit}${c.dirty ? " with uncommitted changes" : ""}`;

function provenance(s: Summary): string[] {
  return [
    `Command: \`${s.command}\` (config \`${s.configPath}\`)`,
    `Code: ${gitState(s.code)}`,
    `Machine: ${s.machine.cpu}, ${s.machine.cores} cores, ${s.machine.memoryGiB} GiB, ${s.machine.platform}, Node ${s.machine.node}, tfjs backend ${s.machine.backend}`,
    `Started ${s.startedAt}; wall time of this invocation ${minutes(s.wallSeconds)}; compute of all runs ${minutes(s.computeSeconds)}`,
    ...runCommits(s),
    ...(s.rerendered
      ? [
          `Report rendered again from summary.json on ${s.rerendered.at} with ${gitState(s.rerendered.code)} (\`rlvr repro --report-only\`): the measurements are the runs', the tables, intervals and figures this code's`,
        ]
      : []),
  ];
}

/** A study run over several sittings may span commits: which runs each made. */
function runCommits(s: Summary): string[] {
  if (!s.runCurves?.length) return [];
  const byCommit = new Map<string, number>();
  for (const run of s.runCurves) byCommit.set(run.commit, (byCommit.get(run.commit) ?? 0) + 1);
  const list = [...byCommit].map(([commit, n]) => `${commit.slice(0, 12)} (${n} run${n === 1 ? "" : "s"})`);
  return [`Runs made with ${byCommit.size === 1 ? "commit" : "commits"} ${list.join(", ")}`];
}

function setup(s: Summary): string[] {
  const c = s.shared;
  const seeds = s.config.runs.map((r) => `${r.name} (${r.seeds.length})`).join(", ");
  return [
    `Start: \`${s.start.checkpoint}\` (weights sha256 ${s.start.sha256.slice(0, 16)}…), the same for every run`,
    `Budget per run: ${c.steps} steps × ${c.batchPrompts} prompts × ${c.groupSize} rollouts, mini-batches of ${c.miniBatchPrompts} prompts, ` +
      `lr ${c.optimizer.lr} (${c.optimizer.schedule.kind}), responses ≤ ${c.maxResponseTokens} tokens, temperature ${c.temperature}; ` +
      `validation Pass@1 every ${c.eval.every} steps (k = ${c.eval.k}, ${c.eval.problems} problems)`,
    `Final held-out evaluation: Pass@1 over k = ${s.config.finalEval.k} samples, ${s.config.finalEval.problemsPerFamily} problems per task family (${s.families.join(", ")}), the same problems for every run` +
      (s.answerOverlap
        ? `; held-out problems whose answer is also a training answer: ${s.families.map((f) => `${f} ${(s.answerOverlap![f]! * 100).toFixed(0)}%`).join(", ")} (split \`${s.shared.task.kind === "curriculum" ? s.shared.task.split : "given sets"}\`)`
        : ""),
    `Runs (seeds): ${seeds}; ${s.runs.length} of ${s.plannedRuns ?? s.runs.length} finished; ` +
      (s.runCurves
        ? `each finished run's record (result, config, curves) in \`${s.config.reportDir}/runs/<run>/seed-<n>.json\`, its metrics and checkpoints in \`${s.config.runsDir}/<run>/seed-<n>/\``
        : `each run's metrics.jsonl, config and checkpoints in \`${s.config.runsDir}/<run>/seed-<n>/\` (these runs predate the records kept beside the report)`),
  ];
}

const INTERVALS =
  "In brackets, the 95% interval over problems: a bootstrap of the held-out problems (2,000 resamples, fixed seed) of the seeds' mean Pass@1 per problem; a problem's samples are correlated, so problems, not samples, are resampled.";

/** Said when the results predate per-problem records, which the intervals need. */
const NO_INTERVALS =
  "These results were recorded before per-problem Pass@1 was kept, so no interval over problems can be given.";

function intervalsNote(s: Summary): string {
  const rows = [...s.table1.models, ...s.table1.methods, ...s.table4.rows];
  return rows.some((r) => r.cells.some((c) => c.interval)) ? INTERVALS : NO_INTERVALS;
}

const table1Caption = (s: Summary) =>
  `Table 1 layout: Pass@1 per task family of the curriculum's held-out split and their unweighted average; mean ± std over seeds. ${intervalsNote(s)} Best method per column in bold.`;
const table4Caption = (s: Summary) =>
  `Table 4 layout: average Pass@1 (%) over the task families, mean ± std over seeds. ${intervalsNote(s)} REAL is τ = 0.5 without KL (the τ = 0.5 and no-KL settings).`;

/** What the training curves show, and what the runs behind them did not record. */
function curvesCaption(s: Summary, names: readonly string[]): string {
  const methods = names.flatMap((n) => (s.curves[n] ? [s.curves[n]] : []));
  const every = s.shared.eval.every;
  const lines = [
    `Mean over seeds. Validation Pass@1 is on the run's held-out split, every ${every} step${every === 1 ? "" : "s"}.`,
  ];
  if (s.config.smoothing > 1)
    lines.push(`Per-step curves are trailing means over ${s.config.smoothing} steps, taken seed by seed.`);
  const banded = methods.some((m) =>
    Object.values(m.curves).some((points) => points.some((p) => p.std !== undefined)),
  );
  const seeded = methods.some((m) => s.config.runs.find((r) => r.label === m.label)!.seeds.length > 1);
  if (banded)
    lines.push("The shaded band is ± one standard deviation over seeds (methods with two or more seeds).");
  else if (seeded)
    lines.push(
      "These curves were recorded as means over seeds only, before the spread was kept, so no band is drawn.",
    );
  const startsAtZero = methods.every((m) => m.curves.valPass1[0]?.x === 0);
  lines.push(
    startsAtZero
      ? "Validation Pass@1 starts at step 0, the starting checkpoint."
      : "These runs predate the step-0 validation, so their validation curves start at the first evaluation step (the starting checkpoint's held-out Pass@1, on other problems, is in Table 1).",
  );
  return lines.join(" ");
}

const PAIRS_CAPTION =
  "REAL's average Pass@1 minus each baseline's, seed by seed (a seed gives both methods the same start and the same prompts in the same order), averaged over the seed pairs. 95% interval: percentile bootstrap, 10,000 resamples of the seed pairs and, within each, of the held-out problems, so that both the training seed and the problem draw are noise. REAL is ahead (behind) when the interval lies above (below) 0.";

const LEARNING_RATE_CAPTION =
  "Average Pass@1 at the end of the budget for each method at each learning rate (mean ± std over seeds [95% interval over problems]); the spread is the highest minus the lowest mean, its interval a bootstrap over seeds and problems of every rate. A bounded gradient should make the spread small (claim 3).";

const TAU_CAPTION =
  "REAL's average Pass@1 at the end of the budget at each temperature τ of its scores (mean ± std over seeds [95% interval over problems]). Claim 4: τ = 0.1 is unstable, 0.5 and 1.0 are not (see the stability table).";

const stabilityCaption = (s: Summary) =>
  `Each run judged on its recorded curve (points averaging ${[...new Set((s.runCurves ?? []).map((c) => c.blockSteps))].join(" or ")} steps): entropy collapsed when its last point is below half its first, exploded above twice it; the training reward fell when, as a trailing mean over a tenth of the points, it ends more than 0.1 below its best. A run can be both collapsed and fallen. Entropy and reward: means over the method's runs.`;

/** The study's tests, as Markdown sections; none for a summary without pairs, sweeps or curves. */
function testsMarkdown(s: Summary): string[] {
  const section = (title: string, caption: string, grid: Grid) => [
    `## ${title}`,
    "",
    caption,
    "",
    gridMarkdown(grid),
    "",
  ];
  return [
    ...(s.pairs.length
      ? section("Paired differences: REAL − baseline", PAIRS_CAPTION, pairsGrid(s.pairs))
      : []),
    ...(s.learningRates.length
      ? section("Learning rate", LEARNING_RATE_CAPTION, panelGrid(s.learningRates, "lr"))
      : []),
    ...(s.tau ? section("Temperature τ", TAU_CAPTION, panelGrid([s.tau], "τ")) : []),
    ...(s.stability.length ? section("Stability", stabilityCaption(s), stabilityGrid(s.stability)) : []),
  ];
}

function testsHtml(s: Summary): string {
  const colorIndex = (run: string) => s.curves[run]?.index ?? 0;
  const parts: string[] = [];
  if (s.pairs.length)
    parts.push(
      `<h2 id="pairs">Paired differences: REAL − baseline</h2><p>${escapeHtml(PAIRS_CAPTION)}</p>${gridHtml(pairsGrid(s.pairs))}`,
    );
  if (s.learningRates.length)
    parts.push(
      `<h2 id="learning-rate">Learning rate</h2><p>${escapeHtml(LEARNING_RATE_CAPTION)}</p>${gridHtml(panelGrid(s.learningRates, "lr"))}`,
      `<div class="figure">${panelChart(s.learningRates, colorIndex, "Final average Pass@1 by learning rate", "learning rate (log scale)", true)}</div>`,
    );
  if (s.tau)
    parts.push(
      `<h2 id="tau">Temperature τ</h2><p>${escapeHtml(TAU_CAPTION)}</p>${gridHtml(panelGrid([s.tau], "τ"))}`,
      `<div class="figure">${panelChart([s.tau], colorIndex, "Final average Pass@1 by τ", "τ", false)}</div>`,
    );
  if (s.stability.length)
    parts.push(
      `<h2 id="stability">Stability</h2><p>${escapeHtml(stabilityCaption(s))}</p>${gridHtml(stabilityGrid(s.stability))}`,
    );
  return parts.join("\n");
}

export function reportMarkdown(s: Summary): string {
  return [
    `# ${TITLE}`,
    "",
    ...provenance(s).map((l) => `- ${l}`),
    ...setup(s).map((l) => `- ${l}`),
    "",
    "## Outcome",
    "",
    ...s.outcome.map((l) => `- ${l}`),
    "",
    "## Table 1: methods",
    "",
    table1Caption(s),
    "",
    gridMarkdown(table1Grid(s.table1)),
    "",
    "## Table 4: further analysis",
    "",
    table4Caption(s),
    "",
    gridMarkdown(table4Grid(s.table4)),
    "",
    ...testsMarkdown(s),
  ].join("\n");
}

export function reportHtml(s: Summary): string {
  const fig1 = figure1(s.figure1);
  const curvesOf = (names: readonly string[]) =>
    trainingCurves(names.flatMap((n) => (s.curves[n] ? [s.curves[n]] : [])));
  const main = s.config.runs.filter((r) => r.table === "main").map((r) => r.name);
  const deviation = Math.max(...Object.values(fig1.maxDeviation));
  const list = (lines: string[]) => `<ul>${lines.map((l) => `<li>${inlineCode(l)}</li>`).join("")}</ul>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title>
<style>${CHART_CSS}
.section{text-align:left;background:#fafafa;font-style:italic}.figure{display:flex;flex-wrap:wrap}
.outcome li{margin:.3rem 0}</style></head><body>
<h1>${TITLE}</h1>
${list(provenance(s))}
<h2>Setup</h2>
${list(setup(s))}
<h2>Outcome</h2>
<ul class="outcome">${s.outcome.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>
<h2>Table 1: methods</h2>
<p>${escapeHtml(table1Caption(s))}</p>
${gridHtml(table1Grid(s.table1))}
<h2>Table 4: further analysis</h2>
<p>${escapeHtml(table4Caption(s))}</p>
${gridHtml(table4Grid(s.table4))}
${testsHtml(s)}
<h2 id="figure-1">Figure 1: gradient magnitude against the relative log-probability</h2>
<p>Autodiff through the project's GRPO and REAL losses (wide, pale) under the closed forms of eq. 3 and eq. 9
(dashed), with the paper's settings ε = 0.2, A = 1, τ = 0.5, C = 4. Largest difference between the two over
the grid: ${deviation.toExponential(1)}.</p>
<div class="figure">${fig1.svg.join("")}</div>
<h2 id="figure-4">Figure 4: training dynamics of the methods</h2>
<p>${escapeHtml(curvesCaption(s, main))}</p>
<div class="figure">${curvesOf(main).join("")}</div>
<h2 id="figure-5">Figure 5: BCE loss and anchor logits</h2>
<p>${escapeHtml(curvesCaption(s, s.config.figure5))}</p>
<div class="figure">${curvesOf(s.config.figure5).join("")}</div>
<h2>Runs</h2>
${runsTable(s)}
</body></html>
`;
}

function runsTable(s: Summary): string {
  const head = ["run", "seed", "steps", "Pass@1 avg.", ...s.families, "train + val (s)", "final eval (s)"];
  const rows = s.runs.map((r) => [
    r.name,
    String(r.seed),
    String(r.steps),
    r.pass1.average.toFixed(3),
    ...s.families.map((f) => r.pass1.byFamily[f]!.toFixed(3)),
    r.trainSeconds.toFixed(0),
    r.pass1.seconds.toFixed(0),
  ]);
  const cells = (tag: string, values: string[]) =>
    `<tr>${values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join("")}</tr>`;
  return `<table>${cells("th", head)}${rows.map((r) => cells("td", r)).join("")}</table>`;
}

/** Escapes a line and turns its `code` spans into <code>. */
function inlineCode(line: string): string {
  return escapeHtml(line).replace(/`([^`]+)`/g, "<code>$1</code>");
}

export async function writeReport(
  dir: string,
  summary: Summary,
): Promise<Record<keyof typeof REPORT_FILES, string>> {
  await mkdir(dir, { recursive: true });
  const paths = {
    html: join(dir, REPORT_FILES.html),
    markdown: join(dir, REPORT_FILES.markdown),
    summary: join(dir, REPORT_FILES.summary),
  };
  await writeFile(paths.html, reportHtml(summary));
  await writeFile(paths.markdown, reportMarkdown(summary));
  await writeFile(paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return paths;
}
