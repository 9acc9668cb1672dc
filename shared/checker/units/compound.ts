/**
 * Compound quantities: one amount written in descending units, `4 hours and 30 minutes`, `5 ft 3 in`,
 * `2 kg 500 g`, `1\text{ m } 20\text{ cm}`. Read as the sum of their parts in the first part's unit.
 * A list of amounts in one unit (`3 m, 4 m`) or in rising units is not a compound: it stays a list.
 */
import { DIMENSIONLESS } from "./canonical.ts";
import { conversionFactor } from "./convert.ts";
import { type Quantity, splitQuantity, WRAPPED } from "./quantity.ts";

/** Compound quantities are short; a longer answer is not one, and the split stays cheap. */
const MAX_COMPOUND_CHARS = 160;
const MAX_PARTS = 4;

/** `\text{ hours and }`: the joining word leaves the unit's wrapper. */
const AND_IN_TEXT = /\\(?:text|textrm|mbox|mathrm)\s*\{([^{}]*?)\s*(?:,\s*)?\band\s*\}/g;
/** Between a unit's end (a letter, a closing brace, an abbreviation dot) and the next amount's digit. */
const PART_BOUNDARY = /(?<=[a-zA-Z}]|[a-zA-Z]\.)\s*(?:,\s*)?(?:\band\b\s*)?(?=\d)/;

export interface CompoundPart extends Quantity {
  /** 1 of this part's unit in the compound's unit (the first part's). */
  factor: number;
}

/** The parts of a compound quantity (two or more), or null when the text is not one. */
export function splitCompound(text: string): CompoundPart[] | null {
  if (text.length > MAX_COMPOUND_CHARS) return null;
  const unwrapped = WRAPPED.exec(text)?.[1] ?? text;
  const pieces = unwrapped.replace(AND_IN_TEXT, "\\text{$1} and ").split(PART_BOUNDARY);
  if (pieces.length < 2 || pieces.length > MAX_PARTS) return null;
  const quantities = pieces.map((piece) => splitQuantity(piece.trim()));
  const parts: CompoundPart[] = [];
  for (const quantity of quantities) {
    if (quantity === null || quantity.unit === DIMENSIONLESS || !/^\s*\d/.test(quantity.value)) return null;
    const previous = parts.at(-1);
    const factor = conversionFactor(quantity.unit, quantities[0]?.unit ?? "");
    // Each unit smaller than the one before: `5 ft 3 in`, never `3 in 5 ft` or `3 m 4 m`.
    const step = previous ? conversionFactor(quantity.unit, previous.unit) : null;
    if (factor === null || (previous && (step === null || step >= 1))) return null;
    parts.push({ ...quantity, factor });
  }
  return parts;
}
