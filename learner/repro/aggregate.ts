/**
 * From finished runs to the paper's tables: Pass@1 per task family and its average, mean ± std over
 * seeds, laid out as Table 1 (methods) and Table 4 (further analysis). Pure functions of the results.
 */
import { REFERENCE_RUN, type RunSpec } from "./config.ts";
import type { FamilyPass1 } from "./held-out.ts";
import type { RunResult } from "./run-files.ts";

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  std: number;
  /** How many values (seeds); 0 means the run has not finished, and the mean is NaN. */
  n: number;
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
  const startCells = [...families.map((f) => single(start.byFamily[f]!)), single(start.average)];
  return {
    columns: [...families, AVERAGE],
    models: [{ name: "start", label: "Starting checkpoint", cells: startCells }],
    methods: specs
      .filter((s) => s.table === "main")
      .map((spec) => {
        const mine = results.filter((r) => r.name === spec.name);
        return {
          name: spec.name,
          label: spec.label,
          cells: [
            ...families.map((f) => meanStd(mine.map((r) => r.pass1.byFamily[f]!))),
            meanStd(mine.map((r) => r.pass1.average)),
          ],
        };
      }),
  };
}

export function table4(specs: readonly RunSpec[], results: readonly RunResult[]): Table4 {
  const row = (spec: RunSpec): TableRow => ({
    name: spec.name,
    label: spec.label,
    cells: [meanStd(results.filter((r) => r.name === spec.name).map((r) => r.pass1.average))],
  });
  const reference = specs.find((s) => s.name === REFERENCE_RUN)!;
  return { rows: [...specs.filter((s) => s.table === "ablation").map(row), row(reference)] };
}

const single = (value: number): MeanStd => ({ mean: value, std: 0, n: 1 });

/** The last cell of a row: its average. */
export const averageOf = (row: TableRow): MeanStd => row.cells[row.cells.length - 1]!;
