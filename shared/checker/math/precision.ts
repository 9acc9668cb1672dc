/**
 * The tolerance a decimal gold allows. Only decimals get one: exact values compare exactly. A decimal's
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

/**
 * A plain decimal number: `0.25`, `-1.5`, `4.5e33`, `8.7 \times 10^{8}`, and a decimal angle in degrees
 * read in radians (`36.87^\circ` as 36.87 · π/180), which keeps the precision it was stated with.
 */
function isPlainDecimal(node: Node): boolean {
  if (node.t === "neg") return isPlainDecimal(node.arg);
  if (node.t === "num") return isDecimalLiteral(node.v);
  if (node.t !== "mul" || node.args.length !== 2 || !isPlainDecimal(node.args[0])) return false;
  const factor = node.args[1];
  return (
    (factor.t === "pow" && factor.base.t === "num" && factor.base.v === "10") ||
    (factor.t === "div" &&
      factor.num.t === "sym" &&
      factor.num.name === "pi" &&
      factor.den.t === "num" &&
      factor.den.v === "180")
  );
}

/** Agreement required of expressions that both carry decimals: rounding error only. */
const BOTH_DECIMAL_EXPRESSIONS_TOLERANCE = 1e-9;

/**
 * The relative tolerance for comparing a response with a gold, or null to compare exactly. The gold
 * sets the precision: an exact gold (integer, fraction, radical, π) needs an exactly equal response, so
 * a rounded decimal (`0.3` for 1/3, `1.41` for √2, `7e2` for 721) earns nothing unless the caller asks
 * for a tolerance; a decimal gold is matched to its own stated precision (gold `3.14`: `3.14159` and
 * π match, `3.1` does not, and neither do `\arcsin(0.6)` against `0.65`). When the gold is an expression
 * with decimals, a literal's precision says nothing about the expression's value (`125 - 1.26P` is
 * within 0.4% of `125 - 1.25P`), so a response with decimals must agree with it up to rounding.
 */
export function decimalTolerance(response: Node, gold: Node, options: GradeOptions): number | null {
  const pr = statedPrecision(response);
  const pg = statedPrecision(gold);
  if (pr === null && pg === null) return null;
  if (options.relativeTolerance !== null) return options.relativeTolerance;
  if (pg === null) return null;
  if (pr !== null && !isPlainDecimal(gold)) return BOTH_DECIMAL_EXPRESSIONS_TOLERANCE;
  return pg;
}
