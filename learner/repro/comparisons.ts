/**
 * The study's tests beyond the tables: REAL minus each baseline paired by seed (claim 1), each
 * method's final Pass@1 across learning rates (claim 3) and REAL's across τ (claim 4). Pure functions
 * of the finished runs; intervals by the two-level bootstrap (seeds, then problems within a seed).
 */
import {
  BOOTSTRAP_DEFAULTS,
  type Interval,
  type SeedStrata,
  seedBootstrapInterval,
  spreadBootstrapInterval,
} from "../../shared/metrics/bootstrap.ts";
import { DEFAULT_TAU } from "../objectives/index.ts";
import { averageCell, type MeanStd } from "./aggregate.ts";
import { REFERENCE_RUN, type RunSpec } from "./config.ts";
import type { FamilyPass1 } from "./held-out.ts";
import type { RunResult } from "./run-record.ts";

/** The design fixes 10,000 resamples for the study's tests (the tables' intervals keep 2,000). */
export const TEST_BOOTSTRAP = { ...BOOTSTRAP_DEFAULTS, resamples: 10_000 };

export type Reading = "ahead" | "behind" | "no difference detected";

export interface PairedDifference {
  /** The baseline's run name and label. */
  name: string;
  label: string;
  /** Seeds both REAL and the baseline finished. */
  seeds: number[];
  /** Mean over the pairs of REAL's average Pass@1 minus the baseline's. */
  mean: number;
  /** Absent when a result lacks its per-problem record. */
  interval?: Interval;
  /** Ahead or behind when the interval excludes 0. */
  reading?: Reading;
}

/** Per family, each problem's value: the strata the bootstraps resample. */
function strata(pass1: FamilyPass1, families: readonly string[]): number[][] | undefined {
  const byProblem = families.map((f) => pass1.byProblem?.[f]);
  return byProblem.every((p) => p !== undefined && p.length > 0) ? (byProblem as number[][]) : undefined;
}

function difference(a: readonly number[][], b: readonly number[][]): number[][] | undefined {
  if (a.some((values, f) => values.length !== b[f]!.length)) return undefined;
  return a.map((values, f) => values.map((v, i) => v - b[f]![i]!));
}

export function readingOf(interval: Interval): Reading {
  if (interval.lo > 0) return "ahead";
  if (interval.hi < 0) return "behind";
  return "no difference detected";
}

/** REAL − baseline for every other run of Table 1, paired by seed. */
export function pairedDifferences(
  families: readonly string[],
  specs: readonly RunSpec[],
  results: readonly RunResult[],
): PairedDifference[] {
  const real = new Map(results.filter((r) => r.name === REFERENCE_RUN).map((r) => [r.seed, r]));
  return specs
    .filter((s) => s.table === "main" && s.name !== REFERENCE_RUN)
    .map((spec) => {
      const pairs = results
        .filter((r) => r.name === spec.name && real.has(r.seed))
        .sort((a, b) => a.seed - b.seed);
      const base = { name: spec.name, label: spec.label, seeds: pairs.map((r) => r.seed) };
      if (pairs.length === 0) return { ...base, mean: Number.NaN };
      const mean =
        pairs.reduce((sum, r) => sum + real.get(r.seed)!.pass1.average - r.pass1.average, 0) / pairs.length;
      const differences = pairs.map((r) => {
        const [mine, theirs] = [strata(real.get(r.seed)!.pass1, families), strata(r.pass1, families)];
        return mine && theirs ? difference(mine, theirs) : undefined;
      });
      if (differences.some((d) => d === undefined)) return { ...base, mean };
      const interval = seedBootstrapInterval(differences as SeedStrata[], TEST_BOOTSTRAP);
      return { ...base, mean, interval, reading: readingOf(interval) };
    });
}

export interface PanelPoint {
  /** The learning rate or τ. */
  x: number;
  run: string;
  /** The average Pass@1 over its finished seeds. */
  cell: MeanStd;
}

export interface Panel {
  /** The method (learning-rate panels) or "REAL" (the τ panel). */
  label: string;
  /** The run whose colour the panel's line takes. */
  run: string;
  points: PanelPoint[];
  /** Highest minus lowest mean over the finished points, with its interval; absent below two. */
  spread?: { value: number; interval?: Interval };
}

const sameExcept = (spec: RunSpec, main: RunSpec, key: "lr" | "tau") =>
  spec.loss === main.loss &&
  spec.kl === undefined &&
  (key === "lr" ? spec.tau === undefined : spec.lr === undefined) &&
  spec[key] !== undefined;

function panel(
  main: RunSpec,
  label: string,
  members: readonly { spec: RunSpec; x: number }[],
  families: readonly string[],
  results: readonly RunResult[],
): Panel {
  const points = [...members]
    .sort((a, b) => a.x - b.x)
    .map(({ spec, x }) => {
      const seeds = results.filter((r) => r.name === spec.name).map((r) => r.pass1);
      return { x, run: spec.name, cell: averageCell(seeds, families), seeds };
    });
  const finished = points.filter((p) => p.cell.n > 0);
  const out: Panel = { label, run: main.name, points: points.map(({ seeds: _, ...p }) => p) };
  if (finished.length < 2) return out;
  const means = finished.map((p) => p.cell.mean);
  const value = Math.max(...means) - Math.min(...means);
  const groups = finished.map((p) => p.seeds.map((s) => strata(s, families)));
  const complete = groups.every((g) => g.every((s) => s !== undefined));
  return {
    ...out,
    spread: complete
      ? { value, interval: spreadBootstrapInterval(groups as SeedStrata[][], TEST_BOOTSTRAP) }
      : { value },
  };
}

/**
 * One panel per Table 1 method with a learning-rate sweep: its main run at the budget's rate and the
 * runs that differ from it only by `lr`.
 */
export function learningRatePanels(
  families: readonly string[],
  specs: readonly RunSpec[],
  results: readonly RunResult[],
  baseLr: number,
): Panel[] {
  return specs
    .filter((s) => s.table === "main" && s.lr === undefined)
    .flatMap((main) => {
      const sweep = specs.filter((s) => sameExcept(s, main, "lr"));
      if (sweep.length === 0) return [];
      const members = [{ spec: main, x: baseLr }, ...sweep.map((spec) => ({ spec, x: spec.lr! }))];
      return [panel(main, main.label, members, families, results)];
    });
}

/** REAL at its τ and the runs that differ from it only by τ; undefined without such runs. */
export function tauPanel(
  families: readonly string[],
  specs: readonly RunSpec[],
  results: readonly RunResult[],
): Panel | undefined {
  const main = specs.find((s) => s.name === REFERENCE_RUN)!;
  const others = specs.filter((s) => sameExcept(s, main, "tau"));
  if (others.length === 0) return undefined;
  const members = [
    { spec: main, x: main.tau ?? DEFAULT_TAU },
    ...others.map((spec) => ({ spec, x: spec.tau! })),
  ];
  return panel(main, main.label, members, families, results);
}
