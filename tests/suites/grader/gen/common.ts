/**
 * Building blocks of the suite generator: a small seeded random generator (every family has its own
 * stream, so editing one family never reshuffles another), a case collector that numbers ids per
 * family and drops duplicates, and LaTeX helpers.
 */
import type { CaseOptions, SuiteCase } from "../schema.ts";

export type Gold = string | number | string[];

/** `String.raw`: LaTeX reads as written (`R\`\\frac{1}{2}\`` is one backslash). */
export const R = String.raw;

/** Zero-width and invisible format characters a renderer shows as nothing. */
export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"] as const;

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items in a random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32, seeded from a name. */
export function rngFor(name: string, seed = 20250101): Rng {
  let state = (hash(name) ^ seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    sample: <T>(items: readonly T[], n: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, Math.min(n, copy.length));
    },
  };
}

/** Collects the cases of one suite; ids are `<family>-<n>`, numbered per family from 1. */
export class SuiteBuilder {
  readonly cases: SuiteCase[] = [];
  private readonly counters = new Map<string, number>();
  private readonly seen = new Set<string>();

  constructor(readonly correct: boolean) {}

  add(family: string, response: string, gold: Gold, why: string, options?: CaseOptions): void {
    const key = JSON.stringify([response, gold, options ?? null]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const n = (this.counters.get(family) ?? 0) + 1;
    this.counters.set(family, n);
    this.cases.push({
      id: `${family}-${n}`,
      family,
      response,
      gold,
      correct: this.correct,
      why,
      ...(options ? { options } : {}),
    });
  }
}

export const box = (x: string): string => R`\boxed{${x}}`;

/**
 * How an answer reads in running text: `\text{Evelyn}` is `Evelyn`, a plain number stays bare, and
 * anything with LaTeX goes between dollars.
 */
export function plain(x: string): string {
  const text = /^\\text\{([^{}]*)\}$/.exec(x);
  if (text) return text[1] as string;
  return /[\\^_{}]/.test(x) ? `$${x}$` : x;
}

/** Reasoning openers without numbers, so they never supply an answer of their own. */
export const PREAMBLES = [
  "",
  "Let's work through the problem step by step.\n\nAfter simplifying, we reach the final result.\n\n",
  "We set up the equations from the statement and solve them carefully.\n\n",
  "**Solution.** Using the given conditions, we can determine the requested value.\n\n",
  "<think>\nLet me think about this carefully and check each condition.\n</think>\n\n",
  "首先，我们分析题目中的条件，然后逐步计算。\n\n",
  "Applying the formula from the previous step and simplifying gives the result.\n\n",
] as const;

const FILLER_WORDS = (
  "we now verify each step of the argument carefully and note that the reasoning above is " +
  "consistent with the constraints of the problem so the method generalizes to similar settings " +
  "where the same identity holds and the symmetry of the configuration makes the computation " +
  "straightforward once the key observation is made about the structure of the expression"
).split(" ");

/** About `length` characters of digit-free prose, in paragraphs. */
export function filler(rng: Rng, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const words = Array.from({ length: 12 + rng.int(12) }, () => rng.pick(FILLER_WORDS));
    const sentence = `${words.join(" ")}.`;
    const text = sentence.charAt(0).toUpperCase() + sentence.slice(1);
    parts.push(text);
    size += text.length + 1;
    if (rng.int(5) === 0) {
      parts.push("\n\n");
      size += 2;
    }
  }
  return parts.join(" ").replace(/ \n\n /g, "\n\n");
}

/** Answers with LaTeX go in math; plain ones may also stand in a sentence or alone. */
export const isPlain = (a: string): boolean => !/[\\^_{}]/.test(a);

/** The ways an honest response states an answer in math, shared by the right and the wrong suites. */
export const LATEX_WRAPPERS: ((a: string, rng: Rng) => string)[] = [
  (a, rng) => `${rng.pick(PREAMBLES)}Therefore, the answer is $\\boxed{${a}}$.`,
  (a) => `\\[\n\\boxed{${a}}\n\\]`,
  (a) => `Final Answer: The final answer is $${a}$. I hope it is correct.`,
  (a) => `**Answer:** $${a}$`,
  (a) => `<think>\nLet me verify the computation once more.\n</think>\n\n$\\boxed{${a}}$`,
  (a) => `答案是 $${a}$。`,
];

/** The ways an honest response states a plain answer. */
export const PLAIN_WRAPPERS: ((a: string) => string)[] = [
  (a) => `The answer is ${a}.`,
  (a) => a,
  (a) => `Answer: ${a}`,
];
