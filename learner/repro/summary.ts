/** The reproduction's result in one JSON value: what ran, on what, and what came out. */
import type { Figure1Data } from "../objectives/figure1.ts";
import type { TrainConfig } from "../train/config.ts";
import type { Table1, Table4 } from "./aggregate.ts";
import type { ReproConfig } from "./config.ts";
import type { CurveField, Point } from "./curves.ts";
import type { FamilyPass1 } from "./held-out.ts";
import type { Code, Machine } from "./provenance.ts";
import type { RunResult } from "./run-files.ts";
import type { StartingPoint } from "./start.ts";

export interface Summary {
  command: string;
  configPath: string;
  code: Code;
  machine: Machine;
  /** ISO time this invocation started. */
  startedAt: string;
  /** This invocation, start to report (resumed runs count only the part done now). */
  wallSeconds: number;
  /** Every run's training and evaluation time, whichever invocation did it. */
  computeSeconds: number;
  config: ReproConfig;
  start: StartingPoint & { pass1: FamilyPass1 };
  /** The training settings every run shares (the REAL run's config; runs differ only in objective and seed). */
  shared: TrainConfig;
  families: string[];
  runs: RunResult[];
  table1: Table1;
  table4: Table4;
  outcome: string[];
  /** Figure 1's curves: autodiff through the project's losses and the closed forms. */
  figure1: Figure1Data;
  /** Per run name: its curves averaged over seeds (smoothed as configured). */
  curves: Record<string, { label: string; index: number; curves: Record<CurveField, Point[]> }>;
}
