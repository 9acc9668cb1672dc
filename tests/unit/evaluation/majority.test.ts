import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer } from "../../../shared/checker/check.ts";
import type { Verdict } from "../../../shared/contracts/grading.ts";
import { type EquivalenceCheck, majorityVotes } from "../../../shared/evaluation/majority.ts";

const checkerEquivalence: EquivalenceCheck = async (pairs) =>
  pairs.map(({ a, b }) => checkAnswer({ response: `\\boxed{${a}}`, gold: b }).correct);

const verdictsFor = (gold: string, answers: (string | null)[]): Verdict[] =>
  answers.map((a) => checkAnswer({ response: a === null ? "" : `\\boxed{${a}}`, gold }));

describe("maj@k", () => {
  it("lets equivalent wrong answers vote together (\\frac12 and 0.5)", async () => {
    const gold = "\\frac{1}{3}";
    const verdicts = verdictsFor(gold, [
      "1/3",
      "\\frac12",
      "\\frac{1}{3}",
      "0.5",
      "\\frac12",
      "\\dfrac13",
      "0.5",
    ]);
    assert.equal(verdicts.filter((v) => v.correct).length, 3, "three samples are right");
    // Split by spelling, no wrong answer has more than two votes; merged, 1/2 has four.
    const [majority] = await majorityVotes([verdicts], checkerEquivalence);
    assert.equal(majority, false);
    const literal: EquivalenceCheck = async (pairs) => pairs.map(({ a, b }) => a === b);
    const [spellingOnly] = await majorityVotes([verdicts], literal);
    assert.equal(spellingOnly, true);
  });

  it("counts the correct class as one even when spelled differently", async () => {
    const verdicts = verdictsFor("\\frac{1}{2}", ["0.5", "1/2", "\\frac{1}{2}", "7", "7", "8"]);
    let compared = 0;
    const counting: EquivalenceCheck = async (pairs) => {
      compared += pairs.length;
      return checkerEquivalence(pairs);
    };
    assert.deepEqual(await majorityVotes([verdicts], counting), [true]);
    assert.ok(compared > 0, "7 and 8 had to be compared: together they could tie the correct class");
  });

  it("skips comparisons when the correct answers already outnumber every wrong one", async () => {
    const verdicts = verdictsFor("4", ["4", "4", "4", "5", "6"]);
    const refusing: EquivalenceCheck = async () => {
      throw new Error("no comparison should be needed");
    };
    assert.deepEqual(await majorityVotes([verdicts], refusing), [true]);
  });

  it("breaks ties by the earliest vote and ignores samples without an answer", async () => {
    const first = verdictsFor("4", ["4", "5", null, null, null]);
    const second = verdictsFor("4", ["5", "4", null]);
    assert.deepEqual(await majorityVotes([first, second], checkerEquivalence), [true, false]);
    assert.deepEqual(await majorityVotes([verdictsFor("4", [null, null])], checkerEquivalence), [false]);
  });
});
