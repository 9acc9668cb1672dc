/**
 * The outcome in words, computed from the tables and tests: which method has the best average
 * Pass@1, whether REAL's lead (or deficit) is larger than the spread over seeds, REAL minus each
 * baseline paired by seed with its interval, what RL did to the starting checkpoint, how each ablation
 * compares with REAL, how much the learning rate moves each method, and which runs were unstable.
 * Whatever the numbers say is what it says.
 */
import { averageOf, type MeanStd, type Table1, type Table4, type TableRow } from "./aggregate.ts";
import type { PairedDifference, Panel } from "./comparisons.ts";
import { REFERENCE_RUN } from "./config.ts";
import type { StabilityRow, Verdict } from "./stability.ts";

const f3 = (v: number) => v.toFixed(3);
const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`;
const cell = (m: MeanStd) => (m.n > 1 ? `${f3(m.mean)} ± ${f3(m.std)}` : f3(m.mean));

/** A gap is told apart from noise only when it exceeds both sides' standard deviations over seeds. */
function beyondNoise(a: MeanStd, b: MeanStd): boolean {
  return a.n > 1 && b.n > 1 && Math.abs(a.mean - b.mean) > Math.max(a.std, b.std);
}

/** Compared as printed (three digits), so that what reads as a tie is one. */
const printed = (v: number) => Math.round(v * 1000);

const NOISE = {
  beyond: "the gap is larger than the spread over seeds.",
  within: "the gap is within the spread over seeds (or there are too few seeds to tell).",
};

/** REAL against the best of the others: ahead, tied or behind, and whether seeds separate them. */
function realAgainstBest(real: TableRow, ranked: readonly TableRow[]): string {
  const others = ranked.filter((r) => r !== real);
  const best = others[0]!;
  const [mine, theirs] = [averageOf(real), averageOf(best)];
  const gap = mine.mean - theirs.mean;
  const noise = beyondNoise(mine, theirs) ? NOISE.beyond : NOISE.within;
  if (printed(mine.mean) === printed(theirs.mean)) {
    const tied = others.filter((r) => printed(averageOf(r).mean) === printed(mine.mean));
    return `REAL ties for the best average with ${tied.map((r) => r.label).join(", ")} at ${f3(mine.mean)}.`;
  }
  return gap > 0
    ? `REAL has the best average, ${signed(gap)} over ${best.label}; ${noise}`
    : `At this scale a baseline wins: ${best.label} beats REAL by ${signed(-gap).slice(1)} average Pass@1; ${noise}`;
}

export interface OutcomeInputs {
  table1: Table1;
  table4: Table4;
  pairs: readonly PairedDifference[];
  learningRates: readonly Panel[];
  tau?: Panel;
  stability: readonly StabilityRow[];
}

export function outcome(inputs: OutcomeInputs, progress: { finished: number; planned: number }): string[] {
  const { table1: t1, table4: t4 } = inputs;
  const finished = t1.methods.filter((r) => averageOf(r).n > 0);
  if (finished.length === 0) return ["No method has finished a run yet."];
  const ranked = [...finished].sort((a, b) => averageOf(b).mean - averageOf(a).mean);
  const lines = [
    ...(progress.finished < progress.planned
      ? [
          `Partial: ${progress.finished} of ${progress.planned} planned runs have finished; everything below is about those only.`,
        ]
      : []),
    `Average Pass@1 on the held-out split, best first: ${ranked.map((r) => `${r.label} ${cell(averageOf(r))}`).join(", ")}.`,
  ];
  const real = finished.find((r) => r.name === REFERENCE_RUN);
  if (real && ranked.length > 1) lines.push(realAgainstBest(real, ranked));
  const paired = inputs.pairs.filter((p) => p.seeds.length > 0);
  if (paired.length > 0) lines.push(pairedLine(paired));
  const start = averageOf(t1.models[0]!).mean;
  const improved = finished.filter((r) => printed(averageOf(r).mean) > printed(start));
  lines.push(
    `The starting checkpoint averages ${f3(start)}; ${improved.length} of ${finished.length} methods end above it ` +
      `(${finished.map((r) => `${r.label} ${signed(averageOf(r).mean - start)}`).join(", ")}).`,
  );
  const reference = t4.rows.find((r) => r.name === REFERENCE_RUN);
  const ablations = t4.rows.filter((r) => r.name !== REFERENCE_RUN && averageOf(r).n > 0);
  if (reference && averageOf(reference).n > 0 && ablations.length > 0) {
    const ref = averageOf(reference).mean;
    const better = ablations.filter((r) => printed(averageOf(r).mean) > printed(ref));
    lines.push(
      `Against REAL's ${f3(ref)}: ${ablations.map((r) => `${r.label} ${signed(averageOf(r).mean - ref)}`).join(", ")}; ` +
        (better.length === 0
          ? "no ablation beats REAL."
          : `${better.map((r) => r.label).join(", ")} ${better.length === 1 ? "scores" : "score"} higher than REAL here.`),
    );
  }
  const spreads = inputs.learningRates.filter((p) => p.spread);
  if (spreads.length > 0) lines.push(learningRateLine(spreads));
  if (inputs.tau?.spread) lines.push(tauLine(inputs.tau));
  if (inputs.stability.length > 0) lines.push(stabilityLine(inputs.stability));
  return lines;
}

const interval = (i: { lo: number; hi: number }) => `[${signed(i.lo)}, ${signed(i.hi)}]`;

function pairedLine(pairs: readonly PairedDifference[]): string {
  const parts = pairs.map((p) => {
    const seeds = `${p.seeds.length} seed pair${p.seeds.length === 1 ? "" : "s"}`;
    if (!p.interval)
      return `− ${p.label} = ${signed(p.mean)} over ${seeds} (no per-problem record, no interval)`;
    const reading =
      p.reading === "no difference detected"
        ? `no difference detected at this power (interval width ${f3(p.interval.hi - p.interval.lo)})`
        : `REAL ${p.reading}`;
    // One pair cannot show the seed's noise: the interval is then the problem draw's alone.
    const caveat = p.seeds.length === 1 ? ", an interval over problems only" : "";
    return `− ${p.label} = ${signed(p.mean)} ${interval(p.interval)} over ${seeds}${caveat}: ${reading}`;
  });
  return `REAL minus each baseline, paired by seed, 95% bootstrap over seeds and problems: REAL ${parts.join("; REAL ")}.`;
}

function learningRateLine(panels: readonly Panel[]): string {
  const rates = [...new Set(panels.flatMap((p) => p.points.map((q) => q.x)))].sort((a, b) => a - b);
  const parts = panels.map((p) => {
    const spread = p.spread!;
    return `${p.label} ${f3(spread.value)}${spread.interval ? ` [${f3(spread.interval.lo)}, ${f3(spread.interval.hi)}]` : ""}`;
  });
  const smallest = [...panels].sort((a, b) => a.spread!.value - b.spread!.value)[0]!;
  return (
    `Spread of average Pass@1 across learning rates ${rates.join(", ")} (highest minus lowest; smaller is more robust): ${parts.join(", ")}; ` +
    `the smallest is ${smallest.label}'s.`
  );
}

function tauLine(panel: Panel): string {
  const points = panel.points.filter((p) => p.cell.n > 0).map((p) => `τ = ${p.x} ${cell(p.cell)}`);
  return `REAL across τ: ${points.join(", ")}; spread ${f3(panel.spread!.value)}.`;
}

const VERDICT_WORDS: Record<Exclude<Verdict, "stable">, string> = {
  collapsed: "entropy collapsed (end below half its start)",
  exploded: "entropy exploded (end above twice its start)",
  "reward fell": "training reward fell more than 0.1 below its best",
};

function stabilityLine(rows: readonly StabilityRow[]): string {
  const parts = (Object.keys(VERDICT_WORDS) as (keyof typeof VERDICT_WORDS)[]).map((verdict) => {
    const hit = rows.filter((r) => r.counts[verdict] > 0);
    const who = hit.length
      ? hit.map((r) => `${r.label} ${r.counts[verdict]}/${r.runs.length}`).join(", ")
      : "no run";
    return `${VERDICT_WORDS[verdict]}: ${who}`;
  });
  return `Unstable runs — ${parts.join("; ")}.`;
}
