/**
 * The study's tests as grids, rendered by `gridMarkdown` and `gridHtml` like Tables 1 and 4: the
 * paired differences, the learning-rate and τ panels' numbers, and the run-by-run stability counts.
 */
import type { Interval } from "../../shared/metrics/bootstrap.ts";
import type { PairedDifference, Panel } from "./comparisons.ts";
import type { StabilityRow } from "./stability.ts";
import { formatMeanStd, type Grid } from "./tables.ts";

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`;
const plainCell = (text: string) => ({ text, best: false });
const intervalText = (i: Interval | undefined, format: (v: number) => string) =>
  i ? `[${format(i.lo)}, ${format(i.hi)}]` : "—";

export function pairsGrid(pairs: readonly PairedDifference[]): Grid {
  return {
    header: ["REAL − …", "Seed pairs", "Difference", "95% interval", "Reading"],
    sections: [
      {
        rows: pairs.map((p) => ({
          label: p.label,
          cells: [
            p.seeds.length ? p.seeds.join(", ") : "none yet",
            p.seeds.length ? signed(p.mean) : "—",
            intervalText(p.interval, signed),
            p.reading ? (p.reading === "no difference detected" ? p.reading : `REAL ${p.reading}`) : "—",
          ].map(plainCell),
        })),
      },
    ],
  };
}

/** A learning rate as written in configs (3e-5), a τ as is (0.5). */
const settingText = (x: number) => (x < 1e-3 ? x.toExponential() : String(x));

/** Rows: one per panel; columns: each x value (a learning rate, a τ), then the spread. */
export function panelGrid(panels: readonly Panel[], xName: string): Grid {
  const xs = [...new Set(panels.flatMap((p) => p.points.map((q) => q.x)))].sort((a, b) => a - b);
  return {
    header: ["", ...xs.map((x) => `${xName} ${settingText(x)}`), "Spread [95%]"],
    sections: [
      {
        rows: panels.map((panel) => ({
          label: panel.label,
          cells: [
            ...xs.map((x) => {
              const point = panel.points.find((p) => p.x === x);
              return plainCell(point ? formatMeanStd(point.cell) : "");
            }),
            plainCell(
              panel.spread
                ? `${panel.spread.value.toFixed(3)} ${intervalText(panel.spread.interval, (v) => v.toFixed(3))}`
                : "—",
            ),
          ],
        })),
      },
    ],
  };
}

export function stabilityGrid(rows: readonly StabilityRow[]): Grid {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    header: [
      "",
      "Runs",
      "Entropy start → end",
      "Reward start → end (best)",
      "Collapsed",
      "Exploded",
      "Reward fell",
      "Stable",
    ],
    sections: [
      {
        rows: rows.map((row) => ({
          label: row.label,
          cells: [
            String(row.runs.length),
            `${mean(row.runs.map((r) => r.entropyStart)).toFixed(3)} → ${mean(row.runs.map((r) => r.entropyEnd)).toFixed(3)}`,
            `${mean(row.runs.map((r) => r.rewardStart)).toFixed(3)} → ${mean(row.runs.map((r) => r.rewardEnd)).toFixed(3)} (${mean(row.runs.map((r) => r.rewardBest)).toFixed(3)})`,
            String(row.counts.collapsed),
            String(row.counts.exploded),
            String(row.counts["reward fell"]),
            String(row.counts.stable),
          ].map(plainCell),
        })),
      },
    ],
  };
}
