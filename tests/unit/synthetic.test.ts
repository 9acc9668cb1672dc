import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seededRng } from "../../shared/random/seeded.ts";
import {
  bareGold,
  equivalentForms,
  syntheticResponses,
  wrongForm,
} from "../../shared/synthetic/responses.ts";

describe("seeded random numbers", () => {
  it("repeat for the same seed and differ for another", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRng(seed).next);
    assert.deepEqual(draw(3), draw(3));
    assert.notDeepEqual(draw(3), draw(4));
    for (const x of draw(9)) assert.ok(x >= 0 && x < 1);
  });
});

describe("synthetic responses", () => {
  it("strip the decorations benchmark golds carry", () => {
    assert.equal(bareGold("$\\frac{1}{2 n+2}$"), "\\frac{1}{2 n+2}");
    assert.equal(bareGold("9.6\n"), "9.6");
  });

  it("rewrite integers and fractions into equal forms", () => {
    assert.deepEqual(
      equivalentForms("025").map((f) => f.text),
      ["025", "25.0", "25"],
    );
    assert.ok(equivalentForms("12345").some((f) => f.text === "12,345"));
    const half = equivalentForms("\\frac{1}{2}").map((f) => f.text);
    assert.ok(half.includes("1/2") && half.includes("0.5") && half.includes("\\dfrac{1}{2}"));
    assert.ok(
      !equivalentForms("\\frac{1}{3}").some((f) => f.text.startsWith("0.")),
      "1/3 has no finite decimal",
    );
  });

  it("make wrong forms that differ from the gold", () => {
    const rng = seededRng(1);
    for (const gold of ["42", "0", "\\frac{14}{3}", "2^{1009}", "8.7 \\times 10^{8}"]) {
      const wrong = wrongForm(gold, rng);
      assert.ok(wrong && wrong.text !== bareGold(gold), gold);
    }
    assert.equal(wrongForm("\\text{Evelyn}", rng), null);
  });

  it("label about half of the responses correct, reproducibly", () => {
    const a = syntheticResponses("42", 400, seededRng(5));
    assert.deepEqual(a, syntheticResponses("42", 400, seededRng(5)));
    const correct = a.filter((r) => r.label).length;
    assert.ok(correct > 150 && correct < 250, `${correct} of 400`);
    assert.ok(a.some((r) => r.response.length > 300) && a.some((r) => r.response.length < 10));
  });
});
