/** Canonical plain-text rendering of an AST: what `normalized` reports, and the input to nerdamer-free tools. */
import type { Node } from "./ast.ts";

const PREC: Partial<Record<Node["t"], number>> = {
  rel: 1,
  pm: 2,
  add: 2,
  neg: 3,
  mul: 4,
  div: 4,
  pow: 6,
};

const REL_TEXT: Record<string, string> = { "<=": "≤", ">=": "≥", "!=": "≠", in: "∈" };

function prec(node: Node): number {
  return PREC[node.t] ?? 9;
}

function wrap(node: Node, min: number): string {
  const text = render(node);
  return prec(node) < min ? `(${text})` : text;
}

/** Plain-text words the lexer reads back as one name; any other multi-letter base is written `\\name`. */
const PLAIN_NAMES =
  /^(?:[a-zA-Z]|pi|alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|upsilon|phi|chi|psi|omega)'*$/;

/** `x_0`, `M_{odot}`, `\\hbar`: spelled so that parsing the rendering gives the same name back. */
function renderName(name: string): string {
  if (name === "infty") return "∞";
  const cut = name.indexOf("_");
  const base = cut < 0 ? name : name.slice(0, cut);
  const sub = cut < 0 ? "" : name.slice(cut + 1);
  const head = PLAIN_NAMES.test(base) ? base : `\\${base}`;
  if (sub === "") return head;
  return sub.length === 1 ? `${head}_${sub}` : `${head}_{${sub}}`;
}

function renderCall(fn: string, args: Node[]): string {
  switch (fn) {
    case "fact":
      return `${wrap(args[0], 7)}!`;
    case "root":
      return `${wrap(args[0], 7)}^(1/${wrap(args[1], 7)})`;
    case "log10":
      return `log(${render(args[0])}, 10)`;
    default:
      return `${fn}(${args.map(render).join(", ")})`;
  }
}

export function render(node: Node): string {
  switch (node.t) {
    case "num":
      return node.v;
    case "based":
      return `${node.digits}_${node.base}`;
    case "sym":
      return renderName(node.name);
    case "add":
      return node.args
        .map((arg, k) => {
          if (k > 0 && arg.t === "neg") return ` - ${wrap(arg.arg, 3)}`;
          return k === 0 ? wrap(arg, 2) : ` + ${wrap(arg, 3)}`;
        })
        .join("");
    case "neg":
      return `-${wrap(node.arg, 4)}`;
    case "mul":
      return node.args.map((arg) => wrap(arg, 5)).join("*");
    case "div":
      return `${wrap(node.num, 4)}/${wrap(node.den, 5)}`;
    case "pow":
      return `${wrap(node.base, 7)}^${wrap(node.exp, 7)}`;
    case "call":
      return renderCall(node.fn, node.args);
    case "apply":
      return `${renderName(node.fn)}(${node.args.map(render).join(", ")})`;
    case "pct":
      return `${wrap(node.arg, 7)}%`;
    case "deg":
      return `${wrap(node.arg, 7)}°`;
    case "pm":
      return `${wrap(node.a, 2)} ${node.minus ? "∓" : "±"} ${wrap(node.b, 3)}`;
    case "rel":
      return node.args
        .map((arg, k) =>
          k === 0 ? render(arg) : ` ${REL_TEXT[node.ops[k - 1]] ?? node.ops[k - 1]} ${render(arg)}`,
        )
        .join("");
    case "list":
      return node.items.map(render).join(", ");
    case "set":
      return `{${node.items.map(render).join(", ")}}`;
    case "group":
      return `${node.open}${node.items.map(render).join(", ")}${node.close}`;
    case "union":
      return node.items.map(render).join(" ∪ ");
    case "matrix":
      return `\\begin{pmatrix}${node.rows.map((row) => row.map(render).join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;
    case "text":
      return `\\text{${node.s}}`;
    case "ellipsis":
      return "...";
  }
}
