/**
 * The answer checker's entry point: one grading request in, one verdict out. Pure and synchronous, so
 * it runs unchanged under Deno and Node and inside pool workers, which enforce the time budget.
 */
import {
  type Gold,
  type GradeOptions,
  type GradeRequest,
  resolveOptions,
  type Verdict,
} from "../contracts/grading.ts";
import { extractAnswer } from "./extract/index.ts";
import { type Comparison, compareAnswers } from "./math/index.ts";

const CHOICE_LETTER = /^\s*\(?([A-E])\)?\s*$/;

/** Gold alternatives as strings: numbers lose a redundant `.0`, lists keep their order. */
export function goldAlternatives(gold: Gold): string[] {
  if (typeof gold === "number") return [Number.isInteger(gold) ? gold.toFixed(0) : String(gold)];
  return typeof gold === "string" ? [gold] : gold;
}

export function checkAnswer(request: GradeRequest): Verdict {
  const started = performance.now();
  try {
    const options = resolveOptions(request.options);
    const verdict = judge(request.response, goldAlternatives(request.gold), options);
    return { ...verdict, elapsedMs: performance.now() - started };
  } catch (error) {
    return failedVerdict("error", `checker error: ${String(error)}`, performance.now() - started);
  }
}

/** The verdict for a check that did not run to completion: never correct. */
export function failedVerdict(status: "timeout" | "error", reason: string, elapsedMs: number): Verdict {
  return {
    correct: false,
    status,
    extracted: null,
    extractedBy: null,
    normalized: { response: null, gold: null },
    matchedGold: null,
    method: "none",
    reason,
    elapsedMs,
  };
}

function judge(response: string, golds: string[], options: GradeOptions): Omit<Verdict, "elapsedMs"> {
  const choice = options.multipleChoice === "auto" && golds.every((g) => CHOICE_LETTER.test(g));
  const extraction = extractAnswer(response, { requireThinkClose: options.requireThinkClose, choice });
  if (!extraction.found) {
    return {
      correct: false,
      status: "ok",
      extracted: null,
      extractedBy: null,
      normalized: { response: null, gold: golds[0] ?? null },
      matchedGold: null,
      method: "none",
      reason: extraction.reason,
    };
  }
  let first: Comparison | undefined;
  for (const [index, gold] of golds.entries()) {
    const comparison = compareAnswers(extraction.text, gold, options);
    first ??= comparison;
    if (comparison.equal) {
      return {
        correct: true,
        status: "ok",
        extracted: extraction.text,
        extractedBy: extraction.method,
        normalized: comparison.normalized,
        matchedGold: index,
        method: comparison.method,
      };
    }
  }
  return {
    correct: false,
    status: "ok",
    extracted: extraction.text,
    extractedBy: extraction.method,
    normalized: first?.normalized ?? { response: null, gold: null },
    matchedGold: null,
    method: first?.method ?? "none",
    reason: first?.reason ?? "the answer does not match the gold",
  };
}
