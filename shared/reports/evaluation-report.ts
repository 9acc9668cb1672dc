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

export function evaluationMarkdown(result: EvaluationResult, title: string): string {
  const names = result.benchmarks.map((b) => benchmarkDisplayName(b.benchmark));
  const k = Math.min(...result.benchmarks.map((b) => b.k));
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    `# ${title}`,
    "",
    `Pass@1 (%) over k = ${k} samples per problem; Avg. is the unweighted mean over benchmarks.`,
    "",
    row(["", ...names, "Avg."]),
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
    row(["problems", ...result.benchmarks.map((b) => String(b.problems))]),
    row(["mean response (chars)", ...result.benchmarks.map((b) => b.meanResponseChars.toFixed(0))]),
    row(["grading timeouts/errors", ...result.benchmarks.map((b) => String(b.gradingFailures))]),
    "",
  ];
  return lines.join("\n");
}

export function evaluationHtml(result: EvaluationResult, title: string): string {
  const groups = [
    ...result.benchmarks.map((b) => ({
      label: benchmarkDisplayName(b.benchmark),
      values: [b.pass1, b.majAtK],
    })),
    { label: "Avg.", values: [result.average.pass1, result.average.majAtK] },
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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CHART_CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${result.samples} samples over ${result.problems.length} problems; Pass@1 is the mean over problems of the fraction of correct samples (k = ${k}).</p>
${htmlTable(split > 0 ? table.slice(0, split) : table)}
${groupedBars(groups, ["Pass@1", `maj@${k}`], "Pass@1 and majority vote per benchmark")}
${lineChart(curves, "pass@k", "k (samples)", true)}
${split > 0 ? htmlTable(table.slice(split)) : ""}
</body></html>
`;
}
