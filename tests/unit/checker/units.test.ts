/** Units in answers: the closed vocabulary, value/unit splitting, and mathjs conversions, loaded lazily. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  conversionFactor,
  DIMENSIONLESS,
  mathjsLoaded,
  splitCompound,
  splitQuantity,
  unitOf,
  unitPhrase,
} from "../../../shared/checker/units/index.ts";
import { unitSpellings } from "../../../shared/checker/units/lexicon.ts";

function close(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null, `${what}: no factor`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${what}: ${actual} != ${expected}`);
}

// First, before anything converts: the lazy load is only observable once per process.
describe("lazy loading of mathjs", () => {
  it("is not loaded by importing the modules, splitting answers, or comparing equal units", () => {
    assert.equal(mathjsLoaded(), false);
    assert.deepEqual(splitQuantity("1.5\\text{ m}"), { value: "1.5", unit: "m" });
    assert.equal(unitPhrase("km per hour"), "km/h");
    assert.equal(conversionFactor("cm", "cm"), 1);
    assert.equal(conversionFactor(DIMENSIONLESS, DIMENSIONLESS), 1);
    assert.equal(conversionFactor(DIMENSIONLESS, "m"), null);
    assert.equal(conversionFactor("not a unit", "m"), null);
    assert.equal(mathjsLoaded(), false);
  });

  it("is loaded by the first conversion between two different units", () => {
    assert.equal(conversionFactor("m", "cm"), 100);
    assert.equal(mathjsLoaded(), true);
  });
});

describe("the unit vocabulary", () => {
  it("reads units as models write them", () => {
    const cases: [string, string][] = [
      ["m", "m"],
      ["meter", "m"],
      ["meters", "m"],
      ["metre", "m"],
      ["cm", "cm"],
      ["KM", "km"],
      ["kg", "kg"],
      ["mg", "mg"],
      ["sec", "s"],
      ["seconds", "s"],
      ["min", "min"],
      ["minutes", "min"],
      ["h", "h"],
      ["hrs", "h"],
      ["hours", "h"],
      ["days", "day"],
      ["weeks", "week"],
      ["years", "year"],
      ["feet", "ft"],
      ["foot", "ft"],
      ["in", "inch"],
      ["inches", "inch"],
      ["yd", "yd"],
      ["miles", "mi"],
      ["mph", "mi/h"],
      ["km/h", "km/h"],
      ["m/s", "m/s"],
      ["L", "L"],
      ["mL", "mL"],
      ["liters", "L"],
      ["gallons", "gal"],
      ["kJ", "kJ"],
      ["cal", "cal"],
      ["kW", "kW"],
      ["Pa", "Pa"],
      ["ohm", "ohm"],
      ["Ω", "ohm"],
      ["Hz", "Hz"],
      ["eV", "eV"],
      ["K", "K"],
      ["°C", "degC"],
      ["degrees Celsius", "degC"],
      ["degrees", "deg"],
      ["radians", "rad"],
      ["lbs", "lb"],
      ["pounds", "lb"],
      ["oz", "oz"],
      ["tons", "ton"],
      ["dollars", "dollar"],
      ["cents", "cent"],
      ["euros", "euro"],
      ["units", DIMENSIONLESS],
      ["unit", DIMENSIONLESS],
      ["square units", DIMENSIONLESS],
      ["sq ft", "ft^2"],
      ["square meters", "m^2"],
      ["cubic centimeters", "cm^3"],
    ];
    for (const [word, unit] of cases) assert.equal(unitOf(word), unit, word);
  });

  it("reads the unit words of other languages", () => {
    const cases: [string, string][] = [
      ["mètres", "m"],
      ["metros", "m"],
      ["centimètres", "cm"],
      ["heures", "h"],
      ["horas", "h"],
      ["minutos", "min"],
      ["segundos", "s"],
      ["kilogrammes", "kg"],
      ["dólares", "dollar"],
      ["Meter", "m"],
      ["Stunden", "h"],
      ["Minuten", "min"],
      ["Sekunden", "s"],
      ["Euro", "euro"],
      ["м", "m"],
      ["см", "cm"],
      ["кг", "kg"],
      ["г", "g"],
      ["с", "s"],
      ["ч", "h"],
      ["часов", "h"],
      ["минут", "min"],
      ["метров", "m"],
      ["рублей", "ruble"],
      ["米", "m"],
      ["厘米", "cm"],
      ["公里", "km"],
      ["公斤", "kg"],
      ["分钟", "min"],
      ["分", "min"],
      ["小时", "h"],
      ["天", "day"],
      ["元", "yuan"],
      ["平方米", "m^2"],
      ["个", DIMENSIONLESS],
      ["人", DIMENSIONLESS],
      ["只", DIMENSIONLESS],
      ["मीटर", "m"],
      ["किमी", "km"],
      ["घंटे", "h"],
      ["रुपये", "rupee"],
      ["متر", "m"],
      ["كغ", "kg"],
      ["دقائق", "min"],
      ["دولار", "dollar"],
      ["me\u0300tres", "m"],
    ];
    for (const [word, unit] of cases) assert.equal(unitOf(word), unit, word);
  });

  it("rejects every word that is not a unit, above all those that change the value", () => {
    const words = [
      "thousand",
      "million",
      "billion",
      "squared",
      "cubed",
      "plus",
      "minus",
      "times",
      "or",
      "and",
      "approximately",
      "about",
      "roughly",
      "is",
      "wrong",
      "not",
      "apples",
      "people",
      "square",
      "per",
      "C",
      "M",
      "MM",
      "x",
      "pi",
      "",
    ];
    for (const word of words) assert.equal(unitOf(word), null, word);
  });

  it("reads whole phrases, and only when every part is a unit", () => {
    assert.equal(unitPhrase("km per hour"), "km/h");
    assert.equal(unitPhrase("meters per second"), "m/s");
    assert.equal(unitPhrase("m/s^2"), "m/s^2");
    assert.equal(unitPhrase("m/s²"), "m/s^2");
    assert.equal(unitPhrase("m \\cdot s^{-1}"), "m/s");
    assert.equal(unitPhrase("N \\cdot m"), "N*m");
    assert.equal(unitPhrase("\\text{ m}^2"), "m^2");
    assert.equal(unitPhrase("\\mathrm{kg\\,m^2/s^2}"), "kg*m^2/s^2");
    assert.equal(unitPhrase("square feet"), "ft^2");
    assert.equal(unitPhrase("sq. ft."), "ft^2");
    assert.equal(unitPhrase("cm2"), "cm^2");
    assert.equal(unitPhrase("mètres carrés"), "m^2");
    assert.equal(unitPhrase("км/ч"), "km/h");
    assert.equal(unitPhrase("千米每小时"), "km/h");
    assert.equal(unitPhrase("dollars per hour"), "dollar/h");
    for (const phrase of [
      "meters squared",
      "square",
      "per hour",
      "m per",
      "m^0",
      "km per apple",
      "m or s",
      "square m^2",
      "5 m",
      "m m m m m m",
    ])
      assert.equal(unitPhrase(phrase), null, phrase);
  });

  it("lists no spelling twice, and every unit converts through mathjs", () => {
    const reference: [from: string, to: string, factor: number][] = [
      ["m", "cm", 100],
      ["dm", "cm", 10],
      ["cm", "mm", 10],
      ["mm", "m", 1e-3],
      ["um", "m", 1e-6],
      ["nm", "m", 1e-9],
      ["km", "m", 1000],
      ["inch", "cm", 2.54],
      ["ft", "inch", 12],
      ["yd", "ft", 3],
      ["mi", "km", 1.609344],
      ["mi/h", "km/h", 1.609344],
      ["km/h", "m/s", 1 / 3.6],
      ["m^2", "cm^2", 1e4],
      ["ft^2", "inch^2", 144],
      ["km^2", "hectare", 100],
      ["acre", "ft^2", 43560.0385089659],
      ["m^3", "L", 1000],
      ["cm^3", "mL", 1],
      ["cc", "mL", 1],
      ["L", "mL", 1000],
      ["gal", "L", 3.785411784],
      ["qt", "gal", 0.25],
      ["cup", "qt", 0.25],
      ["kg", "g", 1000],
      ["g", "mg", 1000],
      ["tonne", "kg", 1000],
      ["ton", "lb", 2000],
      ["lb", "oz", 16],
      ["s", "ms", 1000],
      ["min", "s", 60],
      ["h", "min", 60],
      ["day", "h", 24],
      ["week", "day", 7],
      ["month", "day", 30.4375],
      ["year", "day", 365.25],
      ["kJ", "J", 1000],
      ["MJ", "kJ", 1000],
      ["kcal", "cal", 1000],
      ["cal", "J", 4.184],
      ["kWh", "J", 3.6e6],
      ["eV", "J", 1.602176565e-19],
      ["keV", "eV", 1000],
      ["MeV", "keV", 1000],
      ["kW", "W", 1000],
      ["MW", "kW", 1000],
      ["kN", "N", 1000],
      ["kPa", "Pa", 1000],
      ["MPa", "kPa", 1000],
      ["atm", "Pa", 101325],
      ["psi", "Pa", 6894.75729276459],
      ["kV", "V", 1000],
      ["V", "mV", 1000],
      ["A", "mA", 1000],
      ["kohm", "ohm", 1000],
      ["kHz", "Hz", 1000],
      ["MHz", "kHz", 1000],
      ["GHz", "MHz", 1000],
      ["J/K", "J/degC", 1],
      ["J/degF", "J/K", 1.8],
      ["kJ/mol", "J/mol", 1000],
      ["J", "erg", 1e7],
      ["rad", "deg", 180 / Math.PI],
      ["dollar", "cent", 100],
      ["sterling", "pence", 100],
      ["ruble", "kopeck", 100],
      ["euro/h", "euro/min", 1 / 60],
      ["yuan/h", "yuan/min", 1 / 60],
      ["yen/h", "yen/min", 1 / 60],
      ["rupee/h", "rupee/min", 1 / 60],
    ];
    const names = (canonical: string) => canonical.split(/[*/]/).map((factor) => factor.replace(/\^.*/, ""));
    const covered = new Set(reference.flatMap(([from, to]) => [...names(from), ...names(to)]));
    for (const [spelling, canonical] of unitSpellings()) {
      if (canonical === DIMENSIONLESS) continue;
      for (const name of names(canonical))
        assert.ok(covered.has(name), `${spelling} → ${canonical}: ${name} untested`);
    }
    for (const [from, to, factor] of reference) close(conversionFactor(from, to), factor, `${from} → ${to}`);
  });
});

describe("splitQuantity", () => {
  it("splits a value from the unit phrase that follows it", () => {
    const cases: [string, string, string][] = [
      ["1.5\\text{ m}", "1.5", "m"],
      ["150 cm", "150", "cm"],
      ["3 hours", "3", "h"],
      ["2.5 \\text{ kJ}", "2.5", "kJ"],
      ["5\\text{ m}^2", "5", "m^2"],
      ["5\\text{ m}^{2}", "5", "m^2"],
      ["5~\\mbox{inches}^2", "5", "inch^2"],
      ["60 \\text{ km/h}", "60", "km/h"],
      ["9.8 \\mathrm{m/s^2}", "9.8", "m/s^2"],
      ["9.8\\,\\mathrm{m}\\,\\mathrm{s}^{-2}", "9.8", "m/s^2"],
      ["12 厘米", "12", "cm"],
      ["12厘米", "12", "cm"],
      ["3 часа", "3", "h"],
      ["\\frac{1}{2}\\text{ hour}", "\\frac{1}{2}", "h"],
      ["2\\sqrt{3} \\text{ cm}", "2\\sqrt{3}", "cm"],
      ["4.4677 \\times 10^{14} Hz", "4.4677 \\times 10^{14}", "Hz"],
      ["2\\pi \\text{ rad}", "2\\pi", "rad"],
      ["30^\\circ", "30", "deg"],
      ["30°", "30", "deg"],
      ["25 °C", "25", "degC"],
      ["25^{\\circ} C", "25", "degC"],
      ["100 \\text{ degrees Celsius}", "100", "degC"],
      ["5 square feet", "5", "ft^2"],
      ["5 平方米", "5", "m^2"],
      ["5 个", "5", DIMENSIONLESS],
      ["24 \\text{ square units}", "24", DIMENSIONLESS],
      ["\\text{5 cm}", "5", "cm"],
      ["5 cm.", "5", "cm"],
    ];
    for (const [text, value, unit] of cases) assert.deepEqual(splitQuantity(text), { value, unit }, text);
  });

  it("reads currency before or after the value", () => {
    const cases: [string, string, string][] = [
      ["\\$5", "5", "dollar"],
      ["$5", "5", "dollar"],
      ["\\$1,000.50", "1,000.50", "dollar"],
      ["€5", "5", "euro"],
      ["5 €", "5", "euro"],
      ["5\\$", "5", "dollar"],
      ["75 cents", "75", "cent"],
      ["\\$12 per hour", "12", "dollar/h"],
      ["\\$12/\\text{hr}", "12", "dollar/h"],
    ];
    for (const [text, value, unit] of cases) assert.deepEqual(splitQuantity(text), { value, unit }, text);
    assert.equal(splitQuantity("$5$"), null, "math delimiters are not a currency");
    assert.equal(splitQuantity("\\$5 dollars"), null);
    assert.equal(splitQuantity("\\$5 m"), null);
  });

  it("keeps the sign of negative values", () => {
    assert.deepEqual(splitQuantity("-5 m"), { value: "-5", unit: "m" });
    assert.deepEqual(splitQuantity("-3.5 \\text{ kg}"), { value: "-3.5", unit: "kg" });
    assert.deepEqual(splitQuantity("-\\$5"), { value: "-5", unit: "dollar" });
    assert.deepEqual(splitQuantity("\\$-5"), { value: "-5", unit: "dollar" });
    assert.deepEqual(splitQuantity("-\\frac{1}{2} \\text{ J}"), { value: "-\\frac{1}{2}", unit: "J" });
  });

  it("returns null when there is no unit, or the words are not all units", () => {
    for (const text of [
      "5",
      "\\frac{1}{2}",
      "x^2 + 1",
      "5 \\text{ thousand}",
      "5 thousand m",
      "5 apples",
      "5 \\text{ or } 6",
      "5 \\text{ m or } 6",
      "5 meters squared",
      "5 \\text{ approximately}",
      "3 m 20 cm",
      "3 hours 20 minutes",
      "1 hour and 30 minutes",
      "m",
      "\\text{ m}",
      "x m",
      "x = 5 m",
      "2\\pi r h",
      "5 \\text{ (wrong)}",
      "50\\%",
      "5 m^0",
      "5 \\text{ m",
      "{5 m",
    ])
      assert.equal(splitQuantity(text), null, text);
  });

  it("gives values whose units convert: the examples of the issue", () => {
    const equal = (a: string, b: string) => {
      const x = splitQuantity(a)!;
      const y = splitQuantity(b)!;
      close(conversionFactor(x.unit, y.unit), Number(y.value) / Number(x.value), `${a} = ${b}`);
    };
    equal("1.5\\text{ m}", "150 cm");
    equal("3 hours", "180 minutes");
    equal("2.5 \\text{ kJ}", "2500 J");
    equal("72 \\text{ km/h}", "20 m/s");
    equal("2 \\text{ ft}^2", "288 square inches");
    equal("\\$3", "300 cents");
    assert.equal(conversionFactor(splitQuantity("5 m")!.unit, splitQuantity("5 s")!.unit), null);
    assert.equal(conversionFactor("degC", "K"), null, "no factor converts an offset scale");
    assert.equal(conversionFactor("degC", "degF"), null);
    assert.equal(conversionFactor("deg", "degC"), 1, "a bare degree sign takes the other side's scale");
    assert.equal(conversionFactor("degF", "deg"), 1);
    assert.equal(conversionFactor("dollar", "euro"), null);
  });

  /**
   * Hostile inputs 10x the 10,000-character limit. Every pass is linear, so each takes tens of
   * milliseconds even on a loaded machine; a quadratic path would do 10^10 steps, minutes. The bound
   * sits between the two, far from both, so that load cannot make this test flaky.
   */
  it("takes linear time on adversarial input", () => {
    const n = 100_000;
    const hostile = [
      `1${" m".repeat(n / 2)}`,
      `5\\text{${"a".repeat(n)}`,
      `5${"\\text{".repeat(n / 6)}`,
      `5 ${"{".repeat(n)}m`,
      `5 ${"}".repeat(n)}m`,
      `5 ${"m/".repeat(n / 2)}`,
      `5 ${"m^2".repeat(n / 3)}`,
      `5 ${"sq ".repeat(n / 3)}m`,
      `5 ${"平方".repeat(n / 2)}`,
      `5 ${"°".repeat(n)}`,
      `${"1".repeat(n)} m`,
      `${"\\$".repeat(n / 2)}5`,
      `5${"^".repeat(n)}`,
      `5 ${"m.".repeat(n / 2)}`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      splitQuantity(text);
      unitPhrase(text);
      const ms = performance.now() - started;
      assert.ok(ms < 2000, `${JSON.stringify(text.slice(0, 20))}…: ${ms.toFixed(0)} ms`);
    }
  });
});

describe("splitCompound", () => {
  const amounts = (text: string) => splitCompound(text)?.map((p) => [p.value, p.unit, p.factor]);

  it("reads one amount written in descending units, in its first unit", () => {
    assert.deepEqual(amounts("4 \\text{ hours and } 30 \\text{ minutes}"), [
      ["4", "h", 1],
      ["30", "min", 1 / 60],
    ]);
    assert.deepEqual(
      amounts("5 ft 3 in")?.map((p) => p[1]),
      ["ft", "inch"],
    );
    assert.deepEqual(
      amounts("2 kg, 500 g")?.map((p) => p[0]),
      ["2", "500"],
    );
    assert.deepEqual(
      amounts("\\text{1 hour and 30 minutes}")?.map((p) => p[1]),
      ["h", "min"],
    );
    assert.deepEqual(
      amounts("1 h 2 min 3 s")?.map((p) => p[1]),
      ["h", "min", "s"],
    );
  });

  it("is not a list in one unit, rising units, unrelated units, or parts without a unit", () => {
    for (const text of [
      "3 m, 4 m",
      "30 minutes 4 hours",
      "4 hours 30",
      "4 hours 30 kg",
      "5 apples 3 oranges",
      "x m 3 cm",
      "4 hours",
      "1.5 m",
      `${"1 m ".repeat(100)}`,
    ])
      assert.equal(splitCompound(text), null, text);
  });
});
