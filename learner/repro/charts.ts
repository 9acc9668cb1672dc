/**
 * A line chart on numeric axes for the report (training curves over steps, gradients over scores),
 * in the style of shared/reports/svg.ts, whose fixed 0–100% chart does not fit these.
 */
import { escapeHtml, PALETTE } from "../../shared/reports/svg.ts";
import type { Point } from "./curves.ts";

export interface Series {
  label: string;
  points: readonly Point[];
  color: string;
  /** Dashed: a reference curve (the closed form) drawn under the measured one. */
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  /** Fixed y range; by default it spans the data (and 0). */
  yRange?: [number, number];
  /** Y ticks as percentages. */
  percent?: boolean;
}

/** Colour of the i-th run of the config, the same in every figure. */
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

/** About five round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

export function xyChart(series: readonly Series[], options: ChartOptions): string {
  const width = 440;
  const [left, right, top, bottom] = [48, width - 10, 28, 186];
  const key = legend(series, left, bottom + 46, right - left);
  const height = key.bottom + 6;
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y).filter(Number.isFinite);
  const [xMin, xMax] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [yMin, yMax] = options.yRange ?? (ys.length ? [Math.min(0, ...ys), Math.max(...ys)] : [0, 1]);
  const x = (v: number) => left + ((v - xMin) / Math.max(xMax - xMin, 1e-9)) * (right - left);
  const y = (v: number) => bottom - ((v - yMin) / Math.max(yMax - yMin, 1e-9)) * (bottom - top);
  const yText = (v: number) => (options.percent ? `${Math.round(v * 100)}%` : String(v));
  const parts = [`<text x="10" y="16" class="title">${escapeHtml(options.title)}</text>`];
  for (const t of ticks(yMin, yMax)) {
    parts.push(
      `<line x1="${left}" x2="${right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`,
      `<text x="${left - 5}" y="${(y(t) + 4).toFixed(1)}" class="axis" text-anchor="end">${yText(t)}</text>`,
    );
  }
  for (const t of ticks(xMin, xMax)) {
    parts.push(
      `<text x="${x(t).toFixed(1)}" y="${bottom + 14}" class="axis" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${(left + right) / 2}" y="${bottom + 28}" class="axis" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`,
  );
  for (const s of series) {
    const path = s.points
      .filter((p) => Number.isFinite(p.y))
      .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join("");
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : "";
    parts.push(
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="${s.dashed ? 1.5 : 2}"${dash}><title>${escapeHtml(s.label)}</title></path>`,
    );
    if (s.points.length === 1) {
      const [p] = s.points;
      parts.push(`<circle cx="${x(p!.x).toFixed(1)}" cy="${y(p!.y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    }
  }
  parts.push(key.svg);
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="chart">${parts.join("")}</svg>`;
}

/** Entries in rows under the plot, as many to a row as fit its width; where the last row ends. */
function legend(
  series: readonly Series[],
  x0: number,
  y0: number,
  width: number,
): { svg: string; bottom: number } {
  // About 6 px per character at the axis font size, plus the line sample.
  const entryWidth = Math.max(...series.map((s) => s.label.length * 6 + 30), 60);
  const perRow = Math.max(1, Math.floor(width / entryWidth));
  const rows = Math.ceil(series.length / perRow);
  const svg = series
    .map((s, i) => {
      const [lx, ly] = [x0 + (i % perRow) * entryWidth, y0 + Math.floor(i / perRow) * 14];
      const dash = s.dashed ? ' stroke-dasharray="5 3"' : "";
      return (
        `<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${dash}/>` +
        `<text x="${lx + 20}" y="${ly}" class="axis">${escapeHtml(s.label)}</text>`
      );
    })
    .join("");
  return { svg, bottom: y0 + (rows - 1) * 14 };
}
