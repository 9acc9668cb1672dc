/** An evaluation as Markdown (the paper's Table 1 layout) and as a self-contained HTML page. */
import type { EvaluationResult } from "../contracts/evaluation.ts";
import { CHART_CSS, escapeHtml, groupedBars, lineChart } from "./svg.ts";

const DISPLAY_NAMES: Record<string, string> = {
  aime24: "AIME24",
  aime25: "AIME25",
  amc23: "AMC23",
  math500: "MATH-500",
  minerva: "Minerva",
  olympiad_bench: "Olympiad",
};

export function benchmarkDisplayName(name: string): string {
  return DISPLAY_NAMES[name] ?? name;
}

const pct = (v: number) => (v * 100).toFixed(1);

const PARTIAL_MARK = " (partial)";
const PARTIAL_HEADLINE = "Warning: partial evaluation.";
const PARTIAL_LEAD = "These figures do not cover the whole problem sets:";

/**
 * What a partial evaluation leaves out, one sentence per benchmark and one for the average; empty
 * for a complete one. Every output (terminal, Markdown, HTML) shows these.
 */
export function partialWarnings(result: EvaluationResult): string[] {
  const samplesOf = (min: number, max: number) =>
    min === max ? `${min} sample${min === 1 ? "" : "s"}` : `${min} to ${max} samples`;
  const covered = result.benchmarks
    .filter((b) => b.coverage.partial)
    .map(({ benchmark, coverage }) => {
      const { problems, samplesPerProblem: samples, k } = coverage;
      const which =
        problems.covered < problems.total
          ? `${problems.covered} of ${problems.total}`
          : `all ${problems.total}`;
      const each =
        samples.min < k
          ? `${samplesOf(samples.min, samples.max)} per problem (k = ${k})`
          : `${samplesOf(k, k)} each`;
      return `${benchmarkDisplayName(benchmark)}: ${which} problems, ${each}.`;
    });
  const missing = result.coverage.missing.map(
    (name) => `${benchmarkDisplayName(name)}: no samples, left out.`,
  );
  if (covered.length === 0 && missing.length === 0) return [];
  const scored = result.benchmarks.length;
  const partial =
    covered.length === 0
      ? ""
      : covered.length === scored
        ? scored === 1
          ? ", partial"
          : ", all partial"
        : `, ${covered.length} of them partial`;
  const over =
    missing.length > 0
      ? `${scored} of ${scored + missing.length} benchmarks`
      : `${scored} benchmark${scored === 1 ? "" : "s"}`;
  const average = `Avg.: the mean over ${over}${partial}.`;
  return [...covered, ...missing, average];
}

const marked = (name: string, partial: boolean) => (partial ? `${name}${PARTIAL_MARK}` : name);

export function evaluationMarkdown(result: EvaluationResult, title: string): string {
  const names = result.benchmarks.map((b) => marked(benchmarkDisplayName(b.benchmark), b.coverage.partial));
  const k = Math.min(...result.benchmarks.map((b) => b.k));
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const warnings = partialWarnings(result);
  const lines = [
    `# ${title}`,
    "",
    ...(warnings.length > 0
      ? [`**${PARTIAL_HEADLINE}** ${PARTIAL_LEAD}`, "", ...warnings.map((w) => `- ${w}`), ""]
      : []),
    `Pass@1 (%) over k = ${k} samples per problem; Avg. is the unweighted mean over benchmarks.`,
    "",
    row(["", ...names, marked("Avg.", result.coverage.partial)]),
    row(["---", ...names.map(() => "---:"), "---:"]),
    row(["Pass@1", ...result.benchmarks.map((b) => pct(b.pass1)), pct(result.average.pass1)]),
    row([`maj@${k}`, ...result.benchmarks.map((b) => pct(b.majAtK)), pct(result.average.majAtK)]),
    ...Object.keys(result.average.passAtK)
      .filter((key) => key !== "pass@1")
      .map((key) =>
        row([
          key,
          ...result.benchmarks.map((b) => pct(b.passAtK[key] ?? Number.NaN)),
          pct(result.average.passAtK[key]!),
        ]),
      ),
    "",
    row(["", ...names]),
    row(["---", ...names.map(() => "---:")]),
    row([
      "problems",
      ...result.benchmarks.map(({ coverage: { problems } }) =>
        problems.covered < problems.total
          ? `${problems.covered} of ${problems.total}`
          : String(problems.total),
      ),
    ]),
    row([
      "samples per problem",
      ...result.benchmarks.map(({ coverage: { samplesPerProblem: s } }) =>
        s.min === s.max ? String(s.min) : `${s.min}–${s.max}`,
      ),
    ]),
    row(["mean response (chars)", ...result.benchmarks.map((b) => b.meanResponseChars.toFixed(0))]),
    row(["grading timeouts/errors", ...result.benchmarks.map((b) => String(b.gradingFailures))]),
    "",
  ];
  return lines.join("\n");
}

const PARTIAL_CSS = ".partial{background:#fff4d6;border:2px solid #d99a00;padding:.6rem 1rem;margin:1rem 0}";

export function evaluationHtml(result: EvaluationResult, title: string): string {
  const groups = [
    ...result.benchmarks.map((b) => ({
      label: marked(benchmarkDisplayName(b.benchmark), b.coverage.partial),
      values: [b.pass1, b.majAtK],
    })),
    { label: marked("Avg.", result.coverage.partial), values: [result.average.pass1, result.average.majAtK] },
  ];
  const k = Math.min(...result.benchmarks.map((b) => b.k));
  const curves = result.benchmarks.map((b) => ({
    label: benchmarkDisplayName(b.benchmark),
    points: Object.entries(b.passAtK).map(([key, y]) => ({ x: Number(key.slice("pass@".length)), y })),
  }));
  const table = evaluationMarkdown(result, title)
    .split("\n")
    .filter((line) => line.startsWith("|") && !line.includes("---"));
  const htmlTable = (rows: string[]) =>
    `<table>${rows
      .map((r, i) => {
        const cells = r
          .slice(1, -1)
          .split("|")
          .map((c) => escapeHtml(c.trim()));
        const tag = i === 0 ? "th" : "td";
        return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
      })
      .join("")}</table>`;
  const split = table.findIndex((r, i) => i > 0 && r.startsWith("|  |"));
  const warnings = partialWarnings(result);
  const banner =
    warnings.length > 0
      ? `<div class="partial" role="alert"><strong>${PARTIAL_HEADLINE}</strong> ${PARTIAL_LEAD}<ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></div>\n`
      : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CHART_CSS}${PARTIAL_CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
${banner}<p>${result.samples} samples over ${result.problems.length} problems; Pass@1 is the mean over problems of the fraction of correct samples (k = ${k}).</p>
${htmlTable(split > 0 ? table.slice(0, split) : table)}
${groupedBars(groups, ["Pass@1", `maj@${k}`], "Pass@1 and majority vote per benchmark")}
${lineChart(curves, "pass@k", "k (samples)", true)}
${split > 0 ? htmlTable(table.slice(split)) : ""}
</body></html>
`;
}
