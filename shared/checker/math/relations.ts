/**
 * Equations and inequalities: an assignment counts by its value (`x = 5` ~ `5`), equations are equal
 * up to side swap and scaling (`y = 2x+1` ~ `2x - y + 1 = 0`), inequalities in one variable are
 * intervals (`x > 2` ~ `(2, \infty)`).
 */
import { CONSTANTS, type Node, type RelOp, some, sym, symbols } from "./ast.ts";
import * as Cx from "./complex.ts";
import { type Context, differ, type Outcome, same } from "./context.ts";
import { evaluate } from "./numeric.ts";
import { render } from "./render.ts";
import { close, MIN_VALID_POINTS, sample } from "./sampling.ts";

type Recurse = (a: Node, b: Node, ctx: Context) => Outcome;

const INFINITY = sym("infty");
const MINUS_INFINITY: Node = { t: "neg", arg: INFINITY };

/** A name being defined: `x`, `f(x)`, `a_1`, `\angle ABC`. */
function isNameLike(node: Node): boolean {
  switch (node.t) {
    case "sym":
      return !CONSTANTS.has(node.name);
    case "apply":
      return node.args.every((arg) => arg.t === "sym" || arg.t === "num");
    case "mul":
      return node.args.every((arg) => arg.t === "sym" && !CONSTANTS.has(arg.name));
    case "group":
      // `(p, q) = (3, 2)`: a tuple of names labels a tuple of values.
      return node.open === "(" && node.items.every(isNameLike);
    default:
      return false;
  }
}

const isConstant = (node: Node) => symbols(node).size === 0;

/** The value an assignment gives (`x = 5` → 5, `f(x) = 2x` → 2x), or null for other relations. */
export function assignedValue(node: Node): Node | null {
  if (node.t !== "rel" || !node.ops.every((op) => op === "=" || op === "≈")) return null;
  const first = node.args[0];
  const last = node.args[node.args.length - 1];
  if (isNameLike(first)) return last;
  if (node.args.length === 2 && isNameLike(last) && !isNameLike(first)) return first;
  return null;
}

function bounds(op: RelOp, value: Node, variableOnLeft: boolean): Node | null {
  // Normalise to "variable op value".
  const flipped: Partial<Record<RelOp, RelOp>> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };
  const o = variableOnLeft ? op : flipped[op];
  switch (o) {
    case "<":
      return { t: "group", open: "(", close: ")", items: [MINUS_INFINITY, value] };
    case "<=":
      return { t: "group", open: "(", close: "]", items: [MINUS_INFINITY, value] };
    case ">":
      return { t: "group", open: "(", close: ")", items: [value, INFINITY] };
    case ">=":
      return { t: "group", open: "[", close: ")", items: [value, INFINITY] };
    default:
      return null;
  }
}

function allBut(value: Node): Node {
  return {
    t: "union",
    items: [
      { t: "group", open: "(", close: ")", items: [MINUS_INFINITY, value] },
      { t: "group", open: "(", close: ")", items: [value, INFINITY] },
    ],
  };
}

/** What an inequality bounds: a variable or a function value (`0 < f(x) < 1`). */
function isBounded(node: Node): boolean {
  return (node.t === "sym" && !CONSTANTS.has(node.name)) || (node.t === "apply" && isNameLike(node));
}

/** `x > 2` → (2, ∞); `1 < x \le 3` → (1, 3]; `x \in [0, 1]` → [0, 1]; `x \ne 3` → (−∞, 3) ∪ (3, ∞); else null. */
export function asInterval(node: Node): Node | null {
  if (node.t !== "rel") return null;
  const { ops, args } = node;
  if (ops.length === 1 && ops[0] === "in" && isNameLike(args[0])) return args[1];
  if (ops.length === 1) {
    const [l, r] = args;
    // `x \ne 3`: every real but one.
    if (ops[0] === "!=" && isBounded(l) && isConstant(r)) return allBut(r);
    if (ops[0] === "!=" && isBounded(r) && isConstant(l)) return allBut(l);
    if (isBounded(l) && isConstant(r)) return bounds(ops[0], r, true);
    if (isBounded(r) && isConstant(l)) return bounds(ops[0], l, false);
    return null;
  }
  if (ops.length === 2 && isBounded(args[1]) && isConstant(args[0]) && isConstant(args[2])) {
    const ascending = ops.every((op) => op === "<" || op === "<=");
    const descending = ops.every((op) => op === ">" || op === ">=");
    if (!ascending && !descending) return null;
    const [lo, hi] = ascending ? [args[0], args[2]] : [args[2], args[0]];
    const [loOp, hiOp] = ascending ? ops : [ops[1], ops[0]];
    return {
      t: "group",
      open: loOp.endsWith("=") ? "[" : "(",
      close: hiOp.endsWith("=") ? "]" : ")",
      items: [lo, hi],
    };
  }
  return null;
}

/** `l op r` as `d op' 0` with op' ∈ {=, <, <=, !=}. */
function difference(node: Node & { t: "rel" }): { d: Node; op: RelOp } | null {
  if (node.ops.length !== 1) return null;
  const [l, r] = node.args;
  const op = node.ops[0];
  if (op === ">" || op === ">=")
    return { d: { t: "add", args: [r, { t: "neg", arg: l }] }, op: op === ">" ? "<" : "<=" };
  if (op === "in") return null;
  return { d: { t: "add", args: [l, { t: "neg", arg: r }] }, op };
}

/** Two relations with the same solution set: their differences are proportional (positively for inequalities). */
function proportional(a: Node & { t: "rel" }, b: Node & { t: "rel" }, ctx: Context): Outcome {
  const da = difference(a);
  const db = difference(b);
  if (!da || !db) return differ("unsupported relation", "equation");
  if (da.op !== db.op) return differ(`different relations: ${da.op} vs ${db.op}`, "equation");
  const samples = sample([da.d, db.d], ctx.products);
  let ratio: Cx.C | null = null;
  let valid = 0;
  for (const { values } of samples ?? []) {
    const [x, y] = values;
    if (!Cx.finite(x) || !Cx.finite(y)) continue;
    const small = (v: Cx.C) => Cx.abs(v) < 1e-12;
    if (small(x) && small(y)) continue;
    if (small(x) || small(y)) return differ("the equations have different solutions", "equation");
    const r = Cx.div(x, y);
    if (ratio === null) ratio = r;
    else if (Cx.abs(Cx.sub(r, ratio)) > 1e-8 * Cx.abs(ratio)) {
      return da.op === "=" && scaledBySymbols(da.d, db.d, ctx)
        ? same("equation")
        : differ("the equations have different solutions", "equation");
    }
    valid++;
  }
  if (valid < MIN_VALID_POINTS || ratio === null) {
    return render(a) === render(b)
      ? same("string")
      : differ("could not decide: cannot evaluate the relations", "equation");
  }
  if (da.op !== "=" && da.op !== "!=" && (Math.abs(ratio.im) > 1e-9 || ratio.re <= 0)) {
    return differ("the inequalities point in different directions", "equation");
  }
  return same("equation");
}

/** Largest power of one symbol an equation may be multiplied through by. */
const MAX_SCALING_POWER = 4;

/**
 * Whether `a = 0` is `b = 0` multiplied through by a product of powers of its symbols (`ax + b = c`
 * and `x + b/a = c/a`; `LC v'' + v = u` and `v'' + v/(LC) = u/(LC)`), where that factor vanishes
 * only where the other side is undefined: `x(x-1) = 0` is not `x - 1 = 0`, its factor x vanishes
 * where `x - 1` is defined. The factor's powers are read from doubling each symbol at one point, then
 * checked at every sample point.
 */
function scaledBySymbols(a: Node, b: Node, ctx: Context): boolean {
  const names = [...symbols(a, symbols(b))].sort();
  const base = sample([a, b], ctx.products)?.[0];
  if (base === undefined || names.length === 0) return false;
  const at = (point: Map<string, Cx.C>, node: Node) =>
    evaluate(node, { vars: point, products: ctx.products });
  const factor = (point: Map<string, Cx.C>) => Cx.div(at(point, a), at(point, b));
  const h0 = factor(base.point);
  if (!Cx.finite(h0) || Cx.abs(h0) < 1e-12) return false;
  const powers = new Map<string, number>();
  for (const name of names) {
    const doubled = new Map(base.point);
    doubled.set(name, Cx.mul(base.point.get(name)!, Cx.c(2)));
    const step = Cx.div(factor(doubled), h0);
    const power = Math.round(Math.log2(Cx.abs(step)));
    if (!close(step, Cx.c(2 ** power), 1e-8) || Math.abs(power) > MAX_SCALING_POWER) return false;
    if (power !== 0) powers.set(name, power);
  }
  if (powers.size === 0) return false;
  const monomial = (point: Map<string, Cx.C>) =>
    [...powers].reduce((m, [name, power]) => Cx.mul(m, Cx.pow(point.get(name)!, Cx.c(power))), Cx.c(1));
  const constant = Cx.div(h0, monomial(base.point));
  for (const { point } of sample([a, b], ctx.products) ?? []) {
    const h = factor(point);
    if (Cx.finite(h) && !close(Cx.div(h, monomial(point)), constant, 1e-8)) return false;
  }
  // Where the factor vanishes (a symbol with a positive power is 0), the divided side must be undefined.
  return [...powers].every(([name, power]) => {
    const zero = new Map(base.point);
    zero.set(name, Cx.c(0));
    return !Cx.finite(at(zero, power > 0 ? b : a));
  });
}

export function compareRelations(a: Node, b: Node, ctx: Context, recurse: Recurse): Outcome {
  const ia = asInterval(a);
  const ib = asInterval(b);
  if (ia && (ib || b.t !== "rel")) return recurse(ia, ib ?? b, ctx);
  if (ib && a.t !== "rel") return recurse(a, ib, ctx);
  if (a.t === "rel" && b.t === "rel") {
    const chain = chainMembers(a);
    const named = assignedValue(b);
    if (chain?.name && named && b.args.length === 2 && render(chain.name) === render(b.args[0])) {
      return compareChain(chain, named, ctx, recurse);
    }
    const va = assignedValue(a);
    const vb = assignedValue(b);
    if (va && vb && a.args.length === 2 && b.args.length === 2 && render(a.args[0]) === render(b.args[0])) {
      return recurse(va, vb, ctx);
    }
    if (a.ops.length === 1 && b.ops.length === 1) {
      if (isConstant(a) && isConstant(b)) {
        return render(a) === render(b) ? same("string") : differ("different relations", "equation");
      }
      return proportional(a, b, ctx);
    }
    return render(a) === render(b) ? same("string") : differ("different relations", "equation");
  }
  const [rel, other, relIsResponse] = a.t === "rel" ? [a, b, true] : [b, a, false];
  const chain = relIsResponse && rel.t === "rel" ? chainMembers(rel) : null;
  if (chain !== null) return compareChain(chain, other, ctx, recurse);
  const value = assignedValue(rel);
  if (value) return relIsResponse ? recurse(value, other, ctx) : recurse(other, value, ctx);
  return differ(
    `${relIsResponse ? "response" : "gold"} is a relation, the ${relIsResponse ? "gold" : "response"} is not`,
  );
}

/**
 * A chain of equalities and approximations as one answer: `x = 5 + 5 + 1 = 11`, `\frac{\sqrt3}{3}
 * \approx 0.577`. Only chains of two or more values are read here (a plain `x = 5` is an assignment).
 */
interface Chain {
  name: Node | null;
  /** The values stated equal to the answer, before the first `≈`. */
  exact: Node[];
  /** The values after it: approximations of the answer. */
  approx: Node[];
}

function chainMembers(node: Node & { t: "rel" }): Chain | null {
  if (!node.ops.every((op) => op === "=" || op === "≈")) return null;
  const named = isNameLike(node.args[0]) && node.ops[0] === "=";
  const values = named ? node.args.slice(1) : node.args;
  const ops = named ? node.ops.slice(1) : node.ops;
  if (values.length < 2 && !node.ops.includes("≈")) return null;
  const cut = ops.indexOf("≈");
  const exact = cut < 0 ? values : values.slice(0, cut + 1);
  const approx = cut < 0 ? [] : values.slice(cut + 1);
  // `x ≈ 0.577`: only an approximation is stated, and it is the answer.
  if (exact.length === 0 || (named && node.ops[0] === "≈")) return { name: null, exact: approx, approx: [] };
  return { name: named ? node.args[0] : null, exact, approx };
}

/**
 * Read as a whole: every exact member must equal the gold (`5 = 6` is no answer of 6), and every
 * approximation must be the answer to its own stated precision (`\sqrt2 ≈ 1.41`, `\frac{20000}{\pi}
 * ≈ 6366`, not `≈ 7`). Against a constant gold, members with variables or words are the formula or the
 * label the value comes from (`m + n = 7 + 32 = 39`, `\text{Area} = … = 15`), so they are read past.
 */
function compareChain(chain: Chain, gold: Node, ctx: Context, recurse: Recurse): Outcome {
  const constantGold = isConstant(gold) && gold.t !== "text";
  const values = constantGold
    ? chain.exact.filter((m) => isConstant(m) && !some(m, (n) => n.t === "text"))
    : chain.exact;
  if (values.length === 0) return differ("the chain states no value", "equation");
  for (const member of values) {
    const outcome = recurse(member, gold, ctx);
    if (!outcome.equal) return outcome;
  }
  const exact = values[values.length - 1];
  for (const approximation of chain.approx) {
    if (!approximates(exact, approximation, ctx, recurse)) {
      return differ(`the approximation ${render(approximation)} is not the answer's value`, "equation");
    }
  }
  return same("equation");
}

/** A rounded number is within half a unit of its last digit (`6366` for 6366.2); other forms compare as values. */
function approximates(exact: Node, approximation: Node, ctx: Context, recurse: Recurse): boolean {
  const literal = approximation.t === "neg" ? approximation.arg : approximation;
  if (literal.t !== "num" || !/^\d+(?:\.\d+)?$/.test(literal.v))
    return recurse(exact, approximation, ctx).equal;
  const decimals = literal.v.split(".")[1]?.length ?? 0;
  const value = Cx.sub(evaluate(exact), evaluate(approximation));
  return Cx.finite(value) && Cx.abs(value) <= 0.5 * 10 ** -decimals * (1 + 1e-12);
}
