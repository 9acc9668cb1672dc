/**
 * Compares two single values: exactly when both are exact, within a decimal's stated precision when
 * one side is a decimal, and by evaluation at random points when they contain variables.
 */
import { countNodes, type Node, num, replaceNodes, some, sym, symbols } from "./ast.ts";
import * as Cx from "./complex.ts";
import { type Context, differ, type Outcome, same } from "./context.ts";
import { exactEqual, exactText, exactValue } from "./exact.ts";
import { evaluate } from "./numeric.ts";
import { decimalTolerance, statedPrecision } from "./precision.ts";
import * as Q from "./rational.ts";
import {
  close,
  describePoint,
  formatValue,
  MIN_VALID_POINTS,
  type Sample,
  sample,
  sampleNearOne,
} from "./sampling.ts";
import { symbolicallyEqual } from "./symbolic.ts";

/** Two values computed in doubles from exact expressions agree to about this much. */
const NUMERIC_TOLERANCE = 1e-10;
/** Beyond this, a relative difference of 1e-10 can hide an integer or an irrational term. */
const HUGE = 1e9;

const hasPi = (node: Node) => some(node, (n) => n.t === "sym" && n.name === "pi");
/** An angle in radians without π: `\arctan 1` against `45^\circ`. */
const INVERSE_TRIG = new Set(["arcsin", "arccos", "arctan", "arccot", "arcsec", "arccsc"]);
const isInverseTrig = (n: Node) => n.t === "call" && INVERSE_TRIG.has(n.fn);

const hundredth = (node: Node): Node => ({ t: "div", num: node, den: num("100") });
const toRadians = (node: Node): Node => ({
  t: "mul",
  args: [node, { t: "div", num: sym("pi"), den: num("180") }],
});

/** The readings of a side given the other: `10\%` may mean 10 or 0.1, `30^\circ` may mean π/6. */
function readings(node: Node, other: Node, ctx: Context): Node[] {
  if (node.t === "pct" && other.t !== "pct") {
    const { percent } = ctx.options;
    if (percent === "number") return [node.arg];
    if (percent === "fraction") return [hundredth(node.arg)];
    return [node.arg, hundredth(node.arg)];
  }
  if (node.t === "deg" && other.t !== "deg")
    return hasPi(other) || some(other, isInverseTrig) ? [node.arg, toRadians(node.arg)] : [node.arg];
  if ((node.t === "pct" && other.t === "pct") || (node.t === "deg" && other.t === "deg")) return [node.arg];
  // `\log` without a base is the natural log to some and the common log to others (`\log 100` = 2).
  if (some(node, isBaselessLog) && !some(other, isLog)) return [node, replaceNodes(node, commonLog)];
  return [node];
}

const isLog = (n: Node) => n.t === "call" && (n.fn === "log" || n.fn === "ln" || n.fn === "log10");
const isBaselessLog = (n: Node) => n.t === "call" && n.fn === "log" && n.args.length === 1;
function commonLog(n: Node): Node | null {
  return isBaselessLog(n)
    ? { t: "call", fn: "log10", args: [replaceNodes((n as { args: Node[] }).args[0], commonLog)] }
    : null;
}

export function compareScalars(a: Node, b: Node, ctx: Context): Outcome {
  let first: Outcome | undefined;
  for (const x of readings(a, b, ctx)) {
    for (const y of readings(b, a, ctx)) {
      const outcome = compareValues(x, y, ctx);
      if (outcome.equal) return outcome;
      first ??= outcome;
    }
  }
  return first!;
}

function compareValues(a: Node, b: Node, ctx: Context): Outcome {
  if (some(a, isInfinity) || some(b, isInfinity)) return compareInfinite(a, b);
  const names = symbols(a, symbols(b));
  return names.size === 0 ? compareConstants(a, b, ctx) : compareBySampling(a, b, ctx);
}

const isInfinity = (n: Node) => n.t === "sym" && n.name === "infty";

function compareInfinite(a: Node, b: Node): Outcome {
  const va = evaluate(a);
  const vb = evaluate(b);
  const infinite = (v: Cx.C) => v.im === 0 && !Number.isFinite(v.re) && !Number.isNaN(v.re);
  if (infinite(va) && infinite(vb) && va.re === vb.re) return same("exact");
  return differ(`different values: ${formatValue(va)} vs ${formatValue(vb)}`, "exact");
}

function compareConstants(a: Node, b: Node, ctx: Context): Outcome {
  const tolerance = decimalTolerance(a, b, ctx.options);
  const ea = exactValue(a);
  const eb = exactValue(b);
  if (ea && eb) {
    const equal = exactEqual(ea, eb);
    if (equal) return same("exact");
    if (equal === null) return differ("too large to compare exactly", "exact");
    const why = `different values: ${exactText(ea)} vs ${exactText(eb)}`;
    if (tolerance === null || ea.kind === "big" || eb.kind === "big") return differ(why, "exact");
    return withinTolerance(Q.toNumber(ea.q), Q.toNumber(eb.q), tolerance)
      ? same("tolerance")
      : differ(why, "tolerance");
  }
  if ((ea && ea.kind === "big") || (eb && eb.kind === "big")) {
    return compareMagnitudes(a, b, ea, eb);
  }
  const va = evaluate(a);
  const vb = evaluate(b);
  if (!Cx.finite(va) || !Cx.finite(vb)) {
    return differ(`could not evaluate: ${formatValue(va)} vs ${formatValue(vb)}`);
  }
  const why = `different values: ${formatValue(va)} vs ${formatValue(vb)}`;
  // A decimal is a rational number: against an irrational exact gold it is a rounding, however many
  // digits it has (`3.141592653589793` for π), unless the caller asked for a tolerance.
  if (tolerance === null && ea && statedPrecision(a) !== null)
    return differ(`${why}: a rounded decimal for an exact value`, "exact");
  if (tolerance !== null)
    return withinTolerance(va, vb, tolerance) ? same("tolerance") : differ(why, "tolerance");
  // Doubles cannot see below their range (`e^{-1000}` is 0 there, as is `e^{-1001}`) nor tell
  // rounding noise from a true zero (`\sin\pi` is 1.2e-16): unless both sides are 0 without a power
  // leaving that range, only a symbolic proof says equal.
  const zero = (v: Cx.C) => Cx.abs(v) === 0;
  if ((zero(va) || zero(vb)) && !(zero(va) && zero(vb) && !leavesDoubleRange(a) && !leavesDoubleRange(b))) {
    return symbolicallyEqual(a, b, ctx.products)
      ? same("symbolic")
      : differ(`${why}: no symbolic proof that both are 0`, "symbolic");
  }
  if (!close(va, vb, NUMERIC_TOLERANCE)) return differ(why, "sampling");
  // Doubles cannot see √2 next to 10^{20}: at such magnitudes only a symbolic proof says equal.
  if (Math.max(Cx.abs(va), Cx.abs(vb)) > HUGE && !symbolicallyEqual(a, b, ctx.products)) {
    return differ("too large to compare numerically, and no symbolic proof of equality", "symbolic");
  }
  return same("sampling");
}

/** Powers looked at for leaving the double range; a larger expression is taken to leave it. */
const MAX_RANGE_NODES = 200;

/** Whether a power in `node` underflows to 0 or overflows (`e^{-1000}`, `\frac{1}{e^{1000}}`). */
function leavesDoubleRange(node: Node): boolean {
  if (countNodes(node) > MAX_RANGE_NODES) return true;
  return some(node, (n) => {
    if (n.t !== "pow") return false;
    const value = evaluate(n);
    return !Cx.finite(value) || (Cx.abs(value) === 0 && Cx.abs(evaluate(n.base)) !== 0);
  });
}

/** One side is too large to build: compare orders of magnitude, never call them equal blindly. */
function compareMagnitudes(
  a: Node,
  b: Node,
  ea: ReturnType<typeof exactValue>,
  eb: ReturnType<typeof exactValue>,
): Outcome {
  const log10 = (node: Node, e: ReturnType<typeof exactValue>) => {
    if (e) return e.kind === "big" ? e.log10 : Q.log10Abs(e.q);
    return Math.log10(Cx.abs(evaluate(node)));
  };
  const la = log10(a, ea);
  const lb = log10(b, eb);
  if (Number.isFinite(la) && Number.isFinite(lb) && Math.abs(la - lb) > 1e-9 * Math.max(1, Math.abs(la))) {
    return differ(`different magnitudes: about 10^${la.toPrecision(6)} vs 10^${lb.toPrecision(6)}`, "exact");
  }
  return differ("too large to compare exactly", "exact");
}

/**
 * Whether the response `a` is within `rel` of the gold `b`, relative to the gold: a gold's stated
 * precision is half a unit of its own last digit (gold `1e11` allows 0.5e11, so `2e11` is out).
 */
function withinTolerance(a: number | Cx.C, b: number | Cx.C, rel: number): boolean {
  const ca = typeof a === "number" ? Cx.c(a) : a;
  const cb = typeof b === "number" ? Cx.c(b) : b;
  const diff = Cx.abs(Cx.sub(ca, cb));
  return diff === 0 || diff <= rel * Cx.abs(cb) * (1 + 1e-12);
}

interface Agreement {
  /** Set when some point tells the sides apart. */
  different?: Outcome;
  nonzero: number;
  zeros: number;
  skipped: number;
  /** Some value beyond `HUGE`, where a relative tolerance can hide a small term. */
  huge: boolean;
}

/** A value with no imaginary part beyond the rounding of a complex intermediate (`\sqrt{-2}\sqrt{-3}`). */
const isReal = (v: Cx.C) => Math.abs(v.im) <= 1e-10 * Cx.abs(v);

/**
 * onlyReal: a point where neither side is real is outside both answers' real domain and says
 * nothing about them as real answers (`\sqrt{x/y}` and `\sqrt{x}/\sqrt{y}` take different branches
 * there), so it is skipped; a point where one side is real and the other is not still tells them apart.
 */
function agreement(samples: Sample[] | null, tolerance: number, onlyReal: boolean): Agreement {
  const result: Agreement = { nonzero: 0, zeros: 0, skipped: 0, huge: false };
  for (const { point, values } of samples ?? []) {
    const [va, vb] = values;
    if (!Cx.finite(va) || !Cx.finite(vb)) {
      result.skipped++;
      continue;
    }
    if (onlyReal && !isReal(va) && !isReal(vb)) continue;
    if (!close(va, vb, tolerance)) {
      const why = `different values at ${describePoint(point)}: ${formatValue(va)} vs ${formatValue(vb)}`;
      return { ...result, different: differ(why, "sampling") };
    }
    if (Cx.abs(va) === 0 && Cx.abs(vb) === 0) result.zeros++;
    else result.nonzero++;
    result.huge ||= Math.max(Cx.abs(va), Cx.abs(vb)) > HUGE;
  }
  return result;
}

/**
 * Underflow makes different expressions both 0 (x^1000 and x^1001 at x < 1), so points where both
 * sides are 0 only count when no point overflowed.
 */
const enoughPoints = (a: Agreement) =>
  a.nonzero >= MIN_VALID_POINTS || (a.skipped === 0 && a.nonzero + a.zeros >= MIN_VALID_POINTS);

function compareBySampling(a: Node, b: Node, ctx: Context): Outcome {
  const tolerance = decimalTolerance(a, b, ctx.options) ?? NUMERIC_TOLERANCE;
  const samples = sample([a, b], ctx.products);
  // On the real domain first; answers that are complex nearly everywhere (`e^{i\theta}`) on all points.
  const real = agreement(samples, tolerance, true);
  const wide = real.different || enoughPoints(real) ? real : agreement(samples, tolerance, false);
  if (wide.different) return wide.different;
  if (enoughPoints(wide)) {
    if (!wide.huge || symbolicallyEqual(a, b, ctx.products)) return same("sampling");
    // High powers (`z^{17}(5 + z^{17})`) overflow the tolerance's reach; near ±1 they stay small.
    const near = agreement(sampleNearOne([a, b], ctx.products), tolerance, false);
    if (near.different) return near.different;
    if (enoughPoints(near) && !near.huge) return same("sampling");
    return differ("too large to compare numerically, and no symbolic proof of equality", "symbolic");
  }
  if (symbolicallyEqual(a, b, ctx.products)) return same("symbolic");
  return differ("could not decide: the expressions cannot be evaluated at enough points", "sampling");
}
