/** False-positive traps and hostile inputs: never equal when different, never slow, never throws. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Comparison, compareAnswers } from "../../../shared/checker/math/index.ts";
import { type GradeOptionsInput, resolveOptions } from "../../../shared/contracts/grading.ts";

const options = resolveOptions();

function compare(response: string, gold: string, overrides?: GradeOptionsInput): Comparison {
  return compareAnswers(response, gold, overrides ? resolveOptions(overrides) : options);
}

function different(response: string, gold: string): Comparison {
  const result = compare(response, gold);
  assert.equal(result.equal, false, `${JSON.stringify(response)} should differ from ${JSON.stringify(gold)}`);
  assert.ok(result.reason);
  return result;
}

function same(response: string, gold: string, overrides?: GradeOptionsInput): void {
  const result = compare(response, gold, overrides);
  assert.equal(
    result.equal,
    true,
    `${JSON.stringify(response)} should equal ${JSON.stringify(gold)}: ${result.reason}`,
  );
}

describe("huge and tiny magnitudes", () => {
  it("tells apart values beyond double precision", () => {
    different("10^{100}+1", "10^{100}");
    different("10^{100}", "10^{100}+1");
    different("\\frac{1}{2^{99}}", "\\frac{1}{2^{98}}");
    different("1/2^{99}", "1/2^{99}+1/2^{200}");
    different("\\frac{1}{2004!}", "\\frac{1}{2006!}");
    different("2^{1009}", "2^{1009}+1");
    same("2^{1009}", "2 \\cdot 2^{1008}");
  });

  it("does not let double precision hide small terms next to huge ones", () => {
    different("\\sqrt{2}+10^{20}", "10^{20}");
    different("2^{100}\\sqrt{3}", "2^{100}\\sqrt{3}+1");
    different("x+10^{20}", "x+10^{20}+1");
    same("10^{20}\\sqrt{2}", "\\sqrt{2}\\cdot 10^{20}");
    same("x+10^{20}", "10^{20}+x");
  });

  it("never builds astronomically large numbers, and never calls them equal blindly", () => {
    assert.match(different("10^{10^{10}}", "10^{10^{10}}+1").reason ?? "", /too large/);
    different("10^{10^{10}}", "10^{10^{11}}");
    same("2^{2^{2^{2^{2}}}}", "2^{65536}");
    different("2^{2^{2^{2^{2}}}}", "2^{65536}+1");
    assert.match(different("1000000!", "1000000!+1").reason ?? "", /too large/);
    different("1000000!", "1000001!");
    different("(x+1)^{100000}", "(x+1)^{100000}+1");
    different("x^{1000}", "x^{1001}");
  });

  it("answers them within milliseconds", () => {
    const hostile = [
      "10^{10^{10}}",
      "2^{2^{2^{2^{2}}}}",
      "1000000!",
      "(x+1)^{100000}",
      "9^{9^{9^{9}}}",
      "(10^{10^{10}})!",
      "2^{-10^{10}}",
    ];
    for (const expression of hostile) {
      const started = performance.now();
      compare(expression, `${expression}+1`);
      compare(expression, "42");
      assert.ok(performance.now() - started < 200, `${expression} took too long`);
    }
  });
});

describe("ordering and precision traps", () => {
  it("keeps tuples ordered", () => {
    different("(1,2)", "(2,1)");
  });

  it("compares list elements, not just sizes", () => {
    different("1,-2", "1,-3");
  });

  it("does not round a decimal more than it states", () => {
    same("\\sqrt{2}", "1.41");
    different("1.42", "1.414");
    different("1.41", "1.414");
    same("1.41", "\\sqrt{2}", { relativeTolerance: 0.005 });
  });

  it("holds expressions that both carry decimals to rounding error, not to a literal's precision", () => {
    different("X_{d}=125-1.26 P", "X_{d}=125-1.25 P");
    different("0.51x", "0.5x");
    same("125 - 1.25P", "125-\\frac{5}{4}P");
    different("1.414x", "\\sqrt{2}x");
    same("\\sqrt{2}x", "1.414x");
  });

  it("distinguishes open and closed intervals", () => {
    different("(0,1)", "[0,1]");
    different("[0,1)", "[0,1]");
  });

  it("never swaps numerator and denominator", () => {
    different("\\frac{1}{2}", "\\frac{2}{1}");
    different("\\frac{2}{1}", "\\frac{1}{2}");
  });

  it("tells powers apart by sampling", () => {
    different("x^2", "x^3");
    different("2^x", "x^2");
  });

  it("reads 2x and x2 as the same product (plain text has no other meaning for x2)", () => {
    same("2x", "x2");
  });

  it("keeps percent apart from other scales", () => {
    different("10\\%", "1");
    different("10\\%", "0.01");
  });
});

describe("undefined values and identities that hold only for positive reals", () => {
  it("never reads a division by zero, or a logarithm of zero, as infinity", () => {
    different("1/0", "\\infty");
    different("\\frac{5}{0}", "\\infty");
    different("-\\frac{1}{0}", "-\\infty");
    different("\\ln 0", "-\\infty");
    different("0^{-1}", "\\infty");
    different("\\frac{5}{0}", "5");
  });

  it("samples negative values too, as a computer algebra system without assumptions does", () => {
    different("|x|", "x");
    different("\\sqrt{x^2}", "x");
    different("\\ln(x^2)", "2\\ln x");
    different("\\sqrt{a}\\sqrt{b}", "\\sqrt{ab}");
    different("\\ln(ab)", "\\ln a + \\ln b");
    same("\\sqrt{x^2}", "|x|");
    same("\\frac{\\sqrt{x}}{x}", "\\frac{1}{\\sqrt{x}}");
    same("x\\sqrt{x}", "x^{3/2}");
    same("\\sqrt[3]{x^2}", "x^{2/3}");
    same("\\sqrt[3]{x}", "x^{1/3}");
  });

  it("compares on the real domain: points where neither side is real say nothing", () => {
    same("\\frac{\\sqrt{x}}{\\sqrt{y}}", "\\sqrt{\\frac{x}{y}}");
    same("\\sqrt{\\frac{GM}{r}}", "\\frac{\\sqrt{GM}}{\\sqrt{r}}");
    same("\\ln(1/x)", "-\\ln x");
    same("\\tau \\ln(1/\\Delta)", "-\\tau \\ln \\Delta");
    same("\\ln(x/y)", "\\ln x - \\ln y");
    // Where one side is real and the other is not, they differ.
    different("\\sqrt{x-5}", "\\sqrt{5-x}");
    different("\\sqrt{x}", "\\sqrt{|x|}");
    different("\\ln x", "\\ln|x|");
    // Answers complex almost everywhere are compared as complex values.
    same("e^{i\\theta}", "\\cos\\theta + i\\sin\\theta");
    different("e^{i\\theta}", "\\cos\\theta - i\\sin\\theta");
    different("i\\sqrt{x}", "\\sqrt{-x}");
  });
});

describe("ellipses", () => {
  it("never judges sequences with an ellipsis equal by value", () => {
    same("1, 2, \\ldots, n", "1,2,\\dots,n");
    different("1, 2, \\ldots, n", "1, 2, 3, \\ldots, n");
    different("1, 2, \\ldots", "1, 2");
    different("1+2+\\cdots+n", "\\frac{n(n+1)}{2}");
  });
});

describe("hostile input", () => {
  it("refuses adversarial nesting cleanly", () => {
    for (const input of [
      `${"{".repeat(10_000)}1${"}".repeat(10_000)}`,
      `${"(".repeat(10_000)}1${")".repeat(10_000)}`,
    ]) {
      const result = compare(input, "1");
      assert.equal(result.equal, false);
      assert.match(result.reason ?? "", /could not parse response/);
    }
    const deep = `${"(".repeat(300)}1${")".repeat(300)}`;
    assert.match(compare(deep, "1").reason ?? "", /too deeply nested/);
    const deepPowers = `${"2^{".repeat(300)}1${"}".repeat(300)}`;
    assert.equal(compare(deepPowers, "2").equal, false);
    assert.equal(
      compare("1!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "1").equal,
      true,
    );
  });

  it("never throws on malformed LaTeX", () => {
    for (const input of [
      "\\frac{",
      "\\begin{pmatrix}1 & 2",
      "}{",
      "\\sqrt[",
      "^^^",
      "_",
      "\\",
      "$$",
      "",
      " ",
      "\\left(",
      "1/0",
      "0^{-1}",
      "0/0",
      "\\log 0",
      "(-8)^{1/3}",
      "\\text{",
      "x=",
      "=",
      ",,,",
      "\\{\\}",
    ]) {
      const result = compare(input, "1");
      assert.equal(typeof result.equal, "boolean");
    }
  });

  it("falls back to text for answers too long to parse", () => {
    const long = `${"1+".repeat(3000)}1`;
    const result = compare(long, "3001");
    assert.equal(result.equal, false);
    assert.equal(compare(long, long).equal, true);
  });

  it("never evaluates code", () => {
    const result = compare("constructor.constructor('return process')()", "1");
    assert.equal(result.equal, false);
    different("import('fs')", "1");
  });
});
