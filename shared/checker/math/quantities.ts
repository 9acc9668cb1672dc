/**
 * Unit-aware equality when both sides carry units: `1.5\text{ m}` = `150 cm`, `3 hours` = `180
 * minutes`, `2.5 \text{ kJ}` = `2500 J`. The factor between the units comes from mathjs (loaded on
 * the first such comparison only); the values are compared here, to the gold's stated precision when
 * it is a decimal and to rounding error otherwise, since a factor such as 2.54 is itself a double.
 * When one side has no unit, or both have the same, the normaliser sets the unit aside instead.
 */
import type { GradeOptions } from "../../contracts/grading.ts";
import { DIMENSIONLESS } from "../units/canonical.ts";
import { type CompoundPart, conversionFactor, splitCompound, splitQuantity } from "../units/index.ts";
import * as Cx from "./complex.ts";
import type { Outcome } from "./context.ts";
import { topLevelElements } from "./normalize.ts";
import { evaluate } from "./numeric.ts";
import { parseMath } from "./parse.ts";
import { statedPrecision } from "./precision.ts";
import { close } from "./sampling.ts";

/** Doubles carry the converted value; beyond rounding they must agree. */
const CONVERSION_TOLERANCE = 1e-9;

export function compareQuantities(response: string, gold: string, options: GradeOptions): Outcome | null {
  const listUnits = [listUnit(response), listUnit(gold)];
  if (listUnits[0] !== null && listUnits[1] !== null && listUnits[0] !== listUnits[1])
    return { equal: false, method: "none", reason: `different units: ${listUnits[0]} vs ${listUnits[1]}` };
  const r = readQuantity(response);
  const g = readQuantity(gold);
  if (r === null && g !== null && g.parts.length > 1) return compoundAndPlain(g, response, options);
  if (g === null && r !== null && r.parts.length > 1) return compoundAndPlain(r, gold, options);
  if (r === null || g === null) return null;
  if (r.parts.length === 1 && g.parts.length === 1 && r.unit === g.unit) return null;
  const factor = conversionFactor(r.unit, g.unit);
  if (factor === null)
    return { equal: false, method: "none", reason: `different units: ${r.unit} vs ${g.unit}` };
  const amount = amountOf(r);
  const target = amountOf(g);
  if (amount === null || target === null) return null;
  const converted = Cx.mul(amount.value, Cx.c(factor));
  if (!Cx.finite(converted) || !Cx.finite(target.value)) return null;
  const tolerance = options.relativeTolerance ?? target.precision ?? CONVERSION_TOLERANCE;
  return close(converted, target.value, Math.max(tolerance, CONVERSION_TOLERANCE))
    ? { equal: true, method: "tolerance" }
    : {
        equal: false,
        method: "tolerance",
        reason: `different quantities: ${r.text} is ${converted.re} ${g.unit}, not ${g.text}`,
      };
}

/** The one unit every element of a list carries (`3 cm, 4 cm` → cm), or null. */
function listUnit(text: string): string | null {
  if (text.length > MAX_LIST_CHARS) return null;
  const elements = topLevelElements(text);
  if (elements.length < 2) return null;
  const units = new Set(elements.map((element) => splitQuantity(element)?.unit ?? null));
  const [unit] = units;
  return units.size === 1 && unit !== null && unit !== DIMENSIONLESS ? unit : null;
}

/** Lists of quantities are short; a longer list is read without its units' check. */
const MAX_LIST_CHARS = 2000;

/** An amount with a unit: one part (`1.5 m`) or a compound's parts in its first unit (`1 m 20 cm`). */
interface Read {
  parts: CompoundPart[];
  unit: string;
  text: string;
}

function readQuantity(text: string): Read | null {
  const single = splitQuantity(text);
  if (single !== null)
    return { parts: [{ ...single, factor: 1 }], unit: single.unit, text: `${single.value} ${single.unit}` };
  const parts = splitCompound(text);
  if (parts === null) return null;
  return { parts, unit: parts[0].unit, text: parts.map((p) => `${p.value} ${p.unit}`).join(" ") };
}

/** The amount in the quantity's unit; a single decimal part keeps its stated precision. */
function amountOf(quantity: Read): { value: Cx.C; precision: number | null } | null {
  let value = Cx.c(0);
  for (const part of quantity.parts) {
    const parsed = parseMath(part.value);
    if (!parsed.ok) return null;
    value = Cx.add(value, Cx.mul(evaluate(parsed.node), Cx.c(part.factor)));
  }
  const only = quantity.parts.length === 1 ? parseMath(quantity.parts[0].value) : null;
  return { value, precision: only?.ok ? statedPrecision(only.node) : null };
}

/**
 * A compound against a plain amount (`1 hour 30 minutes` vs `90`): the plain side's unit is the one
 * the problem implies, so it must be the compound's amount in one of the units the compound names.
 */
function compoundAndPlain(compound: Read, plain: string, options: GradeOptions): Outcome | null {
  const parsed = parseMath(plain);
  const amount = amountOf(compound);
  if (!parsed.ok || amount === null) return null;
  const target = evaluate(parsed.node);
  const tolerance = Math.max(
    options.relativeTolerance ?? statedPrecision(parsed.node) ?? 0,
    CONVERSION_TOLERANCE,
  );
  for (const part of compound.parts) {
    const inPartUnit = Cx.mul(amount.value, Cx.c(1 / part.factor));
    if (Cx.finite(target) && close(inPartUnit, target, tolerance))
      return { equal: true, method: "tolerance" };
  }
  return {
    equal: false,
    method: "tolerance",
    reason: `different quantities: ${compound.text} is not ${plain} in any of its units`,
  };
}
