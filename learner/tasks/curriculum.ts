/**
 * A procedural math curriculum with verifiable LaTeX answers, short enough for a character model:
 * integer arithmetic, fractions to simplify, linear equations, remainders and next terms of small
 * sequences, each at several difficulty levels.
 *
 * Whether a problem belongs to the train or the test split is a hash of its text, not of the seed,
 * so the two splits are disjoint whatever seeds they are drawn with; the seed picks which problems
 * of a split are drawn and in what order.
 */
import type { Problem } from "../../shared/datasets/problems.ts";
import { type Rng, seededRng } from "../../shared/random/seeded.ts";

export const TASK_KINDS = ["arithmetic", "fraction", "linear", "remainder", "sequence"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const MAX_LEVEL = 3;
export type Split = "train" | "test";

export interface CurriculumProblem extends Problem {
  kind: TaskKind;
  level: number;
  /** The gold answer as LaTeX (what goes inside `\boxed{}`). */
  gold: string;
  /** A short worked step written before the boxed answer in SFT targets ("" for none). */
  reasoning: string;
}

type Generated = Omit<CurriculumProblem, "id" | "kind" | "level">;

/** Integer in [lo, hi]. */
const between = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const signed = (n: number) => (n < 0 ? `-${-n}` : `+${n}`);

function arithmetic(rng: Rng, level: number): Generated {
  if (level === 1) {
    const [a, b] = [between(rng, 0, 9), between(rng, 0, 9)];
    return rng.next() < 0.5 ? binary(a, "+", b, a + b) : binary(a, "-", b, a - b);
  }
  if (level === 2) {
    const [a, b] = [between(rng, 10, 99), between(rng, 10, 99)];
    const op = rng.int(3);
    if (op === 0) return binary(a, "+", b, a + b);
    if (op === 1) return binary(a, "-", b, a - b);
    const c = between(rng, 2, 9);
    return binary(a % 20, "*", c, (a % 20) * c);
  }
  const [a, b, c] = [between(rng, 2, 20), between(rng, 2, 9), between(rng, 1, 30)];
  return {
    problem: `Compute ${a}*${b}+${c}.`,
    gold: String(a * b + c),
    reasoning: `${a}*${b}=${a * b}.`,
  };
}

function binary(a: number, op: string, b: number, value: number): Generated {
  return { problem: `Compute ${a}${op}${b}.`, gold: String(value), reasoning: "" };
}

function fraction(rng: Rng, level: number): Generated {
  const maxDen = [0, 6, 12, 20][level]!;
  const den = between(rng, 2, maxDen);
  let num = between(rng, 1, den - 1);
  while (gcd(num, den) !== 1) num = between(rng, 1, den - 1);
  const factor = between(rng, 2, level === 1 ? 3 : 6);
  return {
    problem: `Simplify ${num * factor}/${den * factor}.`,
    gold: `\\frac{${num}}{${den}}`,
    reasoning: level === 1 ? "" : `Divide by ${factor}.`,
  };
}

function linear(rng: Rng, level: number): Generated {
  const x = between(rng, level === 1 ? 0 : -9, 9);
  const a = level === 1 ? 1 : between(rng, 2, level === 2 ? 5 : 9);
  const b = between(rng, -9, 9) || 1;
  const lhs = `${a === 1 ? "" : a}x${signed(b)}`;
  return {
    problem: `Solve ${lhs}=${a * x + b}.`,
    gold: String(x),
    reasoning: a === 1 ? "" : `${a}x=${a * x}.`,
  };
}

function remainder(rng: Rng, level: number): Generated {
  const d = between(rng, 2, [0, 5, 9, 13][level]!);
  const n = between(rng, d + 1, [0, 30, 99, 300][level]!);
  return { problem: `Remainder of ${n} by ${d}?`, gold: String(n % d), reasoning: "" };
}

function sequence(rng: Rng, level: number): Generated {
  const start = between(rng, 1, 9);
  // The step from term i to term i + 1: constant, a ratio, or growing by d (second differences).
  let stepAfter: (term: number, i: number) => number;
  if (level === 1) {
    const d = between(rng, 1, 9);
    stepAfter = () => d;
  } else if (level === 2) {
    const r = between(rng, 2, 3);
    stepAfter = (term) => term * (r - 1);
  } else {
    const [first, d] = [between(rng, 1, 5), between(rng, 1, 4)];
    stepAfter = (_, i) => first + i * d;
  }
  const terms = [start];
  for (let i = 0; i < 3; i++) terms.push(terms[i]! + stepAfter(terms[i]!, i));
  const step = stepAfter(terms[3]!, 3);
  return { problem: `Next: ${terms.join(",")},?`, gold: String(terms[3]! + step), reasoning: `+${step}.` };
}

const GENERATORS: Record<TaskKind, (rng: Rng, level: number) => Generated> = {
  arithmetic,
  fraction,
  linear,
  remainder,
  sequence,
};

/** FNV-1a: which split a problem belongs to, the same for every seed. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * How problems are split into train and test:
 * - `problem`: one problem text in five is held out (the first reproduction's split); held-out
 *   answers also occur in training.
 * - `answer`: where a family has enough distinct answers, whole answers are held out, so no held-out
 *   answer is ever a training target; the share per family is the smallest that leaves ≥ 100
 *   held-out problems at levels 1–3. Linear equations (19 answers) and remainders (13) would lose
 *   whole answer values from training, so they keep the problem split (their overlap is reported).
 */
export const SPLIT_RULES = ["problem", "answer"] as const;
export type SplitRule = (typeof SPLIT_RULES)[number];

/** Percent of each family's answer values held out under the `answer` rule (absent: split by problem). */
export const HELD_OUT_ANSWER_PERCENT: Partial<Record<TaskKind, number>> = {
  arithmetic: 10,
  fraction: 20,
  sequence: 50,
};

/** One problem in five goes to the test split (the `problem` rule). */
export function splitOf(problemText: string): Split {
  return textHash(problemText) % 5 === 0 ? "test" : "train";
}

export function splitUnder(
  rule: SplitRule,
  kind: TaskKind,
  problem: Pick<Generated, "problem" | "gold">,
): Split {
  const percent = rule === "answer" ? HELD_OUT_ANSWER_PERCENT[kind] : undefined;
  if (percent === undefined) return splitOf(problem.problem);
  return textHash(`${kind}:${problem.gold}`) % 100 < percent ? "test" : "train";
}

export interface CurriculumOptions {
  split: Split;
  size: number;
  seed: number;
  /** Difficulty levels to draw from (default: all). */
  levels?: readonly number[];
  kinds?: readonly TaskKind[];
  /** Default `problem`. */
  splitRule?: SplitRule;
}

/** Up to `size` distinct problems of one split (fewer when the levels hold fewer), kinds and levels drawn uniformly. */
export function curriculum(options: CurriculumOptions): CurriculumProblem[] {
  const levels = options.levels ?? Array.from({ length: MAX_LEVEL }, (_, i) => i + 1);
  const kinds = options.kinds ?? TASK_KINDS;
  const rule = options.splitRule ?? "problem";
  const rng = seededRng(options.seed);
  const seen = new Set<string>();
  const problems: CurriculumProblem[] = [];
  // Easy levels hold few distinct problems: after this many draws the split is taken as exhausted.
  const maxTries = options.size * 50;
  for (let tries = 0; problems.length < options.size && tries < maxTries; tries++) {
    const kind = rng.pick(kinds);
    const level = rng.pick(levels);
    const generated = GENERATORS[kind](rng, level);
    if (seen.has(generated.problem) || splitUnder(rule, kind, generated) !== options.split) continue;
    seen.add(generated.problem);
    problems.push({ id: `${options.split}-${problems.length}`, kind, level, ...generated });
  }
  return problems;
}

/** The text the model is prompted with: the problem on one line. */
export function promptText(problem: Pick<Problem, "problem">): string {
  return `${problem.problem}\n`;
}

/**
 * A wrong answer of the kind a careless demonstrator writes: one more than the gold (the numerator
 * of a fraction). Every curriculum gold is an integer or `\frac{a}{b}`; anything else is refused.
 */
export function offByOne(gold: string): string {
  const fraction = /^\\frac\{(-?\d+)\}\{(\d+)\}$/.exec(gold);
  if (fraction) return `\\frac{${Number(fraction[1]) + 1}}{${fraction[2]}}`;
  if (/^-?\d+$/.test(gold)) return String(Number(gold) + 1);
  throw new Error(`not a curriculum answer: ${gold}`);
}

/** The SFT target: the short worked step, if any, then the boxed answer. */
export function targetText(problem: CurriculumProblem): string {
  const boxed = `\\boxed{${problem.gold}}`;
  return problem.reasoning ? `${problem.reasoning} ${boxed}` : boxed;
}
