/** Decides whether two answers (LaTeX or plain-text math) are mathematically equal. */
import type { GradeOptions, MatchMethod } from "../../contracts/grading.ts";
import { applyNames, type Node, symbols } from "./ast.ts";
import { clockTime, mustBeClockTime, sameClockTime } from "./clock.ts";
import { compareNodes } from "./compare.ts";
import type { Context } from "./context.ts";
import { normalizeLatex, plainText } from "./normalize.ts";
import { MAX_MATH_CHARS, type ParseResult, parseNormalized } from "./parse.ts";
import { compareQuantities } from "./quantities.ts";
import { render } from "./render.ts";

export interface Comparison {
  equal: boolean;
  method: MatchMethod;
  normalized: { response: string | null; gold: string | null };
  reason?: string;
  /** Whether each side parsed into a structured value (false: compared as text). */
  parsed?: { response: boolean; gold: boolean };
}

interface Prepared {
  normalized: string;
  compact: string;
  parsed: ParseResult;
  rendered: string;
}

/** Golds repeat (one per sampled response), so their parse is cached; bounded, oldest out first. */
const GOLD_CACHE_SIZE = 4096;
const goldCache = new Map<string, Prepared>();

function prepare(answer: string): Prepared {
  const normalized = normalizeLatex(
    answer.length > 4 * MAX_MATH_CHARS ? answer.slice(0, 4 * MAX_MATH_CHARS) : answer,
  );
  const parsed = parseNormalized(normalized);
  return {
    normalized,
    compact: normalized.replace(/\s+/g, ""),
    parsed,
    rendered: parsed.ok ? render(parsed.node) : normalized,
  };
}

function prepareGold(gold: string): Prepared {
  const cached = goldCache.get(gold);
  if (cached) {
    goldCache.delete(gold);
    goldCache.set(gold, cached);
    return cached;
  }
  const prepared = prepare(gold);
  goldCache.set(gold, prepared);
  if (goldCache.size > GOLD_CACHE_SIZE) goldCache.delete(goldCache.keys().next().value!);
  return prepared;
}

function context(a: Node, b: Node, options: GradeOptions): Context {
  const plain = symbols(a, symbols(b));
  const applied = applyNames(a, applyNames(b));
  return { options, products: new Set([...applied].filter((name) => plain.has(name))) };
}

/** `3,5` in a single-value answer: a decimal comma, as much of the world writes it (thousands are gone by now). */
const DECIMAL_COMMA = /^-?\d+,(?:\d{1,2}|\d{4,})$/;

/** A number and a letter at the end (`6 m`), which the normaliser sets aside as a unit. */
const NUMBER_AND_LETTER = /(\d)\s+([a-zA-Z])\s*$/;

/**
 * `6 m` against the gold `6m`: where the gold has that letter as a variable, the letter is the
 * variable, not metres. Returns the response with the letter joined to its number, or null.
 */
function asVariableNotUnit(response: string, gold: string): string | null {
  const m = NUMBER_AND_LETTER.exec(response);
  const parsed = prepareGold(gold).parsed;
  if (m === null || !parsed.ok || !symbols(parsed.node).has(m[2])) return null;
  return response.slice(0, m.index) + m[1] + m[2];
}

export function compareAnswers(response: string, gold: string, options: GradeOptions): Comparison {
  try {
    const comparison = compare(response, gold, options);
    if (comparison.equal) return comparison;
    const variable = asVariableNotUnit(response, gold);
    if (variable !== null) return compare(variable, gold, options);
    const plain = normalizeLatex(response);
    if (!DECIMAL_COMMA.test(plain) || prepareGold(gold).parsed.ok === false) return comparison;
    const goldNode = (prepareGold(gold).parsed as { node: Node }).node;
    // Only where it cannot be a list: the gold is one value.
    if (goldNode.t === "list" || goldNode.t === "group" || goldNode.t === "set") return comparison;
    const decimal = compare(plain.replace(",", "."), gold, options);
    return decimal.equal ? decimal : comparison;
  } catch (error) {
    return {
      equal: false,
      method: "none",
      normalized: { response: null, gold: null },
      reason: `checker error: ${String(error)}`,
    };
  }
}

function compare(response: string, gold: string, options: GradeOptions): Comparison {
  const g = prepareGold(gold);
  const r = prepare(response);
  const parsed = { response: r.parsed.ok, gold: g.parsed.ok };
  const normalized = { response: r.rendered, gold: g.rendered };
  // Before the string test: the normaliser sets units aside, so `5 m` and `5 cm` read alike there.
  const goldTime = clockTime(g.normalized);
  if (goldTime !== null && mustBeClockTime(goldTime)) {
    const responseTime = clockTime(r.normalized);
    if (responseTime !== null && sameClockTime(responseTime, goldTime))
      return { equal: true, method: "exact", normalized, parsed };
    const reason =
      responseTime === null ? "gold is a time of day, the response is not" : "different times of day";
    return { equal: false, method: "exact", normalized, parsed, reason };
  }
  const quantities = compareQuantities(response, gold, options);
  if (quantities !== null) return { ...quantities, normalized, parsed };
  if (r.compact === g.compact && r.compact !== "")
    return { equal: true, method: "string", normalized, parsed };
  if (!r.parsed.ok || !g.parsed.ok) {
    const equal = plainText(r.normalized) === plainText(g.normalized) && r.compact !== "";
    if (equal) return { equal, method: "text", normalized, parsed };
    const reason = !r.parsed.ok
      ? `could not parse response: ${r.parsed.error}`
      : `could not parse gold: ${(g.parsed as { error: string }).error}`;
    return { equal, method: "none", normalized, parsed, reason };
  }
  if (r.rendered === g.rendered) return { equal: true, method: "string", normalized, parsed };
  const outcome = compareNodes(r.parsed.node, g.parsed.node, context(r.parsed.node, g.parsed.node, options));
  return { ...outcome, normalized, parsed };
}
