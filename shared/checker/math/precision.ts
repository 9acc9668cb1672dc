/**
 * The tolerance a decimal allows. Only decimals get one: exact values compare exactly. A decimal's
 * stated precision is half a unit in its last digit (`3.14` ± 0.005), taken relatively so that
 * the same rule works in expressions and in scientific notation (`8.7 \times 10^{8}`).
 */
import type { GradeOptions } from "../../contracts/grading.ts";
import { isDecimalLiteral, type Node, some } from "./ast.ts";

/** The loosest relative precision among the decimal literals of a side, or null when it has none. */
export function statedPrecision(node: Node): number | null {
  let loosest: number | null = null;
  some(node, (n) => {
    if (n.t === "num" && isDecimalLiteral(n.v)) {
      const m = /^(\d*)(?:\.(\d*))?/.exec(n.v)!;
      const mantissa = Number(`${m[1] || "0"}.${m[2] ?? ""}`);
      if (mantissa !== 0) {
        const rel = (0.5 * 10 ** -(m[2] ?? "").length) / mantissa;
        loosest = Math.max(loosest ?? 0, rel);
      }
    }
    return false;
  });
  return loosest;
}

/** A plain decimal number: `0.25`, `-1.5`, `4.5e33`, `8.7 \times 10^{8}`. */
function isPlainDecimal(node: Node): boolean {
  if (node.t === "neg") return isPlainDecimal(node.arg);
  if (node.t === "num") return isDecimalLiteral(node.v);
  return (
    node.t === "mul" &&
    node.args.length === 2 &&
    isPlainDecimal(node.args[0]) &&
    node.args[1].t === "pow" &&
    node.args[1].base.t === "num" &&
    node.args[1].base.v === "10"
  );
}

/** Agreement required of expressions that both carry decimals: rounding error only. */
const BOTH_DECIMAL_EXPRESSIONS_TOLERANCE = 1e-9;

/**
 * The relative tolerance for comparing two sides, or null when neither has a decimal (compare
 * exactly). Two plain decimals must agree to the finer one's precision, so `3.1` ≠ `3.14`. When both
 * sides are expressions with decimals, a literal's precision says nothing about the expression's
 * value (`125 - 1.26P` is within 0.4% of `125 - 1.25P`), so they must agree up to rounding; a
 * decimal expression against an exact one (`1.414x` vs `\sqrt{2}x`) keeps the decimal's precision.
 */
export function decimalTolerance(a: Node, b: Node, options: GradeOptions): number | null {
  const pa = statedPrecision(a);
  const pb = statedPrecision(b);
  if (pa === null && pb === null) return null;
  if (options.relativeTolerance !== null) return options.relativeTolerance;
  if (pa !== null && pb !== null) {
    return isPlainDecimal(a) && isPlainDecimal(b) ? Math.min(pa, pb) : BOTH_DECIMAL_EXPRESSIONS_TOLERANCE;
  }
  return Math.max(pa ?? 0, pb ?? 0);
}
