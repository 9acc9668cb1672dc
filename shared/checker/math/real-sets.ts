/**
 * Subsets of the real line, however written — intervals, unions, inequalities in one variable
 * (`|x| > 2`, `x \ne 3`, `x < -1, x > 2`) — brought to one canonical form: disjoint intervals in
 * increasing order, touching ones merged (`[0, 1] \cup [1, 2]` is `[0, 2]`).
 */
import { CONSTANTS, type Node, type RelOp, symbols } from "./ast.ts";
import { evaluate } from "./numeric.ts";
import { asInterval } from "./relations.ts";

interface Piece {
  lo: Node;
  hi: Node;
  loValue: number;
  hiValue: number;
  loClosed: boolean;
  hiClosed: boolean;
}

/** A set's pieces and the variable its inequalities bound (null for plain intervals). */
interface RealSet {
  pieces: Piece[];
  variable: string | null;
}

const INFINITY: Node = { t: "sym", name: "infty" };
const MINUS_INFINITY: Node = { t: "neg", arg: INFINITY };
const INEQUALITIES = new Set<RelOp>(["<", "<=", ">", ">=", "!="]);

const isConstant = (node: Node) => symbols(node).size === 0;

function realValue(node: Node): number | null {
  if (!isConstant(node)) return null;
  const v = evaluate(node);
  return Number.isNaN(v.re) || Math.abs(v.im) > 1e-12 * Math.max(1, Math.abs(v.re)) ? null : v.re;
}

function piece(lo: Node, hi: Node, loClosed: boolean, hiClosed: boolean): Piece | null {
  const loValue = realValue(lo);
  const hiValue = realValue(hi);
  if (loValue === null || hiValue === null || loValue > hiValue) return null;
  return {
    lo,
    hi,
    loValue,
    hiValue,
    loClosed: loClosed && Number.isFinite(loValue),
    hiClosed: hiClosed && Number.isFinite(hiValue),
  };
}

function fromGroup(node: Node): Piece | null {
  if (node.t !== "group" || node.items.length !== 2) return null;
  return piece(node.items[0], node.items[1], node.open === "[", node.close === "]");
}

/** The variable a relation bounds: its one free symbol. */
function boundVariable(node: Node): string | null {
  const names = symbols(node);
  return names.size === 1 ? [...names][0] : null;
}

/** `|x| op c`, `c op |x|` and `x \ne c`, which `asInterval` leaves out; else its interval. */
function fromRelation(node: Node & { t: "rel" }): RealSet | null {
  const variable = boundVariable(node);
  if (variable === null || CONSTANTS.has(variable)) return null;
  if (node.ops.length === 1 && INEQUALITIES.has(node.ops[0])) {
    const [l, r] = node.args;
    const absOf = (n: Node) => n.t === "call" && n.fn === "abs" && n.args[0].t === "sym";
    const flip: Partial<Record<RelOp, RelOp>> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };
    const [bounded, bound, op] = isConstant(r)
      ? [l, r, node.ops[0]]
      : [r, l, flip[node.ops[0]] ?? node.ops[0]];
    if (!isConstant(bound)) return null;
    if (bounded.t === "sym" && op === "!=") {
      const pieces = [piece(MINUS_INFINITY, bound, false, false), piece(bound, INFINITY, false, false)];
      return pieces.every((p) => p !== null) ? { pieces: pieces as Piece[], variable } : null;
    }
    if (absOf(bounded) && op !== "!=") {
      const minus: Node = { t: "neg", arg: bound };
      const closed = op === "<=" || op === ">=";
      const pieces =
        op === "<" || op === "<="
          ? [piece(minus, bound, closed, closed)]
          : [piece(MINUS_INFINITY, minus, false, closed), piece(bound, INFINITY, closed, false)];
      return pieces.every((p) => p !== null) ? { pieces: pieces as Piece[], variable } : null;
    }
  }
  const interval = asInterval(node);
  const single = interval ? fromGroup(interval) : null;
  return single ? { pieces: [single], variable } : null;
}

function realSetOf(node: Node): RealSet | null {
  switch (node.t) {
    case "group": {
      const single = fromGroup(node);
      return single ? { pieces: [single], variable: null } : null;
    }
    case "rel":
      return fromRelation(node);
    case "union":
    case "list": {
      // A list is a union only when it lists inequalities (`x < -1, x > 2`), not values.
      if (node.t === "list" && !node.items.every((item) => item.t === "rel")) return null;
      const parts = node.items.map(realSetOf);
      if (parts.some((part) => part === null)) return null;
      const variables = new Set(parts.map((part) => part!.variable).filter((v) => v !== null));
      if (variables.size > 1) return null;
      const pieces = parts.flatMap((part) => part!.pieces);
      // Overlapping inequalities in a list (`x > 3, x < 5`) may mean "and": no reading is safe.
      if (node.t === "list" && !disjoint(pieces)) return null;
      return { pieces, variable: [...variables][0] ?? null };
    }
    default:
      return null;
  }
}

function disjoint(pieces: Piece[]): boolean {
  const sorted = [...pieces].sort((a, b) => a.loValue - b.loValue);
  return sorted.every(
    (p, k) =>
      k === 0 ||
      p.loValue > sorted[k - 1].hiValue ||
      (p.loValue === sorted[k - 1].hiValue && !(p.loClosed && sorted[k - 1].hiClosed)),
  );
}

/** Disjoint pieces in increasing order; overlapping or touching ones (a closed end at the touch) merged. */
function merged(pieces: Piece[]): Piece[] {
  const sorted = [...pieces].sort((a, b) => a.loValue - b.loValue || Number(b.loClosed) - Number(a.loClosed));
  const out: Piece[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    const touches = last && next.loValue === last.hiValue && (last.hiClosed || next.loClosed);
    if (last && (next.loValue < last.hiValue || touches)) {
      if (next.hiValue > last.hiValue)
        out[out.length - 1] = { ...last, hi: next.hi, hiValue: next.hiValue, hiClosed: next.hiClosed };
      else if (next.hiValue === last.hiValue && next.hiClosed)
        out[out.length - 1] = { ...last, hiClosed: true };
    } else out.push(next);
  }
  return out;
}

function asNode(pieces: Piece[]): Node {
  const groups: Node[] = pieces.map((p) => ({
    t: "group",
    open: p.loClosed ? "[" : "(",
    close: p.hiClosed ? "]" : ")",
    items: [p.lo, p.hi],
  }));
  return groups.length === 1 ? groups[0] : { t: "union", items: groups };
}

/** Forms that only the canonical form can compare: unions, `|x|` bounds, `\ne`, lists of inequalities. */
function needsCanonicalForm(node: Node): boolean {
  if (node.t === "union") return true;
  if (node.t === "list") return node.items.length > 0 && node.items.every((item) => item.t === "rel");
  if (node.t !== "rel" || node.ops.length !== 1) return false;
  return node.ops[0] === "!=" || node.args.some((arg) => arg.t === "call" && arg.fn === "abs");
}

/**
 * Both sides in canonical form when either is written in a form only it compares and both are sets
 * of reals; else null. Endpoints stay as written, so they are still compared exactly.
 */
export function canonicalRealSets(a: Node, b: Node): [Node, Node] | null {
  if (!needsCanonicalForm(a) && !needsCanonicalForm(b)) return null;
  const sa = realSetOf(a);
  const sb = realSetOf(b);
  if (!sa || !sb) return null;
  if (sa.variable !== null && sb.variable !== null && sa.variable !== sb.variable) return null;
  return [asNode(merged(sa.pieces)), asNode(merged(sb.pieces))];
}
