/**
 * Exact rational arithmetic on BigInt, with size guards: a result that would exceed MAX_BITS is
 * never built (a model can write `10^{10^{10}}`), the caller gets a magnitude instead.
 */

export interface Rational {
  /** Numerator; carries the sign. */
  n: bigint;
  /** Denominator, always positive; the fraction is always reduced. */
  d: bigint;
}

/** About 21,000 decimal digits: big enough for every real answer, small enough to stay sub-millisecond. */
export const MAX_BITS = 70_000;

const LOG10_2 = Math.log10(2);

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g === 1n || g === 0n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

/** Parses `123`, `-0.05`, `.35`, `4.5e33`, `1e-5` exactly. */
export function parseDecimal(text: string): Rational | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const frac = m[3] ?? "";
  const exp = Number(m[4] ?? "0") - frac.length;
  if (Math.abs(exp) * 3.33 > MAX_BITS) return null;
  let n = BigInt((m[2] || "0") + frac);
  if (m[1] === "-") n = -n;
  return exp >= 0 ? rat(n * 10n ** BigInt(exp)) : rat(n, 10n ** BigInt(-exp));
}

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const equals = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const isInteger = (a: Rational): boolean => a.d === 1n;

export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  // Hex length is cheap and exact to within 3 bits, which is all the guards need.
  return x.toString(16).length * 4;
}

export function bits(a: Rational): number {
  return bitLength(a.n) + bitLength(a.d);
}

/** log2 of |x| for a BigInt of any size, without overflowing a double. */
function log2Abs(x: bigint): number {
  if (x < 0n) x = -x;
  const len = bitLength(x);
  const shift = Math.max(0, len - 60);
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

/** log10 |a|; -Infinity for zero. */
export function log10Abs(a: Rational): number {
  if (a.n === 0n) return Number.NEGATIVE_INFINITY;
  return (log2Abs(a.n) - log2Abs(a.d)) * LOG10_2;
}

export function toNumber(a: Rational): number {
  if (bitLength(a.n) < 1000 && bitLength(a.d) < 1000) return Number(a.n) / Number(a.d);
  const sign = a.n < 0n ? -1 : 1;
  return sign * 10 ** log10Abs(a);
}

export function sign(a: Rational): number {
  return a.n === 0n ? 0 : a.n < 0n ? -1 : 1;
}

/** a^k for an integer k, or null when the result would be larger than MAX_BITS. */
export function powInt(a: Rational, k: bigint): Rational | null {
  if (k === 0n) return ONE;
  if (a.n === 0n) return k > 0n ? ZERO : null;
  const e = k < 0n ? -k : k;
  if (a.d === 1n && (a.n === 1n || a.n === -1n)) return rat(e % 2n === 0n ? 1n : a.n);
  if (Number(e) * (log2Abs(a.n) + log2Abs(a.d)) > MAX_BITS) return null;
  const p = rat(a.n ** e, a.d ** e);
  return k < 0n ? div(ONE, p) : p;
}

/** The exact k-th root of a non-negative integer, or null when it is not a perfect power. */
export function exactRoot(x: bigint, k: number): bigint | null {
  if (x < 0n) return null;
  if (x < 2n) return x;
  const kb = BigInt(k);
  // Start above the root (from the bit length) so Newton's iteration decreases monotonically.
  let r = 1n << BigInt(Math.ceil(bitLength(x) / k) + 1);
  for (;;) {
    const next = ((kb - 1n) * r + x / r ** (kb - 1n)) / kb;
    if (next >= r) break;
    r = next;
  }
  return r ** kb === x ? r : null;
}

const factorials = new Map<number, bigint>();

/** Product of the integers in [lo, hi], split in halves so the big multiplications stay balanced. */
function rangeProduct(lo: number, hi: number): bigint {
  if (hi - lo < 16) {
    let p = 1n;
    for (let i = lo; i <= hi; i++) p *= BigInt(i);
    return p;
  }
  const mid = (lo + hi) >> 1;
  return rangeProduct(lo, mid) * rangeProduct(mid + 1, hi);
}

/** n! for n up to a guard (memoised: answers repeat), else null. */
export function factorial(n: number): bigint | null {
  if (n > 3000) return null;
  let value = factorials.get(n);
  if (value === undefined) {
    value = n < 2 ? 1n : rangeProduct(2, n);
    if (factorials.size > 256) factorials.clear();
    factorials.set(n, value);
  }
  return value;
}

export function binomial(n: bigint, k: bigint): bigint | null {
  if (k < 0n || k > n) return 0n;
  if (k > n - k) k = n - k;
  if (k > 3000n) return null;
  let r = 1n;
  for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Renders an exact value as an integer, or `n/d`. */
export function toText(a: Rational): string {
  const digits = (x: bigint) => {
    const s = x.toString();
    return s.length > 40 ? `${s.slice(0, 12)}…(${s.length} digits)` : s;
  };
  return a.d === 1n ? digits(a.n) : `${digits(a.n)}/${digits(a.d)}`;
}
