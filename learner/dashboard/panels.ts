/**
 * The dashboard's charts, rendered on the server by the reports' own SVG code: Figure 4's curves
 * (reward, entropy, validation Pass@1, solved share) and the update's loss, gradient norm and KL, one
 * line per run, with a legend shared by all of them.
 */
import { escapeHtml, type Line, lineChart, PALETTE } from "../../shared/reports/svg.ts";
import { CURVE_TITLES } from "../repro/curves.ts";
import type { StepMetrics } from "../train/metrics.ts";

type NumericField = {
  [K in keyof StepMetrics]-?: NonNullable<StepMetrics[K]> extends number ? K : never;
}[keyof StepMetrics];

interface Panel {
  field: NumericField;
  title: string;
  axis: "percent" | "plain";
}

export const PANELS: readonly Panel[] = [
  { field: "meanReward", title: CURVE_TITLES.meanReward, axis: "percent" },
  { field: "entropy", title: CURVE_TITLES.entropy, axis: "plain" },
  { field: "valPass1", title: CURVE_TITLES.valPass1, axis: "percent" },
  { field: "allCorrectShare", title: CURVE_TITLES.allCorrectShare, axis: "percent" },
  { field: "loss", title: "Loss", axis: "plain" },
  { field: "gradNorm", title: "Gradient norm (before clipping)", axis: "plain" },
  { field: "approxKlToOld", title: "KL to π_old (approximate)", axis: "plain" },
  { field: "klPenalty", title: "KL penalty (β × k3, when the objective has one)", axis: "plain" },
];

export interface RunSeries {
  run: string;
  label: string;
  /** In the order they were logged (a resumed run's earlier steps may come after its first new ones). */
  metrics: readonly (Pick<StepMetrics, "step"> & Partial<StepMetrics>)[];
}

/** A run's colour by its position; past the palette, the colours come again dashed. */
function styleOf(index: number): Pick<Line, "color" | "stroke"> {
  return { color: PALETTE[index % PALETTE.length], ...(index >= PALETTE.length && { stroke: "dashed" }) };
}

function panelHtml(panel: Panel, runs: readonly RunSeries[]): string {
  const lines: Line[] = runs.map((series, i) => ({
    label: series.label,
    points: series.metrics
      .flatMap((m) => {
        const y = m[panel.field];
        return typeof y === "number" ? [{ x: m.step, y }] : [];
      })
      .sort((a, b) => a.x - b.x),
    ...styleOf(i),
  }));
  const points = lines.reduce((n, l) => n + l.points.length, 0);
  const chart =
    points === 0
      ? `<h3>${escapeHtml(panel.title)}</h3><p class="empty">not recorded</p>`
      : lineChart(
          lines.filter((l) => l.points.length > 0),
          panel.title,
          "training step",
          false,
          { fitY: panel.axis, legend: false },
        );
  return `<figure class="panel" data-field="${panel.field}" data-points="${points}">${chart}</figure>`;
}

function legendHtml(runs: readonly RunSeries[]): string {
  const items = runs.map((series, i) => {
    const { color, stroke } = styleOf(i);
    return `<li><span class="swatch${stroke ? " dashed" : ""}" style="border-color:${color}"></span>${escapeHtml(series.label)}</li>`;
  });
  return `<ul class="legend">${items.join("")}</ul>`;
}

/** The legend and every panel, as the page shows them (the fragment `GET /panels` returns). */
export function panelsHtml(runs: readonly RunSeries[]): string {
  return `${legendHtml(runs)}<div class="panels">${PANELS.map((p) => panelHtml(p, runs)).join("")}</div>`;
}
