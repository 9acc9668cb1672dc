/** The small AST both LaTeX and plain-text answers parse into. */

export type RelOp = "=" | "≈" | "<" | "<=" | ">" | ">=" | "!=" | "in";

export type Node =
  /** An exact decimal literal as written (`3.14`, `4.5e33`, `.35`): never a float. */
  | { t: "num"; v: string }
  /** A numeral with a base subscript, `52_8`. */
  | { t: "based"; digits: string; base: number }
  /** A variable or constant (`pi`, `e`, `i`, `infty`). */
  | { t: "sym"; name: string }
  | { t: "add"; args: Node[] }
  | { t: "neg"; arg: Node }
  | { t: "mul"; args: Node[] }
  | { t: "div"; num: Node; den: Node }
  | { t: "pow"; base: Node; exp: Node }
  /** A known function: sqrt, root (args: [x, n]), sin…, ln, log (args: [x, base?]), fact, binom, floor… */
  | { t: "call"; fn: string; args: Node[] }
  /** `f(x)`: an unknown function applied, or (when `f` is also a plain variable) a product. */
  | { t: "apply"; fn: string; args: Node[] }
  | { t: "pct"; arg: Node }
  | { t: "deg"; arg: Node }
  /** `a ± b` (minus: `a ∓ b`). */
  | { t: "pm"; a: Node; b: Node; minus: boolean }
  | { t: "rel"; ops: RelOp[]; args: Node[] }
  /** A bare comma-separated list. */
  | { t: "list"; items: Node[] }
  /** `\{…\}`. */
  | { t: "set"; items: Node[] }
  /** A bracketed list of two or more items: a tuple, a point or an interval. */
  | { t: "group"; open: "(" | "["; close: ")" | "]"; items: Node[] }
  | { t: "union"; items: Node[] }
  | { t: "matrix"; rows: Node[][] }
  | { t: "text"; s: string }
  | { t: "ellipsis" };

export const num = (v: string): Node => ({ t: "num", v });
export const sym = (name: string): Node => ({ t: "sym", name });

/** Names that are constants, never free variables. */
export const CONSTANTS = new Set(["pi", "e", "i", "infty"]);

export function children(node: Node): Node[] {
  switch (node.t) {
    case "add":
    case "mul":
    case "list":
    case "set":
    case "group":
    case "union":
      return node.t === "add" || node.t === "mul" ? node.args : node.items;
    case "call":
    case "apply":
      return node.args;
    case "rel":
      return node.args;
    case "neg":
    case "pct":
    case "deg":
      return [node.arg];
    case "div":
      return [node.num, node.den];
    case "pow":
      return [node.base, node.exp];
    case "pm":
      return [node.a, node.b];
    case "matrix":
      return node.rows.flat();
    default:
      return [];
  }
}

/**
 * A copy of a scalar expression with `replace` applied top-down: where it returns a node, that node
 * stands in place of the subtree. Recursive: parsed trees are at most `MAX_DEPTH` (200) deep.
 */
export function replaceNodes(node: Node, replace: (n: Node) => Node | null): Node {
  const replaced = replace(node);
  if (replaced !== null) return replaced;
  const again = (n: Node) => replaceNodes(n, replace);
  switch (node.t) {
    case "add":
    case "mul":
      return { ...node, args: node.args.map(again) };
    case "call":
    case "apply":
      return { ...node, args: node.args.map(again) };
    case "neg":
    case "pct":
    case "deg":
      return { ...node, arg: again(node.arg) };
    case "div":
      return { t: "div", num: again(node.num), den: again(node.den) };
    case "pow":
      return { t: "pow", base: again(node.base), exp: again(node.exp) };
    case "pm":
      return { ...node, a: again(node.a), b: again(node.b) };
    default:
      return node;
  }
}

/** Depth-first visit without recursion, so adversarial depth cannot overflow the stack. */
export function some(node: Node, test: (n: Node) => boolean): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (test(n)) return true;
    stack.push(...children(n));
  }
  return false;
}

export function countNodes(node: Node): number {
  let count = 0;
  some(node, () => {
    count++;
    return false;
  });
  return count;
}

/** Free variables (not constants), plus the names used as unknown functions. */
export function symbols(node: Node, into: Set<string> = new Set()): Set<string> {
  some(node, (n) => {
    if (n.t === "sym" && !CONSTANTS.has(n.name)) into.add(n.name);
    return false;
  });
  return into;
}

export function applyNames(node: Node, into: Set<string> = new Set()): Set<string> {
  some(node, (n) => {
    if (n.t === "apply") into.add(n.fn);
    return false;
  });
  return into;
}

export function isDecimalLiteral(v: string): boolean {
  return /[.eE]/.test(v);
}
