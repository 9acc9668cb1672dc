/**
 * Evaluation at random points. The points are fixed (seeded), so a verdict never changes between
 * runs, and generic (irrational-looking reals away from 0 and 1), so that distinct expressions
 * almost surely differ on them.
 */
import { type Node, some, symbols } from "./ast.ts";
import type { C } from "./complex.ts";
import * as Cx from "./complex.ts";
import { evaluate, type Scope } from "./numeric.ts";

export const POINT_COUNT = 8;
/** Points where both sides must be defined before sampling may conclude "equal". */
export const MIN_VALID_POINTS = 3;
const MAX_VARIABLES = 12;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(0x5eed);
/**
 * Half the points are positive; the other half make some variables negative (all of them, the even
 * ones, the odd ones, a seeded mix), so that identities true only for positive reals (`\sqrt{x^2} = x`,
 * `|x| = x`, `\ln x^2 = 2 \ln x`) are told apart, as a computer algebra system without assumptions does.
 */
const NEGATIVE: ((k: number) => boolean)[] = [
  () => false,
  () => false,
  () => false,
  () => false,
  () => true,
  (k) => k % 2 === 0,
  (k) => k % 2 === 1,
  () => random() < 0.5,
];
const REAL_POINTS: number[][] = NEGATIVE.map((negative) =>
  Array.from({ length: MAX_VARIABLES }, (_, k) => {
    const magnitude = 0.31 + 2.6 * random();
    return negative(k) ? -magnitude : magnitude;
  }),
);
/** Points of magnitude 0.85–1.15, both signs: where high powers stay within a double's reach. */
const NEAR_ONE_POINTS: number[][] = NEGATIVE.map((negative) =>
  Array.from({ length: MAX_VARIABLES }, (_, k) => {
    const magnitude = 0.85 + 0.3 * random();
    return negative(k) ? -magnitude : magnitude;
  }),
);
const INTEGER_POINTS: number[][] = Array.from({ length: POINT_COUNT }, () =>
  Array.from({ length: MAX_VARIABLES }, () => 2 + Math.floor(random() * 11)),
);

const INTEGER_FUNCTIONS = new Set(["floor", "ceil", "fact", "binom", "gcd", "lcm"]);

/** Variables inside floor/factorial/binomial only make sense at integers. */
function needsIntegers(nodes: Node[]): boolean {
  return nodes.some((node) => some(node, (n) => n.t === "call" && INTEGER_FUNCTIONS.has(n.fn)));
}

export interface Sample {
  point: Map<string, C>;
  values: C[];
}

/** Evaluates every node at each point; null when there are too many variables to sample. */
export function sample(nodes: Node[], products: Set<string>): Sample[] | null {
  return sampleAt(needsIntegers(nodes) ? INTEGER_POINTS : REAL_POINTS, nodes, products);
}

/** The same at points near ±1 (null where variables must be integers: there are none near 1 but 1). */
export function sampleNearOne(nodes: Node[], products: Set<string>): Sample[] | null {
  return needsIntegers(nodes) ? null : sampleAt(NEAR_ONE_POINTS, nodes, products);
}

function sampleAt(table: number[][], nodes: Node[], products: Set<string>): Sample[] | null {
  const names = new Set<string>();
  for (const node of nodes) symbols(node, names);
  if (names.size > MAX_VARIABLES) return null;
  const sorted = [...names].sort();
  return table.map((row) => {
    const point = new Map<string, C>();
    sorted.forEach((name, k) => {
      point.set(name, Cx.c(row[k]));
    });
    const scope: Scope = { vars: point, products };
    return { point, values: nodes.map((node) => evaluate(node, scope)) };
  });
}

export function describePoint(point: Map<string, C>): string {
  return [...point].map(([name, v]) => `${name}=${Number(v.re.toPrecision(4))}`).join(", ");
}

/** |a − b| within `rel` of the larger magnitude. */
export function close(a: C, b: C, rel: number): boolean {
  const diff = Cx.abs(Cx.sub(a, b));
  if (diff === 0) return true;
  return diff <= rel * Math.max(Cx.abs(a), Cx.abs(b));
}

export function formatValue(v: C): string {
  const re = Number(v.re.toPrecision(10));
  if (Math.abs(v.im) < 1e-12 * Math.max(1, Math.abs(v.re))) return String(re);
  const im = Number(v.im.toPrecision(10));
  return `${re}${im < 0 ? "-" : "+"}${Math.abs(im)}i`;
}
