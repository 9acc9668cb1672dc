/**
 * The outcome in words, computed from the tables: which method has the best average Pass@1, whether
 * REAL's lead (or deficit) is larger than the spread over seeds, what RL did to the starting checkpoint,
 * and how each ablation compares with REAL. Whatever the numbers say is what it says.
 */
import { averageOf, type MeanStd, type Table1, type Table4, type TableRow } from "./aggregate.ts";
import { REFERENCE_RUN } from "./config.ts";

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

export function outcome(t1: Table1, t4: Table4): string[] {
  const finished = t1.methods.filter((r) => averageOf(r).n > 0);
  if (finished.length === 0) return ["No method has finished a run yet."];
  const ranked = [...finished].sort((a, b) => averageOf(b).mean - averageOf(a).mean);
  const lines = [
    `Average Pass@1 on the held-out split, best first: ${ranked.map((r) => `${r.label} ${cell(averageOf(r))}`).join(", ")}.`,
  ];
  const real = finished.find((r) => r.name === REFERENCE_RUN);
  if (real && ranked.length > 1) lines.push(realAgainstBest(real, ranked));
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
  return lines;
}
