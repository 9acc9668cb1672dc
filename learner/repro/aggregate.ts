/**
 * From finished runs to the paper's tables: Pass@1 per task family and its average, mean ± std over
 * seeds with a 95% interval over problems, laid out as Table 1 (methods) and Table 4 (further
 * analysis). Pure functions of the results.
 */
import { bootstrapInterval, type Interval } from "../../shared/metrics/bootstrap.ts";
import { REFERENCE_RUN, type RunSpec } from "./config.ts";
import type { FamilyPass1 } from "./held-out.ts";
import type { RunResult } from "./run-record.ts";

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  std: number;
  /** How many values (seeds); 0 means the run has not finished, and the mean is NaN. */
  n: number;
  /**
   * The 95% interval of the mean over the held-out problems (bootstrap over problems of the seeds'
   * mean per problem); absent when a result lacks its per-problem record.
   */
  interval?: Interval;
}

export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: 0, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance), n };
}

export const AVERAGE = "Avg.";

export interface TableRow {
  /** The run's name ("start" for the starting checkpoint). */
  name: string;
  label: string;
  /** One per column. */
  cells: MeanStd[];
}

/** Table 1: columns are the task families and their average; the starting checkpoint above the methods. */
export interface Table1 {
  columns: string[];
  models: TableRow[];
  methods: TableRow[];
}

/** Table 4: one column, the average Pass@1; the ablations and then REAL itself. */
export interface Table4 {
  rows: TableRow[];
}

export function table1(
  families: readonly string[],
  specs: readonly RunSpec[],
  results: readonly RunResult[],
  start: FamilyPass1,
): Table1 {
  const cells = (seeds: readonly FamilyPass1[]) => [
    ...families.map((f) => familyCell(seeds, f)),
    averageCell(seeds, families),
  ];
  return {
    columns: [...families, AVERAGE],
    models: [{ name: "start", label: "Starting checkpoint", cells: cells([start]) }],
    methods: specs
      .filter((s) => s.table === "main")
      .map((spec) => ({ name: spec.name, label: spec.label, cells: cells(pass1Of(results, spec)) })),
  };
}

export function table4(
  families: readonly string[],
  specs: readonly RunSpec[],
  results: readonly RunResult[],
): Table4 {
  const row = (spec: RunSpec): TableRow => ({
    name: spec.name,
    label: spec.label,
    cells: [averageCell(pass1Of(results, spec), families)],
  });
  const reference = specs.find((s) => s.name === REFERENCE_RUN)!;
  return { rows: [...specs.filter((s) => s.table === "ablation").map(row), row(reference)] };
}

const pass1Of = (results: readonly RunResult[], spec: RunSpec) =>
  results.filter((r) => r.name === spec.name).map((r) => r.pass1);

/** One family's Pass@1 over the seeds. */
function familyCell(seeds: readonly FamilyPass1[], family: string): MeanStd {
  const cell = meanStd(seeds.map((s) => s.byFamily[family]!));
  const interval = problemInterval(seeds, [family]);
  return interval ? { ...cell, interval } : cell;
}

/** The average over families ("Avg."), over the seeds. */
export function averageCell(seeds: readonly FamilyPass1[], families: readonly string[]): MeanStd {
  const cell = meanStd(seeds.map((s) => s.average));
  const interval = problemInterval(seeds, families);
  return interval ? { ...cell, interval } : cell;
}

/**
 * The bootstrap over problems of the seeds' mean per problem: every seed answers the same problems,
 * so the interval is the uncertainty from which problems were drawn (the spread over seeds is the std).
 */
function problemInterval(seeds: readonly FamilyPass1[], families: readonly string[]): Interval | undefined {
  if (seeds.length === 0) return undefined;
  const strata: number[][] = [];
  for (const family of families) {
    const perSeed = seeds.map((s) => s.byProblem?.[family]);
    const problems = perSeed[0]?.length;
    if (!problems || perSeed.some((p) => p?.length !== problems)) return undefined;
    strata.push(Array.from({ length: problems }, (_, i) => meanStd(perSeed.map((p) => p![i]!)).mean));
  }
  return bootstrapInterval(strata);
}

/** The last cell of a row: its average. */
export const averageOf = (row: TableRow): MeanStd => row.cells[row.cells.length - 1]!;
