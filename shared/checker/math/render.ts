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

export function render(node: Node): string {
  switch (node.t) {
    case "num":
      return node.v;
    case "based":
      return `${node.digits}_${node.base}`;
    case "sym":
      return node.name === "infty" ? "∞" : node.name;
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
    case "apply":
      return `${node.fn}(${node.args.map(render).join(", ")})`;
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
      return `[${node.rows.map((row) => `[${row.map(render).join(", ")}]`).join(", ")}]`;
    case "text":
      return `"${node.s}"`;
    case "ellipsis":
      return "...";
  }
}
