/**
 * A hand-written recursive-descent parser from tokens to the AST. Depth is bounded explicitly so
 * adversarial nesting fails cleanly instead of overflowing the stack.
 */
import { type Node, num, type RelOp, sym } from "./ast.ts";
import { LexError, type Token, tokenize } from "./lexer.ts";
import { normalizeLatex } from "./normalize.ts";
import { render } from "./render.ts";

export const MAX_DEPTH = 200;
export const MAX_MATH_CHARS = 5_000;

export class ParseError extends Error {}

const RELATIONS = new Set(["=", "≈", "<", ">", "<=", ">=", "!=", "in"]);
const MATRIX_ENVS = new Set(["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array", "vmatrix"]);

export type ParseResult = { ok: true; node: Node } | { ok: false; error: string };

/** Parses an already normalised answer. */
export function parseNormalized(text: string): ParseResult {
  if (text.length > MAX_MATH_CHARS) return { ok: false, error: "too long to parse" };
  if (text.trim() === "") return { ok: false, error: "empty" };
  try {
    return { ok: true, node: new Parser(tokenize(text)).parseAll() };
  } catch (error) {
    if (error instanceof ParseError || error instanceof LexError) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: "too deeply nested" };
    throw error;
  }
}

export function parseMath(input: string): ParseResult {
  return parseNormalized(normalizeLatex(input));
}

class Parser {
  private i = 0;
  private depth = 0;
  private absDepth = 0;
  private setDepth = 0;

  constructor(private readonly toks: Token[]) {}

  parseAll(): Node {
    const items = this.parseList();
    if (this.i < this.toks.length) throw new ParseError(`unexpected ${describe(this.toks[this.i])}`);
    return items.length === 1 ? items[0] : { t: "list", items };
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private isOp(v: string, tok = this.peek()): boolean {
    return tok !== undefined && tok.k === "op" && tok.v === v;
  }

  private isCmd(v: string, tok = this.peek()): boolean {
    return tok !== undefined && tok.k === "cmd" && tok.v === v;
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new ParseError(`expected ${v} but found ${describe(this.peek())}`);
    this.i++;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new ParseError("too deeply nested");
  }

  private parseList(): Node[] {
    const items = [this.parseRelation()];
    while (this.isOp(",") || this.isOp(";")) {
      this.i++;
      items.push(this.parseRelation());
    }
    return items;
  }

  private parseRelation(): Node {
    this.enter();
    const args = [this.parseUnion()];
    const ops: RelOp[] = [];
    for (let tok = this.peek(); tok?.k === "op" && RELATIONS.has(tok.v); tok = this.peek()) {
      this.i++;
      ops.push(tok.v as RelOp);
      args.push(this.parseUnion());
    }
    this.depth--;
    return ops.length === 0 ? args[0] : { t: "rel", ops, args };
  }

  private parseUnion(): Node {
    const items = [this.parseAdditive()];
    while (this.isCmd("cup")) {
      this.i++;
      items.push(this.parseAdditive());
    }
    return items.length === 1 ? items[0] : { t: "union", items };
  }

  private parseAdditive(): Node {
    this.enter();
    let left: Node;
    if (this.isCmd("pm") || this.isCmd("mp")) {
      const minus = this.isCmd("mp");
      this.i++;
      left = { t: "pm", a: num("0"), b: this.parseTerm(), minus };
    } else {
      left = this.parseTerm();
    }
    const terms = [left];
    for (;;) {
      if (this.isOp("+")) {
        this.i++;
        terms.push(this.parseTerm());
      } else if (this.isOp("-")) {
        this.i++;
        terms.push({ t: "neg", arg: this.parseTerm() });
      } else if (this.isCmd("pm") || this.isCmd("mp")) {
        const minus = this.isCmd("mp");
        this.i++;
        const a: Node = terms.length === 1 ? terms[0] : { t: "add", args: [...terms] };
        terms.length = 0;
        terms.push({ t: "pm", a, b: this.parseTerm(), minus });
      } else break;
    }
    this.depth--;
    return terms.length === 1 ? terms[0] : { t: "add", args: terms };
  }

  /** A product, possibly signed. */
  private parseTerm(): Node {
    this.enter();
    let node: Node;
    if (this.isOp("-")) {
      this.i++;
      node = { t: "neg", arg: this.parseTerm() };
    } else if (this.isOp("+")) {
      this.i++;
      node = this.parseTerm();
    } else {
      node = this.parseProduct();
    }
    this.depth--;
    return node;
  }

  private parseProduct(): Node {
    let factors: Node[] = [this.parsePower()];
    for (;;) {
      const tok = this.peek();
      if (this.isOp("*")) {
        this.i++;
        factors.push(this.parseSignedPower());
      } else if (this.isOp("/") || (this.isOp(":") && this.setDepth === 0)) {
        // A ratio `7:32` is the quotient it states.
        this.i++;
        const den = this.parseSignedPower();
        factors = [{ t: "div", num: product(factors), den }];
      } else if (tok && this.startsImplicit(tok)) {
        const next = this.parsePower();
        const last = factors[factors.length - 1];
        // `3\frac12` is the mixed number 3½, not 3·½.
        // `33\frac13\%` is the mixed number 33⅓, then a percentage.
        const fraction = next.t === "pct" ? next.arg : next;
        if (factors.length === 1 && isIntegerLiteral(last) && tok.k === "cmd" && isSimpleFraction(fraction)) {
          const mixed: Node = { t: "add", args: [last, fraction] };
          factors = [next.t === "pct" ? { t: "pct", arg: mixed } : mixed];
        } else factors.push(next);
      } else break;
    }
    return product(factors);
  }

  private parseSignedPower(): Node {
    if (this.isOp("-")) {
      this.i++;
      return { t: "neg", arg: this.parseSignedPower() };
    }
    if (this.isOp("+")) this.i++;
    return this.parsePower();
  }

  private startsImplicit(tok: Token): boolean {
    switch (tok.k) {
      case "num":
      case "id":
      case "fn":
      case "begin":
        return true;
      case "cmd":
        return !["rfloor", "rceil", "cup", "pm", "mp"].includes(tok.v);
      case "op":
        if (tok.v === "|") return this.absDepth === 0;
        return tok.v === "(" || tok.v === "{" || tok.v === "\\{" || tok.v === "...";
      default:
        return false;
    }
  }

  private parsePower(): Node {
    this.enter();
    let node = this.parsePostfix(this.parsePrimary());
    if (this.isOp("^")) {
      this.i++;
      node = this.parsePostfix({ t: "pow", base: node, exp: this.parseExponent() });
    }
    this.depth--;
    return node;
  }

  /** `^{…}`, `^2`, `^-1`, `^x`; right-associative. */
  private parseExponent(): Node {
    this.enter();
    let node: Node;
    if (this.isOp("-")) {
      this.i++;
      node = { t: "neg", arg: this.parseExponent() };
    } else if (this.isOp("+")) {
      this.i++;
      node = this.parseExponent();
    } else {
      node = this.parsePostfix(this.parsePrimary());
      if (this.isOp("^")) {
        this.i++;
        node = { t: "pow", base: node, exp: this.parseExponent() };
      }
    }
    this.depth--;
    return node;
  }

  private parsePostfix(node: Node): Node {
    const depth = this.depth;
    node = this.postfixOperators(node);
    this.depth = depth;
    return node;
  }

  private postfixOperators(node: Node): Node {
    for (;;) {
      // Each postfix operator nests one level, so they count against the depth budget too.
      this.enter();
      if (this.isOp("!")) {
        this.i++;
        node = { t: "call", fn: "fact", args: [node] };
      } else if (this.isOp("'")) {
        this.i++;
        // A prime on a name is part of the name (y'); after a number it is a unit (arcseconds).
        if (node.t === "sym") node = sym(`${node.name}'`);
        else if (node.t === "apply") node = { ...node, fn: `${node.fn}'` };
      } else if (this.isOp("°")) {
        this.i++;
        node = { t: "deg", arg: node };
      } else if (this.isOp("%")) {
        this.i++;
        node = { t: "pct", arg: node };
      } else if (this.isOp("_") && node.t === "sym") {
        this.i++;
        node = sym(`${node.name}_${subscriptName(this.readArgument())}`);
      } else return node;
    }
  }

  /** A LaTeX macro argument: a `{…}` group, or a single token (`\frac12`: one digit). */
  private readArgument(): Node {
    const tok = this.peek();
    if (!tok) throw new ParseError("missing argument");
    if (this.isOp("{")) return this.parseBraced();
    if (tok.k === "num") {
      this.i++;
      if (tok.v.length > 1 && /^\d/.test(tok.v)) {
        this.toks.splice(this.i, 0, { k: "num", v: tok.v.slice(1) });
        return num(tok.v[0]);
      }
      return num(tok.v);
    }
    if (tok.k === "id") {
      this.i++;
      return sym(tok.v);
    }
    if (tok.k === "op" && tok.v === "-") {
      this.i++;
      return { t: "neg", arg: this.readArgument() };
    }
    return this.parsePrimary();
  }

  private parseBraced(): Node {
    this.expectOp("{");
    const items = this.parseList();
    this.expectOp("}");
    return items.length === 1 ? items[0] : { t: "list", items };
  }

  private parsePrimary(): Node {
    this.enter();
    const node = this.primary();
    this.depth--;
    return node;
  }

  private primary(): Node {
    const tok = this.peek();
    if (!tok) throw new ParseError("unexpected end of input");
    this.i++;
    switch (tok.k) {
      case "num":
        if (this.isOp("_") && /^\d+$/.test(tok.v)) {
          this.i++;
          const base = this.readArgument();
          if (base.t !== "num" || !/^\d+$/.test(base.v)) throw new ParseError("bad number base");
          return { t: "based", digits: tok.v, base: Number(base.v) };
        }
        return num(tok.v);
      case "id":
        return this.identifier(tok.v);
      case "fn":
        return this.func(tok.v);
      case "text":
        return { t: "text", s: tok.v.replace(/\s+/g, " ").trim() };
      case "begin":
        return this.matrix(tok.v);
      case "cmd":
        return this.command(tok.v);
      case "op":
        return this.punctuation(tok.v);
      default:
        throw new ParseError(`unexpected ${describe(tok)}`);
    }
  }

  private identifier(name: string): Node {
    const node = this.parsePostfix(sym(name));
    // `f(x)`: a function applied, or a product when `f` is also used as a variable (decided later).
    if (node.t === "sym" && this.isOp("(") && !["pi", "e", "i", "infty"].includes(node.name)) {
      this.i++;
      const args = this.parseList();
      this.expectOp(")");
      return { t: "apply", fn: node.name, args };
    }
    return node;
  }

  private func(name: string): Node {
    // A function name without an argument is a name (`m_{\max}`).
    const next = this.peek();
    if (!next || (next.k === "op" && ["}", ")", "]", ",", "="].includes(next.v))) return sym(name);
    let base: Node | undefined;
    let power: Node | undefined;
    if (name === "log" && this.isOp("_")) {
      this.i++;
      base = this.readArgument();
    }
    if (this.isOp("^")) {
      this.i++;
      power = this.parseExponent();
    }
    let args: Node[];
    if (this.isOp("(")) {
      this.i++;
      args = this.parseList();
      this.expectOp(")");
    } else if (this.isOp("{")) {
      args = [this.parseBraced()];
    } else {
      args = [this.functionOperand()];
    }
    if (name === "log" && base) args = [args[0], base];
    let fn = name === "lg" ? "log10" : name;
    // `\sin^{-1} x` is the inverse function, `\sin^2 x` a power of the value.
    if (power && power.t === "neg" && power.arg.t === "num" && power.arg.v === "1" && INVERSES[fn]) {
      fn = INVERSES[fn];
      power = undefined;
    }
    const call: Node = { t: "call", fn, args };
    return power ? { t: "pow", base: call, exp: power } : call;
  }

  /** The operand of `\sin 2x`: an implicit product that stops before the next function or operator. */
  private functionOperand(): Node {
    const factors = [this.parsePower()];
    for (let tok = this.peek(); tok && (tok.k === "num" || tok.k === "id"); tok = this.peek()) {
      factors.push(this.parsePower());
    }
    return product(factors);
  }

  private command(name: string): Node {
    switch (name) {
      case "frac": {
        const n = this.readArgument();
        return { t: "div", num: n, den: this.readArgument() };
      }
      case "binom": {
        const n = this.readArgument();
        return { t: "call", fn: "binom", args: [n, this.readArgument()] };
      }
      case "sqrt": {
        if (this.isOp("[")) {
          this.i++;
          const index = this.parseAdditive();
          this.expectOp("]");
          return { t: "call", fn: "root", args: [this.readArgument(), index] };
        }
        return { t: "call", fn: "sqrt", args: [this.readArgument()] };
      }
      case "lfloor":
      case "lceil": {
        const arg = this.parseRelation();
        const close = name === "lfloor" ? "rfloor" : "rceil";
        if (!this.isCmd(close)) throw new ParseError(`expected \\${close}`);
        this.i++;
        return { t: "call", fn: name === "lfloor" ? "floor" : "ceil", args: [arg] };
      }
      default:
        if (name.startsWith("accent:")) {
          const arg = this.readArgument();
          return this.identifier(`${subscriptName(arg)}_${name.slice(7)}`);
        }
        throw new ParseError(`unexpected \\${name}`);
    }
  }

  private punctuation(v: string): Node {
    switch (v) {
      case "(":
      case "[":
        return this.bracketed(v);
      case "{":
        this.i--;
        return this.parseBraced();
      case "\\{": {
        // Inside a set, `:` separates a set-builder's variable from its condition; it is no ratio.
        this.setDepth++;
        const items = this.isOp("\\}") ? [] : this.parseList();
        this.setDepth--;
        // Set-builder notation `\{x : x > 2\}` / `\{x \mid x > 2\}` is the set its condition describes.
        if (items.length === 1 && (this.isOp(":") || this.isOp("|"))) {
          this.i++;
          const condition = this.parseRelation();
          this.expectOp("\\}");
          return condition;
        }
        this.expectOp("\\}");
        return { t: "set", items };
      }
      case "|": {
        this.absDepth++;
        const arg = this.parseRelation();
        this.absDepth--;
        this.expectOp("|");
        return { t: "call", fn: "abs", args: [arg] };
      }
      case "...":
        return { t: "ellipsis" };
      default:
        throw new ParseError(`unexpected ${v}`);
    }
  }

  private bracketed(open: "(" | "["): Node {
    const savedAbs = this.absDepth;
    this.absDepth = 0;
    const items = this.parseList();
    this.absDepth = savedAbs;
    const close = this.peek();
    if (close?.k !== "op" || (close.v !== ")" && close.v !== "]")) {
      throw new ParseError(`expected a closing bracket but found ${describe(close)}`);
    }
    this.i++;
    if (items.length === 1 && open === "(" && close.v === ")") return items[0];
    if (items.length === 1 && open === "[" && close.v === "]") return items[0];
    return { t: "group", open, close: close.v as ")" | "]", items };
  }

  private matrix(env: string): Node {
    if (!MATRIX_ENVS.has(env)) throw new ParseError(`unsupported environment ${env}`);
    const rows: Node[][] = [];
    let row: Node[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok) throw new ParseError(`unterminated ${env}`);
      if (tok.k === "end") {
        this.i++;
        if (row.length > 0) rows.push(row);
        break;
      }
      row.push(this.parseRelation());
      if (this.isOp("&")) this.i++;
      else if (this.isOp("\\\\")) {
        this.i++;
        rows.push(row);
        row = [];
      } else if (this.peek()?.k !== "end")
        throw new ParseError(`unexpected ${describe(this.peek())} in ${env}`);
    }
    if (rows.length === 0 || rows.some((r) => r.length !== rows[0].length)) {
      throw new ParseError("ragged matrix");
    }
    return { t: "matrix", rows };
  }
}

const INVERSES: Record<string, string> = { sin: "arcsin", cos: "arccos", tan: "arctan" };

function product(factors: Node[]): Node {
  return factors.length === 1 ? factors[0] : { t: "mul", args: factors };
}

function isIntegerLiteral(node: Node): boolean {
  return node.t === "num" && /^\d+$/.test(node.v);
}

function isSimpleFraction(node: Node): boolean {
  return node.t === "div" && isIntegerLiteral(node.num) && isIntegerLiteral(node.den);
}

/** A subscript as part of a name: `x_{0}` → x_0, `M_{\\odot}` → M_odot, `x_{dot_0}` → x_dot_0. */
function subscriptName(node: Node): string {
  return render(node).replace(/[\s*{}\\]/g, "");
}

function describe(tok: Token | undefined): string {
  if (!tok) return "end of input";
  return tok.k === "op" ? `'${tok.v}'` : `${tok.k} '${tok.v}'`;
}
