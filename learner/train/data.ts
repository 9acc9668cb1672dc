import type { Problem, ProblemSet } from "../../shared/datasets/problems.ts";
import { resolveProblemSets } from "../../shared/datasets/resolve.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { curriculum, type SplitRule, TASK_KINDS, type TaskKind } from "../tasks/curriculum.ts";
import type { TaskConfig } from "./config.ts";

export interface TaskData {
  train: Problem[];
  /** Held-out problem sets, evaluated per set and averaged. */
  test: ProblemSet[];
}

export const CURRICULUM_TEST_SET = "curriculum-test";

export function curriculumTestSet(
  size: number,
  seed: number,
  levels?: readonly number[],
  kinds?: readonly TaskKind[],
  splitRule?: SplitRule,
): ProblemSet {
  const problems = curriculum({ split: "test", size, seed, levels, kinds, splitRule });
  return { name: CURRICULUM_TEST_SET, path: "", problems, skipped: [] };
}

/**
 * The test split as one problem set per task family (named by its kind), `perKind` problems each, so
 * that an evaluation scores every family on its own and averages them with equal weight.
 */
export function curriculumTestSetsByKind(
  perKind: number,
  seed: number,
  levels?: readonly number[],
  kinds: readonly TaskKind[] = TASK_KINDS,
  splitRule?: SplitRule,
): ProblemSet[] {
  return kinds.map((kind) => ({
    name: kind,
    path: "",
    problems: curriculum({ split: "test", size: perKind, seed, levels, kinds: [kind], splitRule }),
    skipped: [],
  }));
}

export async function loadTask(task: TaskConfig, seed: number): Promise<TaskData> {
  if (task.kind === "curriculum") {
    const { levels, kinds, split: splitRule } = task;
    return {
      train: curriculum({ split: "train", size: task.trainSize, seed, levels, kinds, splitRule }),
      test: [curriculumTestSet(task.testSize, seed, levels, kinds, splitRule)],
    };
  }
  const train = (await resolveProblemSets(task.train)).flatMap((s) => s.problems);
  return { train, test: await resolveProblemSets(task.test) };
}

/**
 * The `count` problems from position `cursor` of an endless stream that walks the training set in
 * a fresh seeded order every epoch: the cursor alone says where a resumed run continues.
 */
export function problemsAt(
  train: readonly Problem[],
  cursor: number,
  count: number,
  seed: number,
): Problem[] {
  const out: Problem[] = [];
  let epoch = -1;
  let order: number[] = [];
  for (let position = cursor; position < cursor + count; position++) {
    const e = Math.floor(position / train.length);
    if (e !== epoch) {
      epoch = e;
      order = shuffledIndices(train.length, (seed * 1_000_003 + e) >>> 0);
    }
    out.push(train[order[position % train.length]!]!);
  }
  return out;
}

function shuffledIndices(n: number, seed: number): number[] {
  const rng = seededRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
