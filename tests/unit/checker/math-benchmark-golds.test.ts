/**
 * Every gold answer of the six benchmarks parses and equals itself and rewritten equivalents of
 * itself. Reads ../shared/data (relative to the project root) and skips when it is absent.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { goldAlternatives } from "../../../shared/checker/check.ts";
import { exactValue } from "../../../shared/checker/math/exact.ts";
import { compareAnswers } from "../../../shared/checker/math/index.ts";
import { parseMath } from "../../../shared/checker/math/parse.ts";
import { render } from "../../../shared/checker/math/render.ts";
import { type Gold, resolveOptions } from "../../../shared/contracts/grading.ts";

const DATA = fileURLToPath(new URL("../../../../shared/data/benchmarks/", import.meta.url));
const options = resolveOptions();

function loadGolds(): { source: string; gold: string }[] {
  const golds: { source: string; gold: string }[] = [];
  for (const file of readdirSync(DATA)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    readFileSync(DATA + file, "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (line.trim() === "") return;
        const answer = (JSON.parse(line) as { answer: Gold }).answer;
        for (const gold of goldAlternatives(answer)) golds.push({ source: `${file}:${index + 1}`, gold });
      });
  }
  return golds;
}

/** Spellings of the same answer a model might write instead of the gold's. */
function rewrites(gold: string): string[] {
  const forms = [gold.replace(/\\dfrac/g, "\\frac").replace(/\\frac/g, "\\dfrac"), `  ${gold.trim()}  `];
  forms.push(
    gold.includes("\\left")
      ? gold.replace(/\\left|\\right/g, "")
      : gold.replace(/\(/g, "\\left(").replace(/\)/g, "\\right)"),
  );
  // Spaces around operators, except in thousands separators like 58,500.
  if (!/\d,\\?!?\s*\d{3}/.test(gold)) forms.push(gold.replace(/([+=]|,(?!\\!))/g, " $1 "));
  const parsed = parseMath(gold);
  if (parsed.ok) {
    forms.push(render(parsed.node));
    const value = exactValue(parsed.node);
    if (value?.kind === "q" && value.q.d !== 1n) {
      forms.push(`${value.q.n}/${value.q.d}`, `\\frac{${value.q.n}}{${value.q.d}}`);
    }
    if (value?.kind === "q" && value.q.d === 1n) forms.push(`${value.q.n}.0`);
  }
  return forms;
}

describe("benchmark golds", () => {
  it("each gold parses and equals itself and its rewritten forms", (t) => {
    if (!existsSync(DATA)) {
      t.skip("../shared/data absent: the benchmark golds cannot be checked here");
      return;
    }
    const golds = loadGolds();
    assert.ok(golds.length > 1000, "all six benchmarks are there");
    let structured = 0;
    const failures: string[] = [];
    for (const { source, gold } of golds) {
      const parsed = parseMath(gold);
      if (parsed.ok && parsed.node.t !== "text") structured++;
      for (const form of [gold, ...rewrites(gold)]) {
        const result = compareAnswers(form, gold, options);
        if (!result.equal)
          failures.push(`${source}: ${JSON.stringify(form)} vs ${JSON.stringify(gold)}: ${result.reason}`);
      }
    }
    t.diagnostic(
      `${golds.length} gold alternatives: ${structured} parse into a structured value, ${golds.length - structured} fall back to text`,
    );
    assert.deepEqual(failures, []);
    // Known text golds: names, words, choice letters, and one sentence.
    assert.ok(golds.length - structured <= 12, `${golds.length - structured} golds fall back to text`);
  });
});
