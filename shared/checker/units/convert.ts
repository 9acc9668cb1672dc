/**
 * Conversion factors between canonical units, from mathjs's unit system. Loading mathjs costs a
 * fifth of a second or more, so it is loaded on the first conversion between two different units,
 * synchronously (the checker is synchronous) through `require`, which Node and Deno both provide
 * to ES modules via `createRequire`. Workers that never see two different units never pay for it.
 *
 * mathjs only ever sees canonical unit text made of the vocabulary's names (lexicon.ts checks),
 * and only through its unit parser, never its expression evaluator: answer text cannot reach it.
 */
import { createRequire } from "node:module";
import { DIMENSIONLESS } from "./canonical.ts";
import { isCanonicalUnit } from "./lexicon.ts";

/**
 * mathjs's single-file build, loaded as CommonJS: one 650 kB file loads several times faster than
 * the 1,262 files of its `lib/cjs` entry (the README has the figures).
 */
const MATHJS = "mathjs/lib/browser/math.js";

/** Currencies (each its own dimension) and the calorie, which mathjs lacks. */
const CUSTOM_UNITS: Record<string, { definition?: string; prefixes?: string }> = {
  dollar: {},
  cent: { definition: "0.01 dollar" },
  euro: {},
  sterling: {},
  pence: { definition: "0.01 sterling" },
  yuan: {},
  yen: {},
  rupee: {},
  ruble: {},
  kopeck: { definition: "0.01 ruble" },
  cal: { definition: "4.184 J", prefixes: "short" },
};

/**
 * A bare degree sign (`1950°`) names no scale: beside a Celsius or Fahrenheit value it is read as
 * that scale, as the normaliser, which writes `°C` as `°`, has always read it.
 */
const SCALES = new Set(["degC", "degF"]);

/** The part of mathjs used here. */
interface UnitValue {
  toNumber(unit: string): number;
}
interface UnitMath {
  unit(value: number, unit: string): UnitValue;
  createUnit(units: typeof CUSTOM_UNITS): unknown;
}
interface MathjsBundle {
  create(factories: object): UnitMath;
  unitDependencies: object;
  createUnitDependencies: object;
}

/** Factor cache bound: canonical pairs are few in practice, but phrases make them unbounded. */
const MAX_CACHED = 10_000;

let math: UnitMath | null = null;
const factors = new Map<string, number | null>();

/** Whether mathjs has been loaded in this thread. */
export function mathjsLoaded(): boolean {
  return math !== null;
}

/** A private instance with only the unit factories: quicker to build, and our units stay ours. */
function loadMathjs(): UnitMath {
  if (math) return math;
  const bundle = createRequire(import.meta.url)(MATHJS) as MathjsBundle;
  const instance = bundle.create({ ...bundle.unitDependencies, ...bundle.createUnitDependencies });
  instance.createUnit(CUSTOM_UNITS);
  math = instance;
  return instance;
}

/** Loads mathjs now, so that the first comparison of units does not pay for it inside its time budget. */
export function preloadMathjs(): void {
  loadMathjs().unit(1, "m").toNumber("cm");
}

/**
 * The factor f such that 1 `from` = f `to`, for canonical unit text (canonical.ts); null when the
 * dimensions differ, either is not canonical text of the vocabulary, or the units have an offset
 * (°C, °F and K: no factor converts them).
 */
export function conversionFactor(from: string, to: string): number | null {
  // Canonical text has no spaces: only pairs that cannot convert can share a key.
  const key = `${from} ${to}`;
  let factor = factors.get(key);
  if (factor === undefined) {
    factor = uncachedFactor(from, to);
    if (factors.size >= MAX_CACHED) factors.clear();
    factors.set(key, factor);
  }
  return factor;
}

function uncachedFactor(from: string, to: string): number | null {
  if (!isCanonicalUnit(from) || !isCanonicalUnit(to)) return null;
  if (from === to) return 1;
  if ((from === "deg" && SCALES.has(to)) || (to === "deg" && SCALES.has(from))) return 1;
  // mathjs has no unit for a plain number, and nothing else is dimensionless in the vocabulary.
  if (from === DIMENSIONLESS || to === DIMENSIONLESS) return null;
  const mathjs = loadMathjs();
  try {
    const factor = mathjs.unit(1, from).toNumber(to);
    const offset = mathjs.unit(0, from).toNumber(to);
    return Number.isFinite(factor) && factor > 0 && offset === 0 ? factor : null;
  } catch {
    // Different dimensions: mathjs throws.
    return null;
  }
}
