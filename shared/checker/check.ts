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
import { asciiForms, undoubledBackslashes } from "./extract/characters.ts";
import { extractAnswer, type Found } from "./extract/index.ts";
import { type Comparison, compareAnswers } from "./math/index.ts";

/** A gold that is an option letter: `B`, `(B)`, `\text{(B)}`, `$\textbf{B}$`. */
const CHOICE_LETTER = /^\$?\s*(?:\\(?:text|textbf|mathrm|mathbf)\s*\{\s*)?\(?([A-E])\)?\s*\}?\s*\$?$/;

/** Gold alternatives as strings: numbers lose a redundant `.0`, lists keep their order. */
export function goldAlternatives(gold: Gold): string[] {
  if (typeof gold === "number") return [Number.isInteger(gold) ? gold.toFixed(0) : String(gold)];
  return (typeof gold === "string" ? [gold] : gold).map(goldAnswer);
}

/**
 * A gold that is itself a worked solution ("… so the answer is \boxed{5}", GSM8K's "…\n#### 72") is
 * read the way a response is.
 */
const SOLUTION_MARK = /\\boxed|\\fbox|answer\s*(?:is|:)|(?:^|\n)[ \t]*####/i;

function goldAnswer(gold: string): string {
  const plain = undoubledBackslashes(asciiForms(gold));
  if (!SOLUTION_MARK.test(plain)) return plain;
  const extraction = extractAnswer(plain, { requireThinkClose: false, choice: false });
  return extraction.found ? extraction.text : plain;
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
  const choice = options.multipleChoice === "auto" && golds.every((g) => CHOICE_LETTER.test(g.trim()));
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
  const answer = oneAnswer(extraction, options);
  const hedge = hedgeReason(answer, options);
  if (hedge !== null) {
    return {
      correct: false,
      status: "ok",
      extracted: answer.text,
      extractedBy: answer.method,
      normalized: { response: null, gold: golds[0] ?? null },
      matchedGold: null,
      method: "none",
      reason: hedge,
    };
  }
  let first: Comparison | undefined;
  for (const [index, gold] of golds.entries()) {
    const comparison = compareAnswers(answer.text, gold, options);
    first ??= comparison;
    if (comparison.equal) {
      return {
        correct: true,
        status: "ok",
        extracted: answer.text,
        extractedBy: answer.method,
        normalized: comparison.normalized,
        matchedGold: index,
        method: comparison.method,
      };
    }
  }
  return {
    correct: false,
    status: "ok",
    extracted: answer.text,
    extractedBy: answer.method,
    normalized: first?.normalized ?? { response: null, gold: null },
    matchedGold: null,
    method: first?.method ?? "none",
    reason: first?.reason ?? "the answer does not match the gold",
  };
}

/** Why the response commits to more than one answer, or null: each rival must equal the final answer or one of its parts. */
function hedgeReason(extraction: Found, options: GradeOptions): string | null {
  const finals = [extraction.text, ...(extraction.parts ?? [])];
  for (const rival of extraction.rivals ?? []) {
    if (!finals.some((final) => compareAnswers(rival, final, options).equal)) {
      return `hedge: the response also states ${clip(rival)}, which differs from its final answer ${clip(extraction.text)}`;
    }
  }
  return null;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Boxes of one set that all state the same value (`\boxed{\frac18} = \boxed{0.125}`) are one answer. */
function oneAnswer(extraction: Found, options: GradeOptions): Found {
  const parts = extraction.parts;
  if (parts === undefined || !parts.every((part) => compareAnswers(part, parts[0], options).equal))
    return extraction;
  const { parts: _, ...single } = extraction;
  return { ...single, text: parts[0] };
}
