/** Small dependency-free SVG charts for self-contained HTML reports. */
import { ellipsize, textWidth } from "./text-width.ts";

export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#9c755f",
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Font sizes of CHART_CSS's classes, in pixels: the layout measures text with them. */
const FONT = { title: 14, axis: 11, value: 9 } as const;

/** The chart's title, cut to `maxWidth` with an ellipsis (the full text as its tooltip). */
function titleText(title: string, maxWidth: number): string {
  const shown = ellipsize(title, maxWidth, FONT.title, "bold");
  const tooltip = shown === title ? "" : `<title>${escapeHtml(title)}</title>`;
  return `<text x="10" y="18" class="title">${escapeHtml(shown)}${tooltip}</text>`;
}

/** A label cut to `maxWidth` with an ellipsis, the full text as its tooltip. */
function fittedLabel(label: string, maxWidth: number): string {
  const shown = ellipsize(label, maxWidth, FONT.axis);
  return shown === label ? escapeHtml(label) : `${escapeHtml(shown)}<title>${escapeHtml(label)}</title>`;
}

export interface BarGroup {
  label: string;
  /** One value per series, in [0, 1]. */
  values: number[];
}

/**
 * Grouped vertical bars on a 0–100% axis. The chart is as wide as its bars, its legend or its title,
 * whichever is widest, so that one or two groups do not leave the title hanging over the next chart.
 */
export function groupedBars(groups: BarGroup[], series: string[], title: string): string {
  const slot = series.length * 22 + 26;
  const legend = barLegendLayout(series, 60);
  const width = Math.ceil(
    Math.max(90 + groups.length * slot, legend.end + 10, textWidth(title, FONT.title, "bold") + 20),
  );
  const height = 260;
  // Room above the 100% line for a full bar's value label under the title.
  const top = 36;
  const bottom = 200;
  const y = (v: number) => bottom - v * (bottom - top);
  const parts: string[] = [titleText(title, width - 20)];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="50" x2="${width - 10}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>`,
      `<text x="44" y="${y(tick) + 4}" class="axis" text-anchor="end">${tick * 100}%</text>`,
    );
  }
  groups.forEach((group, g) => {
    const x0 = 60 + g * slot;
    group.values.forEach((value, s) => {
      const x = x0 + s * 22;
      parts.push(
        `<rect x="${x}" y="${y(value)}" width="18" height="${bottom - y(value)}" fill="${PALETTE[s % PALETTE.length]}">` +
          `<title>${escapeHtml(`${group.label} ${series[s]}: ${(value * 100).toFixed(1)}%`)}</title></rect>`,
        `<text x="${x + 9}" y="${y(value) - 3}" class="value" text-anchor="middle">${(value * 100).toFixed(0)}</text>`,
      );
    });
    parts.push(
      `<text x="${x0 + (series.length * 22) / 2}" y="${bottom + 16}" class="axis" text-anchor="middle">${fittedLabel(group.label, slot - 6)}</text>`,
    );
  });
  parts.push(
    ...legend.items.map(
      ({ label, x }, i) =>
        `<rect x="${x}" y="${height - 22}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${x + 16}" y="${height - 12}" class="axis">${escapeHtml(label)}</text>`,
    ),
  );
  return svg(width, height, parts);
}

/** Legend entries one after the other, each as wide as its label. */
function barLegendLayout(
  labels: readonly string[],
  start: number,
): { items: { label: string; x: number }[]; end: number } {
  let x = start;
  const items = labels.map((label) => {
    const item = { label, x };
    x += 16 + textWidth(label, FONT.axis) + 20;
    return item;
  });
  return { items, end: x - 20 };
}

export interface Line {
  label: string;
  points: readonly { x: number; y: number }[];
  /** A colour of its own (a run's, the same in every figure); else the palette's, by position. */
  color?: string;
  /** A pale "wide" measured curve under a thin "dashed" reference (a closed form) that it should match. */
  stroke?: "wide" | "dashed";
  /** A shaded band around the line (a spread over seeds), drawn under it in its colour. */
  band?: readonly BandPoint[];
}

export interface BandPoint {
  x: number;
  lo: number;
  hi: number;
}

export interface LineChartOptions {
  /** A y axis from 0 to this value in plain numbers, instead of 0–100%. */
  yMax?: number;
  /**
   * A y axis that spans the data, padded, in percentages or plain numbers (`yMax` then goes unused):
   * lines that differ by a few points stay apart instead of merging at the bottom of 0–100%.
   */
  fitY?: "percent" | "plain";
  /** Whether the chart draws its own legend (false: the page has one for all its charts). */
  legend?: boolean;
}

/** Past this many distinct x values, the x axis gets a few round ticks and the points no markers. */
const MAX_LABELLED_POINTS = 16;

/** Legend labels longer than this are cut with an ellipsis. */
const MAX_LEGEND_WIDTH = 220;

const STROKES = {
  solid: 'stroke-width="2"',
  wide: 'stroke-width="5" stroke-opacity="0.35"',
  dashed: 'stroke-width="1.5" stroke-dasharray="5 3"',
};

/** Lines on a linear or log2 x axis with a 0–100% y axis (or 0 to `yMax`, or fitted to the data). */
export function lineChart(
  lines: Line[],
  title: string,
  xLabel: string,
  log2X = false,
  options: LineChartOptions = {},
): string {
  const withLegend = options.legend ?? true;
  const legendWidth = withLegend
    ? Math.min(MAX_LEGEND_WIDTH, Math.max(0, ...lines.map((l) => textWidth(l.label, FONT.axis))))
    : 0;
  const [left, right, top, bottom] = [50, 390, 30, 250];
  const width = Math.ceil(withLegend ? right + 30 + legendWidth + 10 : right + 20);
  const height = withLegend ? Math.max(300, top + lines.length * 18 + 10) : 300;
  const xs = lines.flatMap((l) => l.points.map((p) => (log2X ? Math.log2(p.x) : p.x)));
  const [xMin, xMax] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const x = (v: number) =>
    left + (((log2X ? Math.log2(v) : v) - xMin) / Math.max(xMax - xMin, 1e-9)) * (right - left);
  const axis = yAxis(
    lines.flatMap((l) => [...l.points.map((p) => p.y), ...(l.band ?? []).flatMap((b) => [b.lo, b.hi])]),
    options,
  );
  const y = (v: number) => bottom - ((v - axis.min) / Math.max(axis.max - axis.min, 1e-9)) * (bottom - top);
  const yText = (v: number) => (axis.percent ? `${(v * 100).toFixed(1)}%` : formatPlain(v));
  const colorOf = (line: Line, i: number) => line.color ?? PALETTE[i % PALETTE.length]!;
  const parts: string[] = [titleText(title, width - 20)];
  const tickLabels = axisLabels(axis);
  axis.ticks.forEach((tick, i) => {
    parts.push(
      `<line x1="${left}" x2="${right}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>`,
      `<text x="${left - 6}" y="${y(tick) + 4}" class="axis" text-anchor="end">${tickLabels[i]}</text>`,
    );
  });
  const distinctX = [...new Set(lines.flatMap((l) => l.points.map((q) => q.x)))].sort((a, b) => a - b);
  const dense = distinctX.length > MAX_LABELLED_POINTS;
  // Round ticks are found on the axis's own scale: exponents of two on a log2 axis.
  const roundX = roundTicks(xMin, xMax).map((t) => (log2X ? 2 ** t : t));
  for (const p of dense || crowded(distinctX, x) ? roundX : distinctX) {
    // Low enough to clear the lowest y label where the first x label sits under the axis's corner.
    parts.push(`<text x="${x(p)}" y="${bottom + 18}" class="axis" text-anchor="middle">${p}</text>`);
  }
  parts.push(
    `<text x="${(left + right) / 2}" y="${bottom + 36}" class="axis" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
  );
  lines.forEach((line, i) => {
    if (!line.band?.length) return;
    const edge = (points: readonly BandPoint[], key: "lo" | "hi") =>
      points.map((b) => `${x(b.x).toFixed(1)},${y(b[key]).toFixed(1)}`);
    const outline = [...edge(line.band, "lo"), ...edge([...line.band].reverse(), "hi")];
    parts.push(
      `<path d="M${outline.join("L")}Z" fill="${colorOf(line, i)}" fill-opacity="0.18" class="band"/>`,
    );
  });
  lines.forEach((line, i) => {
    const color = colorOf(line, i);
    const path = line.points
      .map((p, j) => `${j === 0 ? "M" : "L"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join("");
    parts.push(`<path d="${path}" fill="none" stroke="${color}" ${STROKES[line.stroke ?? "solid"]}/>`);
    // A sparse line (an evaluation every n steps) keeps its markers beside a dense one.
    if (dense && line.points.length > MAX_LABELLED_POINTS) return;
    for (const p of line.points) {
      parts.push(
        `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="3" fill="${color}"><title>${escapeHtml(`${line.label} ${p.x}: ${yText(p.y)}`)}</title></circle>`,
      );
    }
  });
  if (withLegend) {
    lines.forEach((line, i) => {
      const ly = top + i * 18;
      parts.push(
        `<line x1="${right + 12}" x2="${right + 26}" y1="${ly + 6}" y2="${ly + 6}" stroke="${colorOf(line, i)}" ${STROKES[line.stroke ?? "solid"]}/>`,
        `<text x="${right + 30}" y="${ly + 10}" class="axis">${fittedLabel(line.label, MAX_LEGEND_WIDTH)}</text>`,
      );
    });
  }
  return svg(width, height, parts);
}

/** Whether the values' labels, centred under them (ascending), would touch: then round ticks go there instead. */
function crowded(values: readonly number[], position: (v: number) => number): boolean {
  const halfWidth = (v: number) => textWidth(String(v), FONT.axis) / 2;
  return values.some(
    (v, i) => i > 0 && position(v) - position(values[i - 1]!) < halfWidth(v) + halfWidth(values[i - 1]!) + 4,
  );
}

const svg = (width: number, height: number, parts: readonly string[]) =>
  `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${parts.join("")}</svg>`;

interface YAxis {
  min: number;
  max: number;
  ticks: number[];
  percent: boolean;
}

function yAxis(ys: readonly number[], options: LineChartOptions): YAxis {
  const quarters = (max: number) => [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  if (options.fitY) {
    // Out to the next round tick each way, so that gridlines frame the lines above and below.
    const [lo, hi] = paddedRange(ys);
    const step = roundStep(hi - lo);
    const [min, max] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
    return { min, max, ticks: multiples(step, min, max), percent: options.fitY === "percent" };
  }
  if (options.yMax !== undefined)
    return { min: 0, max: options.yMax, ticks: quarters(options.yMax), percent: false };
  return { min: 0, max: 1, ticks: quarters(1), percent: true };
}

/**
 * The ticks' labels, all with the fewest decimals at which every tick prints exactly (22.5%, never a
 * rounded 23%).
 */
export function axisLabels(axis: Pick<YAxis, "ticks" | "percent">): string[] {
  const values = axis.ticks.map((t) => (axis.percent ? t * 100 : t));
  const exact = (d: number) =>
    values.every((v) => Math.abs(Number(v.toFixed(d)) - v) <= 1e-9 * Math.max(1, Math.abs(v)));
  let decimals = 0;
  while (decimals < 6 && !exact(decimals)) decimals++;
  return values.map((v) => `${v.toFixed(decimals)}${axis.percent ? "%" : ""}`);
}

/** The values' range widened by 5% each way, never below 0 for values that are not. */
function paddedRange(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.1 || 0.05;
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value` (a y axis's top). */
export function roundedUp(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= value * (1 - 1e-12))!;
}

/** Two to seven ticks at multiples of 1, 2 or 5 times a power of ten, within [min, max]. */
export function roundTicks(min: number, max: number): number[] {
  if (!(max - min > 0)) return [min];
  return multiples(roundStep(max - min), min, max);
}

/** The smallest 1, 2 or 5 times a power of ten that cuts `span` into at most six. */
function roundStep(span: number): number {
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

function multiples(step: number, min: number, max: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
    out.push(Number(t.toPrecision(12)));
  }
  return out;
}

function formatPlain(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

export const CHART_CSS = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}
svg{margin:1rem 1rem 1rem 0;overflow:visible}.title{font-weight:600;font-size:${FONT.title}px}
.axis{font-size:${FONT.axis}px;fill:#444}.value{font-size:${FONT.value}px;fill:#333}.grid{stroke:#e4e4e4}
code{background:#f4f4f4;padding:0 .2rem}`;
