/**
 * Hard pairs written while hardening the checker (December 2026): rewrites of the six benchmarks'
 * gold formats, other graders' classes, hacks and extraction traps, each with the verdict the policy
 * gives (docs in shared/checker). A pair whose first guess disagreed with a documented policy (a
 * rounded decimal for an exact gold is wrong; `\sqrt{xy}` is not `\sqrt x \sqrt y` on the reals; a
 * gold in another base accepts its digits) carries the policy's verdict; pairs no policy settles
 * (`0^0`, an unevaluated `\sum`) were left out. Every class here also has a named unit test; this file
 * keeps the individual cases from drifting.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { z } from "zod";
import { checkAnswer } from "../../../shared/checker/check.ts";

const PairSchema = z.object({ response: z.string(), gold: z.string(), correct: z.boolean() }).strict();

const pairs = readFileSync(new URL("./hard-pairs.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line, index) => {
    const parsed = PairSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`hard-pairs.jsonl line ${index + 1}: ${parsed.error.message}`);
    return parsed.data;
  });

describe("checkAnswer on the hard pairs", () => {
  it("holds right and wrong answers in both directions", () => {
    assert.ok(pairs.some((p) => p.correct) && pairs.some((p) => !p.correct));
  });

  it("judges every pair as its verdict says", () => {
    const misjudged = pairs
      .map((pair) => ({ pair, verdict: checkAnswer({ response: pair.response, gold: pair.gold }) }))
      .filter(({ pair, verdict }) => verdict.correct !== pair.correct)
      .map(
        ({ pair, verdict }) =>
          `${JSON.stringify(pair.response)} vs ${JSON.stringify(pair.gold)}: ${verdict.reason}`,
      );
    assert.deepEqual(misjudged, [], `${misjudged.length} of ${pairs.length} pairs misjudged`);
  });
});
