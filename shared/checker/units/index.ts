/** Units in answers: which words are units, splitting value from unit, and converting between units. */
export { DIMENSIONLESS } from "./canonical.ts";
export { type CompoundPart, splitCompound } from "./compound.ts";
export { conversionFactor, mathjsLoaded, preloadMathjs } from "./convert.ts";
export { type Quantity, splitQuantity } from "./quantity.ts";
export { unitOf, unitPhrase } from "./vocabulary.ts";
