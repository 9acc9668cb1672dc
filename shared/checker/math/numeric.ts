/** Numeric (complex double) evaluation of a scalar AST at given variable values. */
import type { Node } from "./ast.ts";
import type { C } from "./complex.ts";
import * as Cx from "./complex.ts";

export interface Scope {
  vars: Map<string, C>;
  /** Names written `f(…)` that also occur as plain variables: there `x(x+1)` is a product. */
  products: Set<string>;
}

const EMPTY: Scope = { vars: new Map(), products: new Set() };
const TRIG = new Set(["sin", "cos", "tan", "cot", "sec", "csc"]);
const DEG = Math.PI / 180;

export function evaluate(node: Node, scope: Scope = EMPTY): C {
  switch (node.t) {
    case "num":
      return Cx.c(Number(node.v));
    case "based":
      return Cx.c(Number.parseInt(node.digits, node.base));
    case "sym":
      return symbolValue(node.name, scope);
    case "add": {
      let total = Cx.c(0);
      for (const arg of node.args) total = Cx.add(total, evaluate(arg, scope));
      return total;
    }
    case "neg":
      return Cx.neg(evaluate(node.arg, scope));
    case "mul": {
      let total = Cx.c(1);
      for (const arg of node.args) total = Cx.mul(total, evaluate(arg, scope));
      return total;
    }
    case "div":
      return Cx.div(evaluate(node.num, scope), evaluate(node.den, scope));
    case "pow": {
      // `s(s+1)^2` where s is a variable is s·(s+1)²: the power binds tighter than the product.
      if (isProduct(node.base, scope)) {
        const power: Node = { t: "pow", base: node.base.args[0], exp: node.exp };
        return Cx.mul(symbolValue(node.base.fn, scope), evaluate(power, scope));
      }
      return Cx.pow(evaluate(node.base, scope), evaluate(node.exp, scope));
    }
    case "call": {
      // `n(n-1)!` likewise is n·(n−1)!.
      const [arg] = node.args;
      if (node.fn === "fact" && isProduct(arg, scope)) {
        const factorial: Node = { t: "call", fn: "fact", args: arg.args };
        return Cx.mul(symbolValue(arg.fn, scope), evaluate(factorial, scope));
      }
      return callValue(node.fn, node.args, scope);
    }
    case "apply":
      if (scope.products.has(node.fn) && node.args.length === 1) {
        return Cx.mul(symbolValue(node.fn, scope), evaluate(node.args[0], scope));
      }
      return opaqueFunction(
        node.fn,
        node.args.map((arg) => evaluate(arg, scope)),
      );
    case "pct":
      return Cx.div(evaluate(node.arg, scope), Cx.c(100));
    case "deg":
      return evaluate(node.arg, scope);
    default:
      return Cx.NAN;
  }
}

/** `x(…)` with one argument where x is also a plain variable: a product, not a function applied. */
function isProduct(node: Node, scope: Scope): node is Node & { t: "apply" } {
  return node.t === "apply" && node.args.length === 1 && scope.products.has(node.fn);
}

function symbolValue(name: string, scope: Scope): C {
  switch (name) {
    case "pi":
      return Cx.c(Math.PI);
    case "e":
      return Cx.c(Math.E);
    case "i":
      return Cx.I;
    case "infty":
      return Cx.c(Number.POSITIVE_INFINITY);
    default:
      return scope.vars.get(name) ?? Cx.NAN;
  }
}

/** A fixed smooth function per name, so `f(x)` means the same on both sides and differs from `g(x)`. */
function opaqueFunction(name: string, args: C[]): C {
  let h = 2166136261;
  for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 16777619);
  const a = ((h >>> 0) % 1000) / 1000 + 0.5;
  const b = ((h >>> 10) % 1000) / 1000 + 0.25;
  let z = Cx.c(0);
  args.forEach((arg, k) => {
    z = Cx.add(z, Cx.mul(Cx.c(k + 1.37), arg));
  });
  return Cx.add(Cx.mul(Cx.c(a), Cx.sin(Cx.mul(Cx.c(b), z))), Cx.mul(Cx.c(b), Cx.exp(Cx.mul(Cx.c(a / 3), z))));
}

function real(x: C): number {
  return x.im === 0 ? x.re : Number.NaN;
}

function factorialReal(x: number): number {
  if (Number.isInteger(x)) {
    if (x < 0) return Number.NaN;
    let p = 1;
    for (let k = 2; k <= x && p < Number.POSITIVE_INFINITY; k++) p *= k;
    return p;
  }
  return Cx.gamma(x + 1);
}

function integerFold(fn: "gcd" | "lcm", values: number[]): number {
  if (values.length === 0 || !values.every(Number.isSafeInteger)) return Number.NaN;
  const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
  return values.reduce((acc, v) =>
    fn === "gcd" ? gcd(acc, v) : acc === 0 || v === 0 ? 0 : Math.abs((acc / gcd(acc, v)) * v),
  );
}

function callValue(fn: string, args: Node[], scope: Scope): C {
  const values = args.map((arg) =>
    TRIG.has(fn) && arg.t === "deg" ? Cx.mul(evaluate(arg.arg, scope), Cx.c(DEG)) : evaluate(arg, scope),
  );
  const [x, y] = values;
  switch (fn) {
    case "sqrt":
      return Cx.sqrt(x);
    case "root":
      return Cx.pow(x, Cx.div(Cx.c(1), y));
    case "sin":
      return Cx.sin(x);
    case "cos":
      return Cx.cos(x);
    case "tan":
      return Cx.div(Cx.sin(x), Cx.cos(x));
    case "cot":
      return Cx.div(Cx.cos(x), Cx.sin(x));
    case "sec":
      return Cx.div(Cx.c(1), Cx.cos(x));
    case "csc":
      return Cx.div(Cx.c(1), Cx.sin(x));
    case "arcsin":
      return Cx.asin(x);
    case "arccos":
      return Cx.sub(Cx.c(Math.PI / 2), Cx.asin(x));
    case "arctan":
      return Cx.atan(x);
    case "arccot":
      return Cx.atan(Cx.div(Cx.c(1), x));
    case "sinh":
      return Cx.div(Cx.sub(Cx.exp(x), Cx.exp(Cx.neg(x))), Cx.c(2));
    case "cosh":
      return Cx.div(Cx.add(Cx.exp(x), Cx.exp(Cx.neg(x))), Cx.c(2));
    case "tanh":
    case "coth": {
      const t = Cx.div(Cx.sub(Cx.exp(x), Cx.exp(Cx.neg(x))), Cx.add(Cx.exp(x), Cx.exp(Cx.neg(x))));
      return fn === "tanh" ? t : Cx.div(Cx.c(1), t);
    }
    case "exp":
      return Cx.exp(x);
    case "ln":
      return Cx.log(x);
    case "log":
      return y ? Cx.div(Cx.log(x), Cx.log(y)) : Cx.log(x);
    case "log10":
      return Cx.div(Cx.log(x), Cx.c(Math.LN10));
    case "abs":
      return Cx.c(Cx.abs(x));
    case "floor":
      return Cx.c(Math.floor(real(x)));
    case "ceil":
      return Cx.c(Math.ceil(real(x)));
    case "fact":
      return Cx.c(factorialReal(real(x)));
    case "binom": {
      const n = real(x);
      const k = real(y);
      if (Number.isInteger(n) && Number.isInteger(k) && n >= 0) {
        if (k < 0 || k > n) return Cx.c(0);
        let r = 1;
        for (let j = 1; j <= Math.min(k, n - k); j++) r = (r * (n - Math.min(k, n - k) + j)) / j;
        return Cx.c(r);
      }
      return Cx.c(factorialReal(n) / (factorialReal(k) * factorialReal(n - k)));
    }
    case "gcd":
    case "lcm":
      return Cx.c(integerFold(fn, values.map(real)));
    case "max":
    case "min": {
      const reals = values.map(real);
      return Cx.c(fn === "max" ? Math.max(...reals) : Math.min(...reals));
    }
    default:
      return Cx.NAN;
  }
}
