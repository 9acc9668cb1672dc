/**
 * The final evaluation: Pass@1 over k samples per task family of the curriculum, on held-out problems
 * drawn once from the reproduction's own seed, so every run (and the starting checkpoint) answers the
 * same questions.
 */
import { z } from "zod";
import type { GraderClient } from "../../shared/clients/grader.ts";
import type { ProblemSet } from "../../shared/datasets/problems.ts";
import { loadCheckpoint } from "../model/checkpoint.ts";
import { disposeParams } from "../model/params.ts";
import { type CurriculumProblem, curriculum } from "../tasks/curriculum.ts";
import type { TaskConfig, TokenizerConfig } from "../train/config.ts";
import { curriculumTestSetsByKind } from "../train/data.ts";
import { passAtOne } from "../train/evaluate.ts";
import { loadPolicyText } from "../train/load-policy.ts";
import type { Policy } from "../train/policy.ts";
import type { ReproConfig } from "./config.ts";

export const FamilyPass1Schema = z.object({
  /** Pass@1 per task family, in the curriculum's order. */
  byFamily: z.record(z.string(), z.number().min(0).max(1)),
  /** Unweighted mean over families (the paper's "Avg."). */
  average: z.number().min(0).max(1),
  /**
   * Per family, each problem's share of correct samples, for intervals over problems; absent from
   * results recorded before it was kept.
   */
  byProblem: z.record(z.string(), z.array(z.number().min(0).max(1))).optional(),
  seconds: z.number().min(0),
});
export type FamilyPass1 = z.output<typeof FamilyPass1Schema>;

export function heldOutFamilies(task: TaskConfig, finalEval: ReproConfig["finalEval"]): ProblemSet[] {
  if (task.kind !== "curriculum")
    throw new Error("the reproduction reports Pass@1 per curriculum task family: use a curriculum task");
  return curriculumTestSetsByKind(
    finalEval.problemsPerFamily,
    finalEval.seed,
    task.levels,
    task.kinds,
    task.split,
  );
}

export interface HeldOutEvaluation {
  families: ProblemSet[];
  finalEval: ReproConfig["finalEval"];
  /** As the run's config names it (absent: the checkpoint's own, else the character tokenizer). */
  tokenizer: TokenizerConfig | undefined;
  maxNewTokens: number;
  grader: GraderClient;
}

export async function evaluateCheckpoint(
  checkpoint: string,
  evaluation: HeldOutEvaluation,
): Promise<FamilyPass1> {
  const started = performance.now();
  const result = await withCheckpointPolicy(checkpoint, evaluation.tokenizer, (policy) =>
    passAtOne(policy, evaluation.families, evaluation.grader, {
      k: evaluation.finalEval.k,
      temperature: evaluation.finalEval.temperature,
      maxNewTokens: evaluation.maxNewTokens,
      seed: evaluation.finalEval.seed,
    }),
  );
  return {
    byFamily: result.bySet,
    average: result.average,
    byProblem: result.byProblem,
    seconds: (performance.now() - started) / 1000,
  };
}

/** `use` with the checkpoint's policy, whose weights are freed after. */
export async function withCheckpointPolicy<T>(
  checkpoint: string,
  tokenizerConfig: TokenizerConfig | undefined,
  use: (policy: Policy) => Promise<T>,
): Promise<T> {
  const { tokenizer, prompts } = await loadPolicyText(tokenizerConfig, checkpoint);
  const { model } = await loadCheckpoint(checkpoint);
  try {
    return await use({ model, tokenizer, prompts });
  } finally {
    disposeParams(model.params);
  }
}

/**
 * Per family, the share of held-out problems whose gold answer is also the gold answer of a training
 * problem of the same family: 0 where the split holds whole answers out, the honest caveat where it
 * cannot. (Small integers recur across families; the split does not claim otherwise.)
 */
export function answerOverlap(
  families: readonly ProblemSet[],
  train: readonly Pick<CurriculumProblem, "gold" | "kind">[],
): Record<string, number> {
  return Object.fromEntries(
    families.map((f) => {
      const key = (gold: unknown) => JSON.stringify(gold);
      const trained = new Set(train.filter((p) => p.kind === f.name).map((p) => key(p.gold)));
      return [f.name, f.problems.filter((p) => trained.has(key(p.gold))).length / f.problems.length];
    }),
  );
}

/** The overlap against the training set a run with this task and seed trains on. */
export function trainingAnswerOverlap(
  task: TaskConfig,
  seed: number,
  families: readonly ProblemSet[],
): Record<string, number> {
  if (task.kind !== "curriculum") throw new Error("the answer overlap is measured on the curriculum");
  const { levels, kinds, split: splitRule } = task;
  return answerOverlap(
    families,
    curriculum({ split: "train", size: task.trainSize, seed, levels, kinds, splitRule }),
  );
}
