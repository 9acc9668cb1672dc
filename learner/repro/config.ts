/**
 * The reproduction's config: one starting checkpoint, one base RL config with one budget on top of it,
 * and the list of runs (objective settings and seeds) that share them.
 */
import { z } from "zod";
import { objectiveNames } from "../objectives/index.ts";
import { readJsonConfig } from "../train/config.ts";
import { SftConfigSchema } from "../train/sft.ts";

/**
 * Where every run starts: an existing checkpoint, or one made by SFT inside the runs folder (so a
 * small config, the quick one, is self-contained).
 */
export const StartSchema = z.union([
  z.object({ checkpoint: z.string() }).strict(),
  z.object({ sft: SftConfigSchema }).strict(),
]);
export type Start = z.output<typeof StartSchema>;

export const RunSpecSchema = z
  .object({
    /** Folder name, and the key the tables and figures use. */
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "lowercase letters, digits, dots and dashes"),
    /** The row name in the tables (the paper's wording). */
    label: z.string(),
    /** Table 1 (the methods compared) or Table 4 (the further analysis). */
    table: z.enum(["main", "ablation"]),
    loss: z.enum(objectiveNames),
    /** REAL family only; absent: the objective's default (0.5). */
    tau: z.number().positive().optional(),
    /** Absent: the objective's default (GRPO's k3 against the reference, none for the others). */
    kl: z
      .object({ beta: z.number().min(0), against: z.enum(["reference", "old"]) })
      .strict()
      .nullable()
      .optional(),
    /** A learning-rate sweep's rate; absent: the budget's (`optimizer.lr`). */
    lr: z.number().positive().optional(),
    seeds: z.array(z.number().int().min(0)).min(1),
  })
  .strict();
export type RunSpec = z.output<typeof RunSpecSchema>;

/** The run Table 4 compares every ablation with, and the one the outcome is told against. */
export const REFERENCE_RUN = "real";

export const ReproConfigSchema = z
  .object({
    start: StartSchema,
    /** The RL training config every run starts from (its objective settings are replaced per run). */
    baseConfig: z.string(),
    /** Dotted-path overrides of the base config, the same for every run: steps, batch, lr, evaluation. */
    budget: z.record(z.string(), z.unknown()).default({}),
    /** Pass@1 per task family at the end of each run, on the same held-out problems for every run. */
    finalEval: z
      .object({
        problemsPerFamily: z.number().int().positive(),
        k: z.number().int().positive(),
        /** Picks the held-out problems and seeds the sampling. */
        seed: z.number().int().min(0).default(12345),
        temperature: z.number().positive().default(0.6),
      })
      .strict(),
    /** Trailing moving average over this many steps for the per-step curves (1: raw). */
    smoothing: z.number().int().positive().default(1),
    /** Scratch: each run's metrics and checkpoints. */
    runsDir: z.string(),
    /** The report, tables and summary. */
    reportDir: z.string(),
    runs: z.array(RunSpecSchema).min(1),
    /** Runs drawn in Figure 5 (the paper: DAPO, REAL w/ BCE, REAL w/o anchor, REAL). */
    figure5: z.array(z.string()).default(["dapo", "real-bce", "real-no-anchor", REFERENCE_RUN]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const names = config.runs.map((r) => r.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) ctx.addIssue({ code: "custom", path: ["runs"], message: `run ${duplicate} twice` });
    const reference = config.runs.find((r) => r.name === REFERENCE_RUN);
    if (reference?.table !== "main")
      ctx.addIssue({ code: "custom", path: ["runs"], message: `needs a main run named ${REFERENCE_RUN}` });
    for (const name of config.figure5.filter((n) => !names.includes(n)))
      ctx.addIssue({ code: "custom", path: ["figure5"], message: `no run named ${name}` });
  });
export type ReproConfig = z.output<typeof ReproConfigSchema>;

export async function readReproConfig(path: string): Promise<ReproConfig> {
  const parsed = ReproConfigSchema.safeParse(await readJsonConfig(path));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`);
    throw new Error(`invalid repro config ${path}:\n  ${issues.join("\n  ")}`);
  }
  return parsed.data;
}
