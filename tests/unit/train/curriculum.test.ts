import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  curriculum,
  HELD_OUT_ANSWER_PERCENT,
  MAX_LEVEL,
  offByOne,
  splitOf,
  TASK_KINDS,
  targetText,
} from "../../../learner/tasks/curriculum.ts";
import { withWrongAnswers } from "../../../learner/train/sft.ts";
import { checkAnswer } from "../../../shared/checker/check.ts";
import { seededRng } from "../../../shared/random/seeded.ts";

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Solves a problem from its text alone, independently of the generator. */
function solve(text: string): string {
  let m = text.match(/^Compute (\d+)([+*-])(\d+)\.$/);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    return String(m[2] === "+" ? a + b : m[2] === "-" ? a - b : a * b);
  }
  m = text.match(/^Compute (\d+)\*(\d+)\+(\d+)\.$/);
  if (m) return String(Number(m[1]) * Number(m[2]) + Number(m[3]));
  m = text.match(/^Simplify (\d+)\/(\d+)\.$/);
  if (m) {
    const [n, d] = [Number(m[1]), Number(m[2])];
    const g = gcd(n, d);
    return `\\frac{${n / g}}{${d / g}}`;
  }
  m = text.match(/^Solve (\d*)x([+-]\d+)=(-?\d+)\.$/);
  if (m) return String((Number(m[3]) - Number(m[2])) / (m[1] === "" ? 1 : Number(m[1])));
  m = text.match(/^Remainder of (\d+) by (\d+)\?$/);
  if (m) return String(Number(m[1]) % Number(m[2]));
  m = text.match(/^Next: ([\d,]+),\?$/);
  if (m) {
    const t = m[1]!.split(",").map(Number);
    const d = [t[1]! - t[0]!, t[2]! - t[1]!, t[3]! - t[2]!];
    if (d[0] === d[1] && d[1] === d[2]) return String(t[3]! + d[2]!);
    if (t[1]! * t[1]! === t[0]! * t[2]! && t[2]! * t[2]! === t[1]! * t[3]!)
      return String((t[3]! * t[1]!) / t[0]!);
    return String(t[3]! + d[2]! + (d[2]! - d[1]!));
  }
  throw new Error(`unrecognised problem: ${text}`);
}

describe("curriculum", () => {
  const train = curriculum({ split: "train", size: 600, seed: 3 });
  const test = curriculum({ split: "test", size: 200, seed: 3 });

  it("has every kind and level, in prompts a character model can take", () => {
    for (const kind of TASK_KINDS)
      assert.ok(
        train.some((p) => p.kind === kind),
        kind,
      );
    for (let level = 1; level <= MAX_LEVEL; level++) assert.ok(train.some((p) => p.level === level));
    assert.ok(train.every((p) => p.problem.length <= 40 && targetText(p).length <= 48));
  });

  it("gives golds equal to the values solved from the problem text", () => {
    for (const p of [...train, ...test]) assert.equal(p.gold, solve(p.problem), p.problem);
  });

  it("has golds the answer checker accepts, and rejects a wrong answer", () => {
    for (const p of [...train.slice(0, 150), ...test.slice(0, 50)]) {
      assert.ok(checkAnswer({ response: targetText(p), gold: p.gold }).correct, p.problem);
      const wrong = p.kind === "fraction" ? "\\frac{1}{99}" : String(Number(p.gold) + 1);
      assert.ok(!checkAnswer({ response: `\\boxed{${wrong}}`, gold: p.gold }).correct, p.problem);
    }
  });

  it("keeps train and test disjoint, whatever the seeds", () => {
    const other = curriculum({ split: "train", size: 600, seed: 99 });
    const testTexts = new Set(test.map((p) => p.problem));
    for (const p of [...train, ...other]) assert.ok(!testTexts.has(p.problem), p.problem);
    assert.ok(test.every((p) => splitOf(p.problem) === "test"));
    assert.equal(new Set(train.map((p) => p.problem)).size, train.length, "no repeats");
  });

  it("draws the same problems from the same seed, others from another", () => {
    assert.deepEqual(curriculum({ split: "train", size: 600, seed: 3 }), train);
    assert.notDeepEqual(curriculum({ split: "train", size: 600, seed: 4 }), train);
  });

  it("restricts kinds and levels on request", () => {
    const easy = curriculum({ split: "train", size: 100, seed: 1, levels: [1], kinds: ["arithmetic"] });
    assert.ok(easy.every((p) => p.level === 1 && p.kind === "arithmetic"));
  });

  it("makes off-by-one answers the checker rejects, for every kind", () => {
    for (const p of [...train.slice(0, 300), ...test.slice(0, 100)]) {
      const wrong = offByOne(p.gold);
      assert.notEqual(wrong, p.gold);
      assert.ok(
        !checkAnswer({ response: `\\boxed{${wrong}}`, gold: p.gold }).correct,
        `${p.problem} ${wrong}`,
      );
    }
    assert.equal(offByOne("-7"), "-6");
    assert.equal(offByOne("\\frac{2}{3}"), "\\frac{3}{3}");
    assert.throws(() => offByOne("x+1"), /not a curriculum answer/);
  });

  it("gives an unreliable demonstrator's wrong answers in about the share asked, the rest untouched", () => {
    const problems = train.slice(0, 400);
    assert.deepEqual(withWrongAnswers(problems, 0, seededRng(1)), problems);
    const all = withWrongAnswers(problems, 1, seededRng(1));
    assert.ok(
      all.every((p, i) => p.gold === offByOne(problems[i]!.gold) && p.problem === problems[i]!.problem),
    );
    const some = withWrongAnswers(problems, 0.3, seededRng(1));
    const changed = some.filter((p, i) => p.gold !== problems[i]!.gold).length;
    assert.ok(changed > 0.2 * problems.length && changed < 0.4 * problems.length, `${changed} of 400`);
    assert.deepEqual(withWrongAnswers(problems, 0.3, seededRng(1)), some, "seeded");
  });

  describe("the answer split", () => {
    const byKind = (split: "train" | "test", size: number) =>
      TASK_KINDS.map((kind) => curriculum({ split, size, seed: 5, kinds: [kind], splitRule: "answer" }));
    const heldOut = byKind("test", 100);
    const training = byKind("train", 3000);

    it("holds out at least 100 problems per family at levels 1-3", () => {
      for (const [i, kind] of TASK_KINDS.entries()) assert.equal(heldOut[i]!.length, 100, kind);
    });

    it("never trains on a held-out answer where the family splits by answer", () => {
      for (const [i, kind] of TASK_KINDS.entries()) {
        const trainAnswers = new Set(training[i]!.map((p) => p.gold));
        const shared = heldOut[i]!.filter((p) => trainAnswers.has(p.gold)).length;
        if (HELD_OUT_ANSWER_PERCENT[kind] === undefined) {
          assert.ok(shared > 0, `${kind} splits by problem text: its answers recur`);
          assert.ok(heldOut[i]!.every((p) => splitOf(p.problem) === "test"));
        } else assert.equal(shared, 0, `${kind}: ${shared} held-out answers occur in training`);
      }
    });

    it("keeps problem texts disjoint as well", () => {
      for (const [i, kind] of TASK_KINDS.entries()) {
        const texts = new Set(training[i]!.map((p) => p.problem));
        assert.ok(!heldOut[i]!.some((p) => texts.has(p.problem)), kind);
      }
    });
  });
});
