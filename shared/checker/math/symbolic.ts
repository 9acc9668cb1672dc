/**
 * Symbolic fallback for when sampling cannot decide (values overflow or are undefined at every
 * point): nerdamer simplifies the difference. nerdamer parses strings, so it only ever sees text
 * rendered here from our own AST, with variables renamed and only whitelisted functions, and only
 * for small expressions with small exponents, so it can neither be injected into nor made to hang.
 * (mathjs would do too, but importing it costs seconds per worker.)
 */
import nerdamer from "nerdamer";
import "nerdamer/Algebra.js";
import { countNodes, type Node, some, symbols } from "./ast.ts";
import { exactValue } from "./exact.ts";
import { log10Abs } from "./rational.ts";

const MAX_NODES = 40;
const MAX_EXPONENT = 12;
/** More free symbols than this is no formula a gold states; simplifying it would only cost time. */
const MAX_SYMBOLS = 4;

const FUNCTIONS: Record<string, string> = {
  sqrt: "sqrt",
  sin: "sin",
  cos: "cos",
  tan: "tan",
  cot: "cot",
  sec: "sec",
  csc: "csc",
  arcsin: "asin",
  arccos: "acos",
  arctan: "atan",
  sinh: "sinh",
  cosh: "cosh",
  tanh: "tanh",
  exp: "exp",
  ln: "log",
  abs: "abs",
};

class Unsupported extends Error {}

/** Radicals of huge numbers make nerdamer factor for seconds. */
function hugeRadicand(n: Node): boolean {
  const radicand =
    n.t === "call" && (n.fn === "sqrt" || n.fn === "root") ? n.args[0] : n.t === "pow" ? n.base : null;
  if (!radicand) return false;
  const value = exactValue(radicand);
  return value !== null && (value.kind === "big" || Math.abs(log10Abs(value.q)) > 12);
}

/** Powers of variables with large or symbolic exponents make nerdamer expand without end. */
function tooHard(node: Node): boolean {
  return some(node, (n) => {
    if (hugeRadicand(n)) return true;
    if (n.t !== "pow" || symbols(n.base).size === 0) return false;
    const e = n.exp.t === "neg" ? n.exp.arg : n.exp;
    return e.t !== "num" || !/^\d+$/.test(e.v) || Number(e.v) > MAX_EXPONENT;
  });
}

function toText(node: Node, names: Map<string, string>, products: Set<string>): string {
  const go = (n: Node) => toText(n, names, products);
  switch (node.t) {
    case "num":
      if (!/^\d+(\.\d+)?$/.test(node.v)) throw new Unsupported();
      return node.v;
    case "sym": {
      if (node.name === "pi" || node.name === "e" || node.name === "i") return node.name;
      let name = names.get(node.name);
      if (!name) {
        name = `v${names.size}`;
        names.set(node.name, name);
      }
      return name;
    }
    case "add":
      return `(${node.args.map(go).join("+")})`;
    case "neg":
      return `(-${go(node.arg)})`;
    case "mul":
      return `(${node.args.map(go).join("*")})`;
    case "div":
      return `(${go(node.num)}/${go(node.den)})`;
    case "pow":
      return `(${go(node.base)}^${go(node.exp)})`;
    case "call": {
      const fn = FUNCTIONS[node.fn];
      if (!fn || node.args.length !== 1) throw new Unsupported();
      return `${fn}(${go(node.args[0])})`;
    }
    case "apply":
      if (products.has(node.fn) && node.args.length === 1)
        return `(${go({ t: "sym", name: node.fn })}*${go(node.args[0])})`;
      throw new Unsupported();
    default:
      throw new Unsupported();
  }
}

export function symbolicallyEqual(a: Node, b: Node, products: Set<string>): boolean {
  if (countNodes(a) + countNodes(b) > MAX_NODES || symbols(a, symbols(b)).size > MAX_SYMBOLS) return false;
  if (tooHard(a) || tooHard(b)) return false;
  try {
    const names = new Map<string, string>();
    const difference = `(${toText(a, names, products)})-(${toText(b, names, products)})`;
    return nerdamer(`simplify(expand(${difference}))`).toString() === "0";
  } catch {
    return false;
  }
}
