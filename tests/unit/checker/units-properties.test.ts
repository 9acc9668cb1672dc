/** Properties of unit splitting: every listed unit is read in every style, and nothing throws. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { conversionFactor, splitQuantity, unitPhrase } from "../../../shared/checker/units/index.ts";
import { unitSpellings } from "../../../shared/checker/units/lexicon.ts";

const spellings = unitSpellings();

const value = fc.oneof(
  fc.integer({ min: -10_000, max: 10_000 }).map(String),
  fc.double({ min: 0.001, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
  fc.tuple(fc.nat(99), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `\\frac{${a}}{${b}}`),
);

/** How models set a unit after a value. */
const STYLES: ((value: string, unit: string) => string)[] = [
  (v, u) => `${v} ${u}`,
  (v, u) => `${v}${u}`,
  (v, u) => `${v}\\text{ ${u}}`,
  (v, u) => `${v}~\\mathrm{${u}}`,
  (v, u) => `${v}\\,\\mbox{${u}}`,
];

/** Pieces of answers, units and not, including every kind of token the lexer knows. */
const SOUP = [
  "5",
  "-",
  "1.5",
  " ",
  "m",
  "cm",
  "per",
  "/",
  "^2",
  "^{-1}",
  "²",
  "\\text{",
  "\\mathrm{",
  "{",
  "}",
  "\\frac",
  "\\sqrt",
  "\\cdot",
  "\\,",
  "~",
  ".",
  "°",
  "C",
  "\\$",
  "$",
  "€",
  "square",
  "carrés",
  "thousand",
  "or",
  "厘米",
  "平方",
  "每",
  "часа",
  "в",
  "x",
  "\\pi",
  "^\\circ",
  "=",
  "(",
  ")",
  "2",
  "Celsius",
  "degrees",
];

describe("splitQuantity properties", () => {
  it("reads every listed unit after a value, in every style", () => {
    fc.assert(
      fc.property(
        value,
        fc.constantFrom(...spellings),
        fc.constantFrom(...STYLES),
        (v, [spelling, canonical], style) => {
          const text = style(v, spelling);
          assert.deepEqual(splitQuantity(text), { value: v, unit: canonical }, text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws on token soups, and only ever returns canonical units and real values", () => {
    const soup = fc.array(fc.constantFrom(...SOUP), { maxLength: 30 }).map((tokens) => tokens.join(""));
    fc.assert(
      fc.property(soup, (text) => {
        const quantity = splitQuantity(text);
        if (quantity) {
          assert.ok(quantity.value.trim().length > 0, text);
          assert.equal(conversionFactor(quantity.unit, quantity.unit), 1, `${text}: ${quantity.unit}`);
        }
        const unit = unitPhrase(text);
        if (unit !== null) assert.equal(conversionFactor(unit, unit), 1, `${text}: ${unit}`);
      }),
      { numRuns: 3000 },
    );
  });
});
