/**
 * Synthetic model responses built from gold answers, with known labels: equivalent rewrites of the
 * gold (correct) and perturbed values (wrong), either bare or inside a long chain-of-thought. The demo
 * and the benchmarks use them to measure speed and the grader's agreement with the labels.
 */
import type { Rng } from "../random/seeded.ts";

export interface SyntheticResponse {
  response: string;
  /** Whether the response is built to be correct. */
  label: boolean;
  /** Which rewrite made it, for reports. */
  kind: string;
}

const INTEGER = /^-?\d+$/;
const SIMPLE_FRACTION = /^\\[dt]?frac\{(-?\d+)\}\{(\d+)\}$/;

/** Strips the decorations golds come with in the benchmark files (`$…$`, trailing newlines). */
export function bareGold(gold: string): string {
  return gold
    .trim()
    .replace(/^\$+|\$+$/g, "")
    .trim();
}

/** Forms equal in value to `gold`. The first is the gold itself. */
export function equivalentForms(gold: string): { text: string; kind: string }[] {
  const g = bareGold(gold);
  const forms = [{ text: g, kind: "verbatim" }];
  if (INTEGER.test(g)) {
    const n = BigInt(g);
    forms.push({ text: `${n}.0`, kind: "trailing-zero" });
    if (n >= 1000n || n <= -1000n) forms.push({ text: n.toLocaleString("en-US"), kind: "thousands" });
    if (/^0\d/.test(g)) forms.push({ text: String(n), kind: "leading-zero" });
    return forms;
  }
  const fraction = SIMPLE_FRACTION.exec(g);
  if (fraction) {
    const [, num, den] = fraction;
    forms.push({ text: `${num}/${den}`, kind: "slash-fraction" });
    forms.push({ text: `\\dfrac{${num}}{${den}}`, kind: "dfrac" });
    const value = Number(num) / Number(den);
    if (terminates(Number(den))) forms.push({ text: String(value), kind: "decimal" });
  }
  if (g.includes("\\frac")) forms.push({ text: g.replaceAll("\\frac", "\\dfrac"), kind: "dfrac" });
  if (g.includes("\\left")) forms.push({ text: g.replace(/\\left|\\right/g, ""), kind: "no-left-right" });
  if (/[+=]/.test(g)) forms.push({ text: g.replace(/\s*([+=])\s*/g, " $1 "), kind: "spacing" });
  const degrees = /^(-?\d+)\^\\circ$/.exec(g);
  if (degrees) forms.push({ text: degrees[1]!, kind: "no-degree-sign" });
  const text = /^\\text\{([^{}]*)\}$/.exec(g);
  if (text) forms.push({ text: text[1]!.toLowerCase(), kind: "plain-text" });
  return forms;
}

/** A form that differs in value from `gold` (a changed number), or null when none is safe to make. */
export function wrongForm(gold: string, rng: Rng): { text: string; kind: string } | null {
  const g = bareGold(gold);
  if (INTEGER.test(g)) {
    const n = BigInt(g);
    const choices = [n + 1n, n - 1n, n * 2n + 1n, -n - 1n].filter((c) => c !== n);
    return { text: String(rng.pick(choices)), kind: "off-value" };
  }
  // Change the first digit: a leading coefficient, never an exponent of a unit (`\text{ m}^{-2}`).
  const at = g.search(/\d/);
  if (at < 0) return null;
  const digit = Number(g[at]);
  const replacement = digit === 9 ? 7 : digit + 1;
  return { text: `${g.slice(0, at)}${replacement}${g.slice(at + 1)}`, kind: "changed-digit" };
}

const REASONING = [
  "Let us set up the problem carefully and name the unknown quantities.",
  "We first simplify the expression by collecting like terms.",
  "Substituting the known values, the equation becomes linear in the unknown.",
  "Checking small cases suggests a pattern, which we now prove by induction.",
  "By symmetry, it suffices to consider the case where the first term is the largest.",
  "Applying the identity $a^2 - b^2 = (a-b)(a+b)$ reduces the degree.",
  "The constraint $x + y = 10$ lets us eliminate $y$ from the system.",
  "Multiplying both sides by the common denominator $12$ clears the fractions.",
  "We compute $\\frac{3}{4} \\cdot 8 = 6$ and $2^5 = 32$ along the way.",
  "Wait, let me double-check that step: the sign of the second term was wrong, so we redo it.",
];

const ENDINGS = [
  (a: string) => `Therefore, the final answer is $\\boxed{${a}}$.`,
  (a: string) => `So the answer is \\boxed{${a}}.`,
  (a: string) => `</think>\n\nThe computation above gives $\\boxed{${a}}$.`,
  (a: string) => `Final Answer: The final answer is $${a}$. I hope it is correct.`,
  (a: string) => `Putting it together, we get \\[\\boxed{${a}}\\]`,
];

/** A long chain-of-thought of about `sentences` sentences that ends with `answer`. */
export function longResponse(answer: string, rng: Rng, sentences = 12): string {
  const body = Array.from({ length: sentences }, () => rng.pick(REASONING)).join(" ");
  return `${body}\n\n${rng.pick(ENDINGS)(answer)}`;
}

/**
 * Responses for one gold: about half correct in varied equivalent forms, the rest wrong; half bare
 * answers, half long responses.
 */
export function syntheticResponses(gold: string, count: number, rng: Rng): SyntheticResponse[] {
  const forms = equivalentForms(gold);
  const out: SyntheticResponse[] = [];
  for (let i = 0; i < count; i++) {
    const wrong = rng.next() < 0.5 ? wrongForm(gold, rng) : null;
    const chosen = wrong ?? rng.pick(forms);
    const bare = rng.next() < 0.5;
    const response = bare ? chosen.text : longResponse(chosen.text, rng, 6 + rng.int(20));
    out.push({ response, label: wrong === null, kind: `${chosen.kind}${bare ? "" : ", long"}` });
  }
  return out;
}

function terminates(denominator: number): boolean {
  let d = denominator;
  for (const p of [2, 5]) while (d % p === 0 && d > 0) d /= p;
  return d === 1;
}
