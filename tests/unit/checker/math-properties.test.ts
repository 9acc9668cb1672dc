/** Property tests: the engine never throws, every expression equals its own renderings, garbage equals nothing. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareAnswers } from "../../../shared/checker/math/index.ts";
import { parseMath } from "../../../shared/checker/math/parse.ts";
import { render } from "../../../shared/checker/math/render.ts";
import { resolveOptions } from "../../../shared/contracts/grading.ts";

const options = resolveOptions();

const LATEX_TOKENS = [
  "\\frac",
  "\\sqrt",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  "\\{",
  "\\}",
  "^",
  "_",
  "+",
  "-",
  "*",
  "/",
  "=",
  "<",
  "\\le",
  ",",
  "x",
  "y",
  "2",
  "10",
  "0.5",
  ".",
  "\\pi",
  "\\infty",
  "\\cdot",
  "\\times",
  "\\left(",
  "\\right)",
  "\\pm",
  "\\cup",
  "\\text{cm}",
  "\\%",
  "^\\circ",
  "!",
  "\\ldots",
  "|",
  "&",
  "\\\\",
  "\\begin{pmatrix}",
  "\\end{pmatrix}",
  "\\sin",
  "\\log_",
  "e",
  "i",
  " ",
  "$",
  "'",
  "\\lfloor",
  "\\rfloor",
  "\\binom",
  "\\sqrt[3]",
  "\\mathrm{d}",
];

/** A small expression with its LaTeX and plain-text spellings. */
interface Expr {
  latex: string;
  plain: string;
}

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map((n) => ({ latex: String(n), plain: String(n) })),
  fc.constantFrom<Expr>(
    { latex: "x", plain: "x" },
    { latex: "y", plain: "y" },
    { latex: "\\pi", plain: "pi" },
    { latex: "\\frac{3}{7}", plain: "(3/7)" },
  ),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .tuple(tie("e"), tie("e"))
      .map(([a, b]) => ({ latex: `{${a.latex}}+{${b.latex}}`, plain: `(${a.plain})+(${b.plain})` })),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({
      latex: `\\left(${a.latex}\\right)-\\left(${b.latex}\\right)`,
      plain: `(${a.plain})-(${b.plain})`,
    })),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({
      latex: `\\left(${a.latex}\\right) \\cdot \\left(${b.latex}\\right)`,
      plain: `(${a.plain})*(${b.plain})`,
    })),
    // Denominators stay positive so that every expression is defined at the sampling points.
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({
      latex: `\\frac{${a.latex}}{\\left(${b.latex}\\right)^{2}+1}`,
      plain: `(${a.plain})/((${b.plain})**2+1)`,
    })),
    fc
      .tuple(tie("e"), fc.integer({ min: 0, max: 3 }))
      .map(([a, k]) => ({ latex: `\\left(${a.latex}\\right)^{${k}}`, plain: `(${a.plain})^${k}` })),
    tie("e").map((a) => ({ latex: `\\sqrt{\\left(${a.latex}\\right)^2}`, plain: `sqrt((${a.plain})^2)` })),
    tie("e").map((a) => ({ latex: `\\sin\\left(${a.latex}\\right)`, plain: `sin(${a.plain})` })),
  ),
})).e;

describe("compareAnswers properties", () => {
  it("never throws on random strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (response, gold) => {
        const result = compareAnswers(response, gold, options);
        assert.equal(typeof result.equal, "boolean");
        assert.doesNotMatch(result.reason ?? "", /checker error/);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on LaTeX-ish token soups", () => {
    const soup = fc
      .array(fc.constantFrom(...LATEX_TOKENS), { maxLength: 40 })
      .map((tokens) => tokens.join(""));
    fc.assert(
      fc.property(soup, soup, (response, gold) => {
        const result = compareAnswers(response, gold, options);
        assert.equal(typeof result.equal, "boolean");
        if (!result.equal) assert.ok(result.reason);
        // compareAnswers catches everything; an internal error would still be a bug.
        assert.doesNotMatch(result.reason ?? "", /checker error/);
      }),
      { numRuns: 1000 },
    );
  });

  it("finds every expression equal to itself, its plain-text spelling and its canonical rendering", () => {
    fc.assert(
      fc.property(expr, ({ latex, plain }) => {
        const parsed = parseMath(latex);
        assert.ok(parsed.ok, `${latex} should parse`);
        for (const form of [latex, plain, render(parsed.node)]) {
          const result = compareAnswers(form, latex, options);
          assert.equal(result.equal, true, `${form} vs ${latex}: ${result.reason}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds an expression different from itself plus one", () => {
    fc.assert(
      fc.property(expr, ({ latex }) => {
        const result = compareAnswers(`${latex}+1`, latex, options);
        assert.equal(result.equal, false, `${latex}+1 vs ${latex}`);
      }),
      { numRuns: 200 },
    );
  });

  it("never finds random garbage equal to a real gold", () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 40 }).filter((s) => !/[0-9]/.test(s)),
      fc
        .array(fc.constantFrom(...LATEX_TOKENS.filter((t) => !/[0-9]/.test(t))), { maxLength: 30 })
        .map((t) => t.join("")),
    );
    fc.assert(
      fc.property(garbage, (response) => {
        assert.equal(compareAnswers(response, "42", options).equal, false, response);
      }),
      { numRuns: 1000 },
    );
  });
});
