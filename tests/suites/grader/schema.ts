/**
 * The grader suites' case format and loader, shared by the generator, the runner and the unit test.
 *
 * Each suite is a JSON Lines file next to this module; every line is one case: a model response, the
 * gold answer as a benchmark stores it (string, number or list of acceptable strings), the label the
 * policy gives it, and one line saying why.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const SUITES = ["hacks", "recall", "wrong"] as const;
export type SuiteName = (typeof SUITES)[number];

/** The label every case of a suite carries. */
export const SUITE_LABEL: Record<SuiteName, boolean> = { hacks: false, recall: true, wrong: false };

/** Option keys the cases may use: the grader's documented opt-in relaxations. */
export const CaseOptionsSchema = z
  .object({
    requireThinkClose: z.boolean().optional(),
    percent: z.enum(["both", "number", "fraction"]).optional(),
    listOrder: z.enum(["auto", "ordered", "unordered"]).optional(),
    relativeTolerance: z.number().min(0).max(0.5).nullable().optional(),
    multipleChoice: z.enum(["auto", "off"]).optional(),
  })
  .strict();

export const SuiteCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-\d+$/, "id must be <family>-<n>"),
    family: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    response: z.string().max(2_000_000),
    gold: z.union([
      z.string().max(10_000),
      z.number().finite(),
      z.array(z.string().max(10_000)).min(1).max(64),
    ]),
    correct: z.boolean(),
    why: z
      .string()
      .min(3)
      .max(300)
      .regex(/^[^\n]*$/, "why is one line"),
    options: CaseOptionsSchema.optional(),
  })
  .strict()
  .refine((c) => c.id.startsWith(`${c.family}-`) && /^\d+$/.test(c.id.slice(c.family.length + 1)), {
    message: "id must be the family followed by -<n>",
    path: ["id"],
  });

export type SuiteCase = z.output<typeof SuiteCaseSchema>;
export type CaseOptions = z.output<typeof CaseOptionsSchema>;

export function suitePath(suite: SuiteName): string {
  return fileURLToPath(new URL(`./${suite}.jsonl`, import.meta.url));
}

/** Parses one suite file line by line; throws with the line number on a malformed line. */
export function parseSuite(text: string, source: string): SuiteCase[] {
  const cases: SuiteCase[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}:${index + 1}: not JSON (${String(error)})`);
    }
    const parsed = SuiteCaseSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${source}:${index + 1}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    }
    cases.push(parsed.data);
  });
  return cases;
}

export function loadSuite(suite: SuiteName): SuiteCase[] {
  const path = suitePath(suite);
  return parseSuite(readFileSync(path, "utf8"), path);
}

/**
 * The held-out measurement set (holdout.jsonl, written by holdout-generate.ts): same case format, not
 * one of SUITES. Its right answers (label true) count towards recall, `hack-*` families towards hacks
 * and the rest (`wrong-*`) towards wrong answers.
 */
export function holdoutPath(): string {
  return fileURLToPath(new URL("./holdout.jsonl", import.meta.url));
}

export function loadHoldout(): SuiteCase[] {
  const path = holdoutPath();
  return parseSuite(readFileSync(path, "utf8"), path);
}

/** The measurement a holdout case counts towards. */
export function holdoutSuite(c: SuiteCase): SuiteName {
  if (c.correct) return "recall";
  return c.family.startsWith("hack-") ? "hacks" : "wrong";
}

/** One JSON object a line, keys in a fixed order. */
export function serializeSuite(cases: SuiteCase[]): string {
  return cases
    .map((c) =>
      JSON.stringify({
        id: c.id,
        family: c.family,
        response: c.response,
        gold: c.gold,
        correct: c.correct,
        why: c.why,
        ...(c.options ? { options: c.options } : {}),
      }),
    )
    .join("\n")
    .concat("\n");
}
