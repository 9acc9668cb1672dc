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
  /** Dashed and thin: a reference curve (the closed form), drawn over a wide one it should match. */
  dashed?: boolean;
  /** Wide and translucent: a measured curve that a dashed reference on top of it should match. */
  wide?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  /** The y axis starts at 0 (else it spans the data, padded, so that small differences show). */
  zeroBased?: boolean;
  /** Y ticks as percentages. */
  percent?: boolean;
}

/** Colour of the i-th run of the config, the same in every figure. */
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

/** About five round tick values covering [lo, hi], never closer than `minStep` (1 for steps). */
export function ticks(lo: number, hi: number, minStep = 0): number[] {
  if (!(hi > lo)) return [lo];
  const raw = Math.max((hi - lo) / 5, minStep);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** The data's range, padded by 5% (never below 0 for data that is not), or from 0 when asked. */
export function yRange(ys: readonly number[], zeroBased: boolean): [number, number] {
  if (ys.length === 0) return [0, 1];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.1 || 0.05;
  if (zeroBased) return [Math.min(0, lo), hi + pad];
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
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
  const [yMin, yMax] = yRange(ys, options.zeroBased ?? false);
  const x = (v: number) => left + ((v - xMin) / Math.max(xMax - xMin, 1e-9)) * (right - left);
  const y = (v: number) => bottom - ((v - yMin) / Math.max(yMax - yMin, 1e-9)) * (bottom - top);
  const yTicks = ticks(yMin, yMax);
  // As many decimals as the tick step needs (1.5% steps print 1 decimal, 10% steps none).
  const step = yTicks.length > 1 ? yTicks[1]! - yTicks[0]! : 1;
  const decimals = Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9));
  const yText = (v: number) => (options.percent ? `${(v * 100).toFixed(decimals)}%` : String(v));
  const parts = [`<text x="10" y="16" class="title">${escapeHtml(options.title)}</text>`];
  for (const t of yTicks) {
    parts.push(
      `<line x1="${left}" x2="${right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`,
      `<text x="${left - 5}" y="${(y(t) + 4).toFixed(1)}" class="axis" text-anchor="end">${yText(t)}</text>`,
    );
  }
  for (const t of ticks(xMin, xMax, xs.every(Number.isInteger) ? 1 : 0)) {
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
    const style = s.dashed
      ? 'stroke-width="1.5" stroke-dasharray="5 3"'
      : s.wide
        ? 'stroke-width="5" stroke-opacity="0.35"'
        : 'stroke-width="2"';
    parts.push(
      `<path d="${path}" fill="none" stroke="${s.color}" ${style}><title>${escapeHtml(s.label)}</title></path>`,
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
  const entryWidth = Math.max(...series.map((s) => s.label.length * 7 + 34), 60);
  const perRow = Math.max(1, Math.floor(width / entryWidth));
  const rows = Math.ceil(series.length / perRow);
  const svg = series
    .map((s, i) => {
      const [lx, ly] = [x0 + (i % perRow) * entryWidth, y0 + Math.floor(i / perRow) * 14];
      const style = s.dashed
        ? 'stroke-width="1.5" stroke-dasharray="5 3"'
        : s.wide
          ? 'stroke-width="5" stroke-opacity="0.35"'
          : 'stroke-width="2"';
      return (
        `<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" ${style}/>` +
        `<text x="${lx + 20}" y="${ly}" class="axis">${escapeHtml(s.label)}</text>`
      );
    })
    .join("");
  return { svg, bottom: y0 + (rows - 1) * 14 };
}
