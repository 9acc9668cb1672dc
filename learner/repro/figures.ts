/**
 * The report's figures as SVG: Figure 1 (gradient magnitude against the relative log-probability score,
 * autodiff through the project's losses next to the closed forms) and the training curves of Figures 4
 * and 5.
 */
import { type BandPoint, type Line, lineChart, PALETTE, roundedUp } from "../../shared/reports/svg.ts";
import { type Figure1Data, figure1Data } from "../objectives/figure1.ts";
import type { Panel } from "./comparisons.ts";
import { CURVE_FIELDS, CURVE_TITLES, type Point } from "./curves.ts";
import type { MethodCurves } from "./summary.ts";

const GRPO_COLOR = "#e15759";
const REAL_COLOR = "#4e79a7";

export interface Figure1 {
  svg: string[];
  /** Largest |autodiff − closed form| over the grid, per curve. */
  maxDeviation: Record<"grpoPositive" | "grpoNegative" | "realPositive" | "realNegative", number>;
}

const maxGap = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

export function figure1(data: Figure1Data = figure1Data()): Figure1 {
  const chart = (sign: "positive" | "negative", title: string) => {
    const line = (label: string, values: readonly number[], color: string, stroke: Line["stroke"]): Line => ({
      label,
      points: values.map((y, i) => ({ x: data.scores[i]!, y })),
      color,
      stroke,
    });
    const lines = [
      line("GRPO, autodiff", data.grpo[sign].autodiff, GRPO_COLOR, "wide"),
      line("GRPO, eq. 3", data.grpo[sign].closedForm, GRPO_COLOR, "dashed"),
      line("REAL, autodiff", data.real[sign].autodiff, REAL_COLOR, "wide"),
      line("REAL, eq. 9", data.real[sign].closedForm, REAL_COLOR, "dashed"),
    ];
    const yMax = roundedUp(Math.max(...lines.flatMap((l) => l.points.map((p) => p.y))));
    return lineChart(lines, title, "relative log-probability: s_t (GRPO), s̄ (REAL)", false, { yMax });
  };
  return {
    svg: [
      chart("positive", "(a) positive samples (r = 1): |gradient|"),
      chart("negative", "(b) negative samples (r = 0): |gradient|"),
    ],
    maxDeviation: {
      grpoPositive: maxGap(data.grpo.positive.autodiff, data.grpo.positive.closedForm),
      grpoNegative: maxGap(data.grpo.negative.autodiff, data.grpo.negative.closedForm),
      realPositive: maxGap(data.real.positive.autodiff, data.real.positive.closedForm),
      realNegative: maxGap(data.real.negative.autodiff, data.real.negative.closedForm),
    },
  };
}

/** The four panels of Figure 4 (or 5): entropy, validation Pass@1, reward, 100% solved ratio. */
export function trainingCurves(methods: readonly MethodCurves[]): string[] {
  return CURVE_FIELDS.map((field) =>
    lineChart(
      methods.map((m) => ({
        label: m.label,
        points: m.curves[field],
        color: PALETTE[m.index % PALETTE.length],
        band: seedBand(m.curves[field]),
      })),
      CURVE_TITLES[field],
      "training step",
      false,
      { fitY: field === "entropy" ? "plain" : "percent" },
    ),
  );
}

/** Mean ± one standard deviation over seeds, at the steps two or more seeds logged. */
export function seedBand(points: readonly Point[]): BandPoint[] {
  return points.flatMap((p) => (p.std === undefined ? [] : [{ x: p.x, lo: p.y - p.std, hi: p.y + p.std }]));
}

/** Final average Pass@1 against a setting (a learning rate, τ): one line per panel, ± std over seeds. */
export function panelChart(
  panels: readonly Panel[],
  colorIndex: (run: string) => number,
  title: string,
  xLabel: string,
  log2X: boolean,
): string {
  return lineChart(
    panels.map((panel) => {
      const points = panel.points
        .filter((p) => p.cell.n > 0)
        .map((p) => ({ x: p.x, y: p.cell.mean, std: p.cell.n > 1 ? p.cell.std : undefined }));
      return {
        label: panel.label,
        points,
        color: PALETTE[colorIndex(panel.run) % PALETTE.length],
        band: seedBand(points),
      };
    }),
    title,
    xLabel,
    log2X,
    { fitY: "percent" },
  );
}
