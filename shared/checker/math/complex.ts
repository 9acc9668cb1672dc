/** Complex double arithmetic for numeric evaluation (square roots of negatives, `e^{i t}`). */

export interface C {
  re: number;
  im: number;
}

export const c = (re: number, im = 0): C => ({ re, im });
export const NAN: C = c(Number.NaN, Number.NaN);
export const I: C = c(0, 1);

export const add = (a: C, b: C): C => c(a.re + b.re, a.im + b.im);
export const sub = (a: C, b: C): C => c(a.re - b.re, a.im - b.im);
export const neg = (a: C): C => c(-a.re, -a.im);
export const mul = (a: C, b: C): C =>
  a.im === 0 && b.im === 0 ? c(a.re * b.re) : c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);

const isZero = (a: C): boolean => a.re === 0 && a.im === 0;

/** Division by an exact zero is undefined (NaN), never ±∞: `1/0` must not equal a gold of `\infty`. */
export function div(a: C, b: C): C {
  if (isZero(b)) return NAN;
  if (b.im === 0) return c(a.re / b.re, a.im === 0 ? 0 : a.im / b.re);
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

export const abs = (a: C): number => Math.hypot(a.re, a.im);
export const finite = (a: C): boolean => Number.isFinite(a.re) && Number.isFinite(a.im);

export function exp(a: C): C {
  const m = Math.exp(a.re);
  return a.im === 0 ? c(m) : c(m * Math.cos(a.im), m * Math.sin(a.im));
}

export function log(a: C): C {
  if (isZero(a)) return NAN;
  if (a.im === 0 && a.re > 0) return c(Math.log(a.re));
  return c(Math.log(abs(a)), Math.atan2(a.im, a.re));
}

export function sqrt(a: C): C {
  if (a.im === 0) return a.re >= 0 ? c(Math.sqrt(a.re)) : c(0, Math.sqrt(-a.re));
  const r = abs(a);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sqrt((r - a.re) / 2);
  return c(re, a.im < 0 ? -im : im);
}

/** p when x = p/q for an odd q ≤ 63 (nearly exactly), else null. */
function oddDenominatorNumerator(x: number): number | null {
  for (let q = 1; q <= 63; q += 2) {
    const p = Math.round(x * q);
    if (Math.abs(x * q - p) < 1e-9 * q) return p;
  }
  return null;
}

export function pow(a: C, b: C): C {
  if (isZero(a) && b.re < 0) return NAN;
  if (a.im === 0 && b.im === 0) {
    if (a.re >= 0 || Number.isInteger(b.re)) return c(a.re ** b.re);
    // A power p/q with q odd of a negative number (`(-8)^{1/3}`, `x^{2/3}` at x < 0) is taken as the
    // real root, like a person would: (−a)^{p/q} = (−1)^p a^{p/q}.
    const numerator = oddDenominatorNumerator(b.re);
    if (numerator !== null) {
      const magnitude = (-a.re) ** b.re;
      return c(numerator % 2 === 0 ? magnitude : -magnitude);
    }
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? c(0) : NAN;
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let result = c(1);
    let base = b.re < 0 ? div(c(1), a) : a;
    let k = Math.abs(b.re);
    while (k > 0) {
      if (k & 1) result = mul(result, base);
      base = mul(base, base);
      k >>= 1;
    }
    return result;
  }
  return exp(mul(b, log(a)));
}

export function sin(a: C): C {
  if (a.im === 0) return c(Math.sin(a.re));
  return c(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
}

export function cos(a: C): C {
  if (a.im === 0) return c(Math.cos(a.re));
  return c(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
}

export function asin(a: C): C {
  if (a.im === 0 && Math.abs(a.re) <= 1) return c(Math.asin(a.re));
  // asin z = -i log(iz + sqrt(1 - z²))
  const w = log(add(mul(I, a), sqrt(sub(c(1), mul(a, a)))));
  return c(w.im, -w.re);
}

export function atan(a: C): C {
  if (a.im === 0) return c(Math.atan(a.re));
  // atan z = (i/2) log((i + z)/(i - z))
  const w = log(div(add(I, a), sub(I, a)));
  return c(-w.im / 2, w.re / 2);
}

/** Lanczos approximation of Γ for real arguments; complex ones are out of scope. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const g = 7;
  const p = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = p[0];
  const t = x + g + 0.5;
  for (let k = 1; k < g + 2; k++) a += p[k] / (x + k);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}
