/**
 * Typed comparison of two parsed answers: dispatches on shape (text, relation, collection, single
 * value) and recurses into the elements of collections.
 */
import type { MatchMethod } from "../../contracts/grading.ts";
import { type Node, replaceNodes, some } from "./ast.ts";
import { type Context, differ, type Outcome, same } from "./context.ts";
import { canonicalRealSets } from "./real-sets.ts";
import { compareRelations } from "./relations.ts";
import { render } from "./render.ts";
import { compareScalars } from "./scalar.ts";

const MAX_ITEMS = 256;

type Shape = "list" | "set" | "tuple" | "interval" | "union" | "matrix";

interface Collection {
  shape: Shape;
  items: Node[];
  ordered: boolean;
  brackets?: string;
  /** A matrix's rows and columns. */
  dims?: [number, number];
}

/** `a ± b` stands for the set {a + b, a − b}. */
function expandPlusMinus(node: Node): Node[] {
  if (node.t !== "pm") return expandInnerPlusMinus(node);
  const plus: Node = { t: "add", args: [node.a, node.b] };
  const minus: Node = { t: "add", args: [node.a, { t: "neg", arg: node.b }] };
  const [first, second] = node.minus ? [minus, plus] : [plus, minus];
  return node.a.t === "num" && node.a.v === "0" ? [node.b, { t: "neg", arg: node.b }] : [first, second];
}

/** One `±` inside an expression (`\frac{1 \pm \sqrt5}{2}`) makes it the two expressions it stands for. */
function expandInnerPlusMinus(node: Node): Node[] {
  let count = 0;
  some(node, (n) => n.t === "pm" && ++count > 1);
  if (count !== 1 || !isScalar(node)) return [node];
  const variant = (sign: 1 | -1) =>
    replaceNodes(node, (n) => {
      if (n.t !== "pm") return null;
      const b: Node = (sign === 1) !== n.minus ? n.b : { t: "neg", arg: n.b };
      return n.a.t === "num" && n.a.v === "0" ? b : { t: "add", args: [n.a, b] };
    });
  return [variant(1), variant(-1)];
}

const SCALAR_KINDS = new Set(["add", "mul", "neg", "div", "pow", "call", "apply"]);
const isScalar = (node: Node) => SCALAR_KINDS.has(node.t);

const isInfinite = (node: Node) => some(node, (n) => n.t === "sym" && n.name === "infty");

function asCollection(node: Node, ctx: Context): Collection | null {
  const { listOrder } = ctx.options;
  switch (node.t) {
    case "pm":
      return { shape: "set", items: expandPlusMinus(node), ordered: false };
    case "add":
    case "mul":
    case "neg":
    case "div":
    case "pow":
    case "call":
    case "apply": {
      const both = expandInnerPlusMinus(node);
      return both.length === 2 ? { shape: "set", items: both, ordered: false } : null;
    }
    case "list":
      return { shape: "list", items: node.items.flatMap(expandPlusMinus), ordered: listOrder === "ordered" };
    case "set":
      return { shape: "set", items: node.items.flatMap(expandPlusMinus), ordered: false };
    case "group": {
      const brackets = node.open + node.close;
      const interval = node.items.length === 2 && (brackets !== "()" || node.items.some(isInfinite));
      if (interval) return { shape: "interval", items: node.items, ordered: true, brackets };
      return { shape: "tuple", items: node.items, ordered: listOrder !== "unordered", brackets };
    }
    case "union":
      return { shape: "union", items: node.items, ordered: false };
    case "matrix":
      return {
        shape: "matrix",
        items: node.rows.flat(),
        ordered: true,
        dims: [node.rows.length, Math.max(...node.rows.map((row) => row.length))],
      };
    default:
      return null;
  }
}

function describeShape(c: Collection | null): string {
  if (!c) return "a single value";
  const noun = {
    list: "list",
    set: "set",
    tuple: "tuple",
    interval: "interval",
    union: "union",
    matrix: "matrix",
  }[c.shape];
  return c.shape === "interval" ? "an interval" : `a ${noun} of ${c.items.length} elements`;
}

/** Letters of a text-like answer (`\text{Evelyn}`, `evelyn` read as e·v·e·l·y·n), or null. */
function textOf(node: Node): string | null {
  if (node.t === "text") return node.s;
  if (node.t === "sym") return node.name;
  if (node.t === "mul" && node.args.every((a) => a.t === "sym"))
    return node.args.map((a) => (a as { name: string }).name).join("");
  return null;
}

/** A word answer without case, spaces, a leading article or a full stop: `\text{the East.}` is "east". */
function looseText(s: string): string {
  const t = s
    .replace(/^\s*(?:the|a|an)\s+(?=\S)/i, "")
    .replace(/\.\s*$/, "")
    .replace(/\s+/g, "")
    .toLowerCase();
  const m = /^\(([a-z])\)$/.exec(t);
  return m ? m[1] : t;
}

export function compareNodes(a: Node, b: Node, ctx: Context): Outcome {
  // A gold in another base (`4343_6`) asks for its digits: the digits without the base are that answer.
  if (b.t === "based" && a.t === "num" && a.v === b.digits) return same("string");
  if (a.t === "text" || b.t === "text") {
    const ta = textOf(a);
    const tb = textOf(b);
    if (ta !== null && tb !== null && looseText(ta) === looseText(tb)) return same("text");
    return differ(`different answers: ${render(a)} vs ${render(b)}`, "text");
  }
  if (some(a, (n) => n.t === "ellipsis") || some(b, (n) => n.t === "ellipsis")) {
    // A sequence with an ellipsis is a pattern, not a value: only the same pattern is equal.
    return render(a) === render(b) ? same("string") : differ("sequences with an ellipsis differ", "string");
  }
  const sets = canonicalRealSets(a, b);
  if (sets)
    return compareCollections(asCollection(sets[0], ctx)!, asCollection(sets[1], ctx)!, true, true, ctx);
  if (a.t === "rel" || b.t === "rel") return compareRelations(a, b, ctx, compareNodes);
  const ca = asCollection(a, ctx);
  const cb = asCollection(b, ctx);
  if (ca || cb) return compareCollections(ca ?? single(a), cb ?? single(b), ca !== null, cb !== null, ctx);
  return compareScalars(a, b, ctx);
}

function single(node: Node): Collection {
  return { shape: "set", items: [node], ordered: true };
}

function compareCollections(a: Collection, b: Collection, aIs: boolean, bIs: boolean, ctx: Context): Outcome {
  const shapes = `response is ${describeShape(aIs ? a : null)}, gold is ${describeShape(bIs ? b : null)}`;
  if (a.items.length > MAX_ITEMS || b.items.length > MAX_ITEMS) return differ("too many elements to compare");
  // Sets ignore repetition: `\{1, 1, 2\}` is `\{1, 2\}`.
  if (aIs && bIs && a.shape === "set" && b.shape === "set" && a.items.length !== b.items.length)
    return compareAsSets(a.items, b.items, ctx);
  if (a.items.length !== b.items.length) return differ(shapes, aIs && bIs ? methodFor(a, b) : "none");
  // A one-element set is its element; otherwise a collection never equals a single value.
  if (!aIs || !bIs) {
    const c = aIs ? a : b;
    if (c.items.length !== 1 || (c.shape !== "set" && c.shape !== "list")) return differ(shapes);
  }
  if (a.shape === "interval" || b.shape === "interval") {
    if (a.shape !== b.shape && !(a.shape === "tuple" || b.shape === "tuple"))
      return differ(shapes, "interval");
    if (a.brackets !== b.brackets)
      return differ(`different brackets: ${a.brackets} vs ${b.brackets}`, "interval");
  }
  if ((a.shape === "matrix") !== (b.shape === "matrix") && !isVectorPair(a, b))
    return differ(shapes, "matrix");
  if (a.dims && b.dims && !sameShape(a.dims, b.dims))
    return differ(`response is a ${a.dims.join("×")} matrix, gold is ${b.dims.join("×")}`, "matrix");
  const method = methodFor(a, b);
  const ordered =
    a.shape !== "set" &&
    b.shape !== "set" &&
    a.shape !== "union" &&
    b.shape !== "union" &&
    (a.ordered || b.ordered);
  return ordered
    ? compareOrdered(a.items, b.items, ctx, method)
    : compareUnordered(a.items, b.items, ctx, method);
}

/** Equal dimensions; a row and a column vector of one length count as one vector. */
function sameShape([ra, ca]: [number, number], [rb, cb]: [number, number]): boolean {
  if (ra === rb && ca === cb) return true;
  return (ra === 1 || ca === 1) && (rb === 1 || cb === 1);
}

function isVectorPair(a: Collection, b: Collection): boolean {
  const other = a.shape === "matrix" ? b : a;
  return other.shape === "tuple" || other.shape === "list";
}

function methodFor(a: Collection, b: Collection): MatchMethod {
  const shapes = [a.shape, b.shape];
  if (shapes.includes("matrix")) return "matrix";
  if (shapes.includes("interval") || shapes.includes("union")) return "interval";
  if (a.shape === "tuple" && b.shape === "tuple") return "tuple";
  return a.ordered || b.ordered ? "tuple" : "set";
}

function compareOrdered(a: Node[], b: Node[], ctx: Context, method: MatchMethod): Outcome {
  for (let k = 0; k < a.length; k++) {
    const outcome = compareNodes(a[k], b[k], ctx);
    if (!outcome.equal) return differ(`element ${k + 1} differs: ${outcome.reason ?? ""}`, method);
  }
  return same(method);
}

/** Equal as sets: every element of each side has an equal on the other. */
function compareAsSets(a: Node[], b: Node[], ctx: Context): Outcome {
  const missing = (from: Node[], into: Node[]) =>
    from.find((x) => !into.some((y) => compareNodes(x, y, ctx).equal));
  const extra = missing(a, b);
  if (extra) return differ(`response element ${render(extra)} has no equal in the gold`, "set");
  const absent = missing(b, a);
  if (absent) return differ(`gold element ${render(absent)} has no equal in the response`, "set");
  return same("set");
}

function compareUnordered(a: Node[], b: Node[], ctx: Context, method: MatchMethod): Outcome {
  const used = new Array<boolean>(b.length).fill(false);
  for (let k = 0; k < a.length; k++) {
    const match = b.findIndex((y, j) => !used[j] && compareNodes(a[k], y, ctx).equal);
    if (match < 0) return differ(`response element ${render(a[k])} has no equal in the gold`, method);
    used[match] = true;
  }
  return same(method);
}
