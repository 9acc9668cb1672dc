/**
 * Unit-aware equality when both sides carry units: `1.5\text{ m}` = `150 cm`, `3 hours` = `180
 * minutes`, `2.5 \text{ kJ}` = `2500 J`. The factor between the units comes from mathjs (loaded on
 * the first such comparison only); the values are compared here, to the gold's stated precision when
 * it is a decimal and to rounding error otherwise, since a factor such as 2.54 is itself a double.
 * When one side has no unit, or both have the same, the normaliser sets the unit aside instead.
 */
import type { GradeOptions } from "../../contracts/grading.ts";
import { conversionFactor, splitQuantity } from "../units/index.ts";
import * as Cx from "./complex.ts";
import type { Outcome } from "./context.ts";
import { evaluate } from "./numeric.ts";
import { parseMath } from "./parse.ts";
import { statedPrecision } from "./precision.ts";
import { close } from "./sampling.ts";

/** Doubles carry the converted value; beyond rounding they must agree. */
const CONVERSION_TOLERANCE = 1e-9;

export function compareQuantities(response: string, gold: string, options: GradeOptions): Outcome | null {
  const r = splitQuantity(response);
  const g = splitQuantity(gold);
  if (r === null || g === null || r.unit === g.unit) return null;
  const factor = conversionFactor(r.unit, g.unit);
  if (factor === null)
    return { equal: false, method: "none", reason: `different units: ${r.unit} vs ${g.unit}` };
  const rv = parseMath(r.value);
  const gv = parseMath(g.value);
  if (!rv.ok || !gv.ok) return null;
  const converted = Cx.mul(evaluate(rv.node), Cx.c(factor));
  const target = evaluate(gv.node);
  if (!Cx.finite(converted) || !Cx.finite(target)) return null;
  const tolerance = options.relativeTolerance ?? statedPrecision(gv.node) ?? CONVERSION_TOLERANCE;
  return close(converted, target, Math.max(tolerance, CONVERSION_TOLERANCE))
    ? { equal: true, method: "tolerance" }
    : {
        equal: false,
        method: "tolerance",
        reason: `different quantities: ${r.value} ${r.unit} is ${converted.re} ${g.unit}, not ${g.value}`,
      };
}
