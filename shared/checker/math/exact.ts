/**
 * Exact evaluation of constant expressions to rationals. Anything irrational (π, √2, sin 1) is
 * "not exact" (null). Values too large to build are kept as a sign and a log10 magnitude, so
 * `10^{10^{10}}` is answered in microseconds and never confused with anything of another size.
 */
import type { Node } from "./ast.ts";
import * as Q from "./rational.ts";

export type Exact = { kind: "q"; q: Q.Rational } | { kind: "big"; sign: number; log10: number };

const LN10 = Math.log(10);

function q(value: Q.Rational): Exact {
  return { kind: "q", q: value };
}

function big(sign: number, log10: number): Exact {
  return { kind: "big", sign, log10 };
}

function log10Of(x: Exact): number {
  return x.kind === "q" ? Q.log10Abs(x.q) : x.log10;
}

function signOf(x: Exact): number {
  return x.kind === "q" ? Q.sign(x.q) : x.sign;
}

/** log10(n!) by Stirling's series; exact enough to tell magnitudes apart. */
function log10Factorial(n: number): number {
  return (n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n)) / LN10;
}

function asSmallInteger(x: Exact | null): number | null {
  if (x?.kind !== "q" || x.q.d !== 1n) return null;
  const n = Number(x.q.n);
  return Number.isSafeInteger(n) ? n : null;
}

export function exactValue(node: Node): Exact | null {
  switch (node.t) {
    case "num": {
      const value = Q.parseDecimal(node.v);
      if (value) return q(value);
      const m = /^(\d+(?:\.\d*)?|\.\d+)[eE]([+-]?\d+)$/.exec(node.v);
      return m ? big(1, Math.log10(Number(m[1])) + Number(m[2])) : null;
    }
    case "based":
      return basedValue(node.digits, node.base);
    case "neg": {
      const x = exactValue(node.arg);
      if (!x) return null;
      return x.kind === "q" ? q(Q.neg(x.q)) : big(-x.sign, x.log10);
    }
    case "add":
      return sum(node.args);
    case "mul":
      return productOf(node.args);
    case "div": {
      const a = exactValue(node.num);
      const b = exactValue(node.den);
      if (!a || !b || signOf(b) === 0) return null;
      if (a.kind === "q" && b.kind === "q") return q(Q.div(a.q, b.q));
      if (signOf(a) === 0) return q(Q.ZERO);
      return big(signOf(a) * signOf(b), log10Of(a) - log10Of(b));
    }
    case "pow":
      return power(node.base, node.exp);
    case "call":
      return callValue(node.fn, node.args);
    default:
      return null;
  }
}

function basedValue(digits: string, base: number): Exact | null {
  if (base < 2 || base > 36) return null;
  let value = 0n;
  for (const c of digits) {
    const d = Number.parseInt(c, 36);
    if (d >= base) return null;
    value = value * BigInt(base) + BigInt(d);
  }
  return q(Q.rat(value));
}

function sum(args: Node[]): Exact | null {
  let total = Q.ZERO;
  let largest: Exact | null = null;
  for (const arg of args) {
    const x = exactValue(arg);
    if (!x) return null;
    if (x.kind === "q") total = Q.add(total, x.q);
    else if (!largest || x.log10 > log10Of(largest)) largest = x;
    // Two huge terms of one size may cancel: their sum cannot be known from magnitudes.
    else if (Math.abs(x.log10 - log10Of(largest)) < 1e-9) return null;
  }
  return largest ?? q(total);
}

function productOf(args: Node[]): Exact | null {
  let total = Q.ONE;
  let sign = 1;
  let log10 = 0;
  let isBig = false;
  for (const arg of args) {
    const x = exactValue(arg);
    if (!x) return null;
    if (x.kind === "q") {
      total = Q.mul(total, x.q);
      if (Q.bits(total) > Q.MAX_BITS) {
        isBig = true;
        sign *= Q.sign(total);
        log10 += Q.log10Abs(total);
        total = Q.ONE;
      }
    } else {
      isBig = true;
      sign *= x.sign;
      log10 += x.log10;
    }
  }
  if (!isBig) return q(total);
  if (total.n === 0n || sign === 0) return q(Q.ZERO);
  return big(sign * Q.sign(total), log10 + Q.log10Abs(total));
}

function power(baseNode: Node, expNode: Node): Exact | null {
  const base = exactValue(baseNode);
  const exp = exactValue(expNode);
  if (!base || !exp) return null;
  if (exp.kind === "big") {
    // A huge exponent: only the magnitude of the result is knowable.
    if (base.kind !== "q" || Q.sign(base.q) <= 0 || exp.sign <= 0) return null;
    const l = Q.log10Abs(base.q);
    if (l === 0) return q(Q.ONE);
    return big(1, l * 10 ** Math.min(exp.log10, 300));
  }
  if (base.kind === "big") {
    if (exp.q.d !== 1n || exp.q.n > 10n ** 6n) return null;
    const k = Number(exp.q.n);
    if (k === 0) return q(Q.ONE);
    return big(base.sign < 0 && k % 2 !== 0 ? -1 : 1, base.log10 * k);
  }
  if (exp.q.d === 1n) {
    const result = Q.powInt(base.q, exp.q.n);
    if (result) return q(result);
    if (base.q.n === 0n) return null;
    const k = Number(exp.q.n);
    return big(base.q.n < 0n && exp.q.n % 2n !== 0n ? -1 : 1, Q.log10Abs(base.q) * k);
  }
  // A rational exponent is exact only on perfect powers: 8^{2/3} = 4, 2^{1/2} is not exact.
  if (Q.sign(base.q) < 0 || exp.q.d > 64n || Q.bits(base.q) > 4000) return null;
  const k = Number(exp.q.d);
  const n = Q.exactRoot(base.q.n, k);
  const d = Q.exactRoot(base.q.d, k);
  if (n === null || d === null) return null;
  const result = Q.powInt(Q.rat(n, d), exp.q.n);
  return result ? q(result) : null;
}

function callValue(fn: string, args: Node[]): Exact | null {
  switch (fn) {
    case "fact": {
      const n = asSmallInteger(exactValue(args[0]));
      if (n === null || n < 0) return null;
      const value = Q.factorial(n);
      return value !== null ? q(Q.rat(value)) : big(1, log10Factorial(n));
    }
    case "binom": {
      const n = exactValue(args[0]);
      const k = exactValue(args[1]);
      if (!n || !k || n.kind !== "q" || k.kind !== "q" || n.q.d !== 1n || k.q.d !== 1n || n.q.n < 0n)
        return null;
      const value = Q.binomial(n.q.n, k.q.n);
      return value === null ? null : q(Q.rat(value));
    }
    case "gcd":
    case "lcm":
      return integerFold(fn, args);
    case "sqrt":
      return power(args[0], { t: "div", num: { t: "num", v: "1" }, den: { t: "num", v: "2" } });
    case "root":
      return args.length === 2 ? power(args[0], { t: "div", num: { t: "num", v: "1" }, den: args[1] }) : null;
    case "abs": {
      const x = exactValue(args[0]);
      if (!x) return null;
      return x.kind === "q" ? q(x.q.n < 0n ? Q.neg(x.q) : x.q) : big(1, x.log10);
    }
    case "floor":
    case "ceil": {
      const x = exactValue(args[0]);
      if (x?.kind !== "q") return null;
      let f = x.q.n / x.q.d;
      if (x.q.n < 0n && f * x.q.d !== x.q.n) f -= 1n;
      if (fn === "ceil" && f * x.q.d !== x.q.n) f += 1n;
      return q(Q.rat(f));
    }
    default:
      return null;
  }
}

/** gcd or lcm of integer arguments (never of fractions, where neither is defined). */
function integerFold(fn: "gcd" | "lcm", args: Node[]): Exact | null {
  let result: bigint | null = null;
  for (const arg of args) {
    const x = exactValue(arg);
    if (x?.kind !== "q" || x.q.d !== 1n) return null;
    const n = x.q.n < 0n ? -x.q.n : x.q.n;
    if (result === null) result = n;
    else if (fn === "gcd") result = Q.gcd(result, n);
    else result = result === 0n || n === 0n ? 0n : (result / Q.gcd(result, n)) * n;
    if (Q.bits(Q.rat(result)) > 4000) return null;
  }
  return result === null ? null : q(Q.rat(result));
}

/** Compares two exact values: true/false, or null when two huge values share a magnitude. */
export function exactEqual(a: Exact, b: Exact): boolean | null {
  if (a.kind === "q" && b.kind === "q") return Q.equals(a.q, b.q);
  if (signOf(a) !== signOf(b)) return false;
  const la = log10Of(a);
  const lb = log10Of(b);
  if (Math.abs(la - lb) > 1e-12 * Math.max(1, Math.abs(la))) return false;
  return null;
}

export function exactText(x: Exact): string {
  if (x.kind === "q") return Q.toText(x.q);
  return `${x.sign < 0 ? "-" : ""}10^${x.log10.toPrecision(12)}`;
}
