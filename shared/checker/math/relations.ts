/**
 * Equations and inequalities: an assignment counts by its value (`x = 5` ~ `5`), equations are equal
 * up to side swap and scaling (`y = 2x+1` ~ `2x - y + 1 = 0`), inequalities in one variable are
 * intervals (`x > 2` ~ `(2, \infty)`).
 */
import { CONSTANTS, type Node, type RelOp, sym, symbols } from "./ast.ts";
import * as Cx from "./complex.ts";
import { type Context, differ, type Outcome, same } from "./context.ts";
import { render } from "./render.ts";
import { MIN_VALID_POINTS, sample } from "./sampling.ts";

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
    default:
      return false;
  }
}

const isConstant = (node: Node) => symbols(node).size === 0;

/** The value an assignment gives (`x = 5` → 5, `f(x) = 2x` → 2x), or null for other relations. */
export function assignedValue(node: Node): Node | null {
  if (node.t !== "rel" || !node.ops.every((op) => op === "=")) return null;
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

/** `x > 2` → (2, ∞); `1 < x \le 3` → (1, 3]; `x \in [0, 1]` → [0, 1]; else null. */
export function asInterval(node: Node): Node | null {
  if (node.t !== "rel") return null;
  const { ops, args } = node;
  if (ops.length === 1 && ops[0] === "in" && isNameLike(args[0])) return args[1];
  if (ops.length === 1) {
    const [l, r] = args;
    if (l.t === "sym" && !CONSTANTS.has(l.name) && isConstant(r)) return bounds(ops[0], r, true);
    if (r.t === "sym" && !CONSTANTS.has(r.name) && isConstant(l)) return bounds(ops[0], l, false);
    return null;
  }
  if (ops.length === 2 && args[1].t === "sym" && isConstant(args[0]) && isConstant(args[2])) {
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
      return differ("the equations have different solutions", "equation");
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

export function compareRelations(a: Node, b: Node, ctx: Context, recurse: Recurse): Outcome {
  const ia = asInterval(a);
  const ib = asInterval(b);
  if (ia && (ib || b.t !== "rel")) return recurse(ia, ib ?? b, ctx);
  if (ib && a.t !== "rel") return recurse(a, ib, ctx);
  if (a.t === "rel" && b.t === "rel") {
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
  const value = assignedValue(rel);
  if (value) return relIsResponse ? recurse(value, other, ctx) : recurse(other, value, ctx);
  return differ(
    `${relIsResponse ? "response" : "gold"} is a relation, the ${relIsResponse ? "gold" : "response"} is not`,
  );
}
