/**
 * The one text form of a unit that the rest of the checker sees and that mathjs is given: a product
 * of powers of mathjs unit names, `km/h`, `m/s^2`, `kg*m^2/s^2`, or `1` for a dimensionless count.
 * Equal units always get equal text (same-name powers merged, first-appearance order), so two
 * answers in the same unit compare without mathjs.
 */

/** One mathjs unit name raised to an integer power. */
export interface Factor {
  name: string;
  power: number;
}

/** The canonical text of a pure number: counts (`5 个`, `5 units`) and units that cancel out. */
export const DIMENSIONLESS = "1";

const raised = (name: string, p: number) => (p === 1 ? name : `${name}^${p}`);

export function canonicalText(factors: readonly Factor[]): string {
  const merged = new Map<string, number>();
  for (const { name, power } of factors) merged.set(name, (merged.get(name) ?? 0) + power);
  const kept = [...merged].filter(([, p]) => p !== 0);
  if (kept.length === 0) return DIMENSIONLESS;
  const up = kept.filter(([, p]) => p > 0).map(([name, p]) => raised(name, p));
  // A leading `/` is not a unit to mathjs, so a pure denominator is written with negative powers.
  if (up.length === 0) return kept.map(([name, p]) => `${name}^${p}`).join("*");
  const down = kept.filter(([, p]) => p < 0).map(([name, p]) => raised(name, -p));
  return [up.join("*"), ...down].join("/");
}

/** Sticky, one factor at a time, with no nested quantifier: linear on any input. */
const FACTOR = /([*/]?)([A-Za-z]+)(?:\^(-?\d+))?/y;

/** Reads canonical text back into factors; null for anything `canonicalText` cannot have written. */
export function parseCanonical(text: string): Factor[] | null {
  if (text === DIMENSIONLESS) return [];
  const factors: Factor[] = [];
  FACTOR.lastIndex = 0;
  while (FACTOR.lastIndex < text.length) {
    const at = FACTOR.lastIndex;
    const m = FACTOR.exec(text);
    if (!m || (at === 0) !== (m[1] === "")) return null;
    const p = m[3] === undefined ? 1 : Number(m[3]);
    factors.push({ name: m[2], power: m[1] === "/" ? -p : p });
  }
  return factors.length > 0 ? factors : null;
}
