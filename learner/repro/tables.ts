/**
 * Tables 1 and 4 as text: one grid per table (sections of rows, the best value of each column in bold,
 * as the paper prints them), rendered to Markdown or to HTML.
 */
import { escapeHtml } from "../../shared/reports/svg.ts";
import type { MeanStd, Table1, Table4, TableRow } from "./aggregate.ts";

export interface Grid {
  header: string[];
  sections: { title?: string; rows: GridRow[] }[];
}

interface GridRow {
  label: string;
  cells: { text: string; best: boolean }[];
}

/**
 * `0.412 ± 0.013 [0.381, 0.443]`: the mean, the std over seeds (none for one seed) and the 95% interval
 * over problems (where recorded); `—` for no finished run; percent as Table 4 prints it.
 */
export function formatMeanStd(m: MeanStd, percent = false): string {
  if (m.n === 0) return "—";
  const scale = percent ? 100 : 1;
  const digits = percent ? 1 : 3;
  const text = (v: number) => (v * scale).toFixed(digits);
  const spread = m.n > 1 ? ` ± ${text(m.std)}` : "";
  const interval = m.interval ? ` [${text(m.interval.lo)}, ${text(m.interval.hi)}]` : "";
  return `${text(m.mean)}${spread}${interval}`;
}

/** Both layouts print three digits of a fraction (0.412, 41.2%): ties are judged as printed. */
const printed = (m: MeanStd) => (m.n > 0 ? Math.round(m.mean * 1000) : Number.NEGATIVE_INFINITY);

/** Per column, which rows hold the highest mean as printed (none when fewer than two rows have one). */
function bestByColumn(rows: readonly TableRow[]): boolean[][] {
  const columns = rows[0]?.cells.length ?? 0;
  const best = rows.map(() => Array<boolean>(columns).fill(false));
  for (let c = 0; c < columns; c++) {
    const means = rows.map((r) => printed(r.cells[c]!));
    if (means.filter(Number.isFinite).length < 2) continue;
    const top = Math.max(...means);
    means.forEach((m, r) => {
      best[r]![c] = m === top;
    });
  }
  return best;
}

function gridRows(rows: readonly TableRow[], percent: boolean, markBest: boolean): GridRow[] {
  const best = markBest ? bestByColumn(rows) : rows.map((r) => r.cells.map(() => false));
  return rows.map((row, r) => ({
    label: row.label,
    cells: row.cells.map((m, c) => ({ text: formatMeanStd(m, percent), best: best[r]![c]! })),
  }));
}

export function table1Grid(t1: Table1): Grid {
  return {
    header: ["", ...t1.columns.map(familyLabel)],
    sections: [
      { title: "Models", rows: gridRows(t1.models, false, false) },
      { title: "Methods", rows: gridRows(t1.methods, false, true) },
    ],
  };
}

export function table4Grid(t4: Table4): Grid {
  return { header: ["Settings", "Pass@1 (%)"], sections: [{ rows: gridRows(t4.rows, true, true) }] };
}

const familyLabel = (family: string) => family.charAt(0).toUpperCase() + family.slice(1);

export function gridMarkdown(grid: Grid): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [line(grid.header), line(grid.header.map((_, i) => (i === 0 ? "---" : "---:")))];
  for (const section of grid.sections) {
    if (section.title) lines.push(line([`**${section.title}**`, ...grid.header.slice(1).map(() => "")]));
    for (const row of section.rows)
      lines.push(line([row.label, ...row.cells.map((c) => (c.best ? `**${c.text}**` : c.text))]));
  }
  return lines.join("\n");
}

export function gridHtml(grid: Grid): string {
  const head = `<tr>${grid.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = grid.sections.flatMap((section) => [
    ...(section.title
      ? [`<tr><th colspan="${grid.header.length}" class="section">${escapeHtml(section.title)}</th></tr>`]
      : []),
    ...section.rows.map(
      (row) =>
        `<tr><td>${escapeHtml(row.label)}</td>${row.cells
          .map((c) => `<td>${c.best ? `<b>${escapeHtml(c.text)}</b>` : escapeHtml(c.text)}</td>`)
          .join("")}</tr>`,
    ),
  ]);
  return `<table>${head}${body.join("")}</table>`;
}
