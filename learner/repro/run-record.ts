/**
 * A finished run's record: its final held-out result, the config it ran with and its curves cut to at
 * most `MAX_CURVE_POINTS` points. Records live beside the report (`<reportDir>/runs/<run>/seed-<n>.json`),
 * small enough to commit: a study spread over many sittings keeps its finished runs in the repository
 * while the checkpoints stay in the scratch runs folder, and the report is rebuilt from records alone.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { PER_STEP_FIELDS, type SeedRecord } from "./curves.ts";
import { FamilyPass1Schema } from "./held-out.ts";
import { CodeSchema, MachineSchema } from "./provenance.ts";

export const RECORDS_DIR = "runs";

/** A curve read from this many points is as legible as from every step, and a record stays small. */
export const MAX_CURVE_POINTS = 100;

/** A finished run: its final held-out Pass@1 per family. */
export const RunResultSchema = z.object({
  name: z.string(),
  seed: z.number().int(),
  steps: z.number().int(),
  pass1: FamilyPass1Schema,
  /** Training and periodic evaluation, summed over the run's steps (across resumptions). */
  trainSeconds: z.number().min(0),
});
export type RunResult = z.output<typeof RunResultSchema>;

const CurvePointSchema = z.object({
  step: z.number().int().min(0),
  entropy: z.number().optional(),
  valPass1: z.number().optional(),
  meanReward: z.number().optional(),
  allCorrectShare: z.number().optional(),
}) satisfies z.ZodType<SeedRecord>;

export const RunRecordSchema = z.object({
  result: RunResultSchema,
  /** The run's full training config, as planned: a record is only reused by the same plan. */
  config: z.unknown(),
  /** What made it: a study spread over sittings may span commits and machines, and says so. */
  code: CodeSchema,
  machine: MachineSchema,
  /** Steps per point of the per-step fields (each point their mean over that many steps). */
  blockSteps: z.number().int().positive(),
  /** The per-step fields as block means, and validation Pass@1 where it was measured (step 0 included). */
  curve: z.array(CurvePointSchema),
});
export type RunRecord = z.output<typeof RunRecordSchema>;

export const recordPath = (reportDir: string, name: string, seed: number) =>
  join(reportDir, RECORDS_DIR, name, `seed-${seed}.json`);

export async function readRecord(path: string): Promise<RunRecord | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = RunRecordSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a run record: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export async function writeRecord(path: string, record: RunRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(record)}\n`);
}

/**
 * Whether the record was made by a run with this config (key order aside). The starting checkpoint
 * is compared by its weights' hash (the start record's), not by its path: a new sitting may remake
 * the same start elsewhere.
 */
export function recordedWith(record: RunRecord, config: unknown): boolean {
  const withoutStart = (c: unknown) => ({ ...(JSON.parse(JSON.stringify(c)) as object), model: undefined });
  return isDeepStrictEqual(withoutStart(record.config), withoutStart(config));
}

/**
 * At most `maxPoints` points per field: the per-step fields averaged over blocks of consecutive
 * steps (each point at its block's last step), validation points kept as measured unless there are
 * more of them than `maxPoints`, then `maxPoints` of them evenly spread, first and last included.
 */
export function subsampleCurve(
  records: readonly SeedRecord[],
  steps: number,
  maxPoints = MAX_CURVE_POINTS,
): { blockSteps: number; curve: SeedRecord[] } {
  const blockSteps = Math.max(1, Math.ceil(steps / maxPoints));
  const byStep = new Map<number, SeedRecord>();
  const at = (step: number) => byStep.get(step) ?? byStep.set(step, { step }).get(step)!;
  const sorted = [...records].sort((a, b) => a.step - b.step);
  for (const field of PER_STEP_FIELDS) {
    const blocks = new Map<number, number[]>();
    for (const r of sorted) {
      const value = r[field];
      if (typeof value !== "number" || r.step < 1) continue;
      const end = Math.min(steps, Math.ceil(r.step / blockSteps) * blockSteps);
      blocks.set(end, [...(blocks.get(end) ?? []), value]);
    }
    for (const [end, values] of blocks) at(end)[field] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  const validations = sorted.filter((r) => typeof r.valPass1 === "number");
  const kept =
    validations.length <= maxPoints
      ? validations
      : Array.from(
          { length: maxPoints },
          (_, i) => validations[Math.round((i * (validations.length - 1)) / (maxPoints - 1))]!,
        );
  for (const r of kept) at(r.step).valPass1 = r.valPass1;
  return { blockSteps, curve: [...byStep.values()].sort((a, b) => a.step - b.step) };
}

/** A planned run's record, if it has one; an error if the record was made with another config. */
export async function readPlannedRecord(
  run: { spec: { name: string }; seed: number; config: unknown },
  reportDir: string,
): Promise<RunRecord | undefined> {
  const path = recordPath(reportDir, run.spec.name, run.seed);
  const record = await readRecord(path);
  if (record && !recordedWith(record, run.config))
    throw new Error(
      `${path} records a run with another config than this reproduction's: move it away or use another --out`,
    );
  return record;
}

/** The records of the plan's finished runs, in plan order, whichever process made them. */
export async function recordedRuns(
  plan: readonly Parameters<typeof readPlannedRecord>[0][],
  reportDir: string,
): Promise<RunRecord[]> {
  const records = await Promise.all(plan.map((run) => readPlannedRecord(run, reportDir)));
  return records.filter((r) => r !== undefined);
}
