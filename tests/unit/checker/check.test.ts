import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer, goldAlternatives } from "../../../shared/checker/check.ts";

describe("checkAnswer", () => {
  it("accepts a boxed answer equal to the gold", () => {
    const verdict = checkAnswer({ response: "so the result is \\boxed{42}.", gold: "42" });
    assert.equal(verdict.correct, true);
    assert.equal(verdict.status, "ok");
    assert.equal(verdict.extracted, "42");
    assert.equal(verdict.matchedGold, 0);
  });

  it("rejects a wrong answer with a reason", () => {
    const verdict = checkAnswer({ response: "\\boxed{41}", gold: 42 });
    assert.equal(verdict.correct, false);
    assert.ok(verdict.reason);
  });

  it("matches any gold alternative and says which", () => {
    const verdict = checkAnswer({ response: "\\boxed{b}", gold: ["a", "b"] });
    assert.equal(verdict.correct, true);
    assert.equal(verdict.matchedGold, 1);
  });

  it("requires </think> when asked to", () => {
    const verdict = checkAnswer({
      response: "\\boxed{42}",
      gold: "42",
      options: { requireThinkClose: true },
    });
    assert.equal(verdict.correct, false);
    assert.match(verdict.reason ?? "", /think/);
  });

  it("renders number golds without a redundant .0", () => {
    assert.deepEqual(goldAlternatives(142.0), ["142"]);
    assert.deepEqual(goldAlternatives(0.5), ["0.5"]);
  });
});
