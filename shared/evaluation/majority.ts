/**
 * maj@k: the answer most samples agree on, where answers that are mathematically equal vote together
 * (`\frac12` and `0.5` are one vote). Correct samples all equal the gold, so they form one class
 * without comparisons; wrong answers are compared pairwise only when they could outvote it.
 */
import type { Verdict } from "../contracts/grading.ts";

/** Decides, for each pair, whether the two extracted answers are equal (the answer checker). */
export type EquivalenceCheck = (pairs: { a: string; b: string }[]) => Promise<boolean[]>;

interface WrongGroup {
  answer: string;
  votes: number;
  first: number;
}

interface Pending {
  problem: number;
  groups: WrongGroup[];
  correctVotes: number;
  correctFirst: number;
}

/**
 * The majority verdict of each problem's samples. Ties go to the class whose first vote came first,
 * as `Counter.most_common` does; samples without an extracted answer do not vote.
 */
export async function majorityVotes(
  verdictsByProblem: Verdict[][],
  sameAnswer: EquivalenceCheck,
): Promise<boolean[]> {
  const result = new Array<boolean>(verdictsByProblem.length).fill(false);
  const pending: Pending[] = [];
  verdictsByProblem.forEach((verdicts, problem) => {
    let correctVotes = 0;
    let correctFirst = Number.POSITIVE_INFINITY;
    const groups = new Map<string, WrongGroup>();
    verdicts.forEach((verdict, index) => {
      if (verdict.extracted === null) return;
      if (verdict.correct) {
        correctVotes++;
        correctFirst = Math.min(correctFirst, index);
        return;
      }
      const key = verdict.normalized.response ?? verdict.extracted;
      const group = groups.get(key) ?? { answer: verdict.extracted, votes: 0, first: index };
      group.votes++;
      groups.set(key, group);
    });
    const wrongVotes = [...groups.values()].reduce((sum, g) => sum + g.votes, 0);
    if (correctVotes === 0) return;
    if (correctVotes > wrongVotes || groups.size === 0) {
      result[problem] = true;
      return;
    }
    pending.push({ problem, groups: [...groups.values()], correctVotes, correctFirst });
  });
  const pairs = pending.flatMap((p) =>
    p.groups.flatMap((g, i) => p.groups.slice(i + 1).map((h) => ({ a: g.answer, b: h.answer }))),
  );
  const equal = pairs.length > 0 ? await sameAnswer(pairs) : [];
  let cursor = 0;
  for (const p of pending) {
    const parent = p.groups.map((_, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) i = parent[i]!;
      return i;
    };
    for (let i = 0; i < p.groups.length; i++) {
      for (let j = i + 1; j < p.groups.length; j++) {
        if (equal[cursor++]) parent[root(j)] = root(i);
      }
    }
    const classes = new Map<number, { votes: number; first: number }>();
    p.groups.forEach((g, i) => {
      const c = classes.get(root(i)) ?? { votes: 0, first: g.first };
      c.votes += g.votes;
      c.first = Math.min(c.first, g.first);
      classes.set(root(i), c);
    });
    result[p.problem] = [...classes.values()].every(
      (c) => p.correctVotes > c.votes || (p.correctVotes === c.votes && p.correctFirst < c.first),
    );
  }
  return result;
}
