/** The answer that follows a phrase such as "The answer is": the rest of its sentence or line. */
import { isSpace } from "./scan.ts";

/** A clause longer than this is prose that happens to follow the phrase, not an answer. */
const MAX_CLAUSE = 4096;

/** "i.e." and "e.g." end no clause: "Answer: $\frac34$ (i.e. 0.75)". */
const ABBREVIATION = /(?:^|[^a-zA-Z])(?:i\.\s?e|e\.\s?g)$/i;

/** Which math environment the scan is inside. */
const NONE = 0;
const DOLLAR = 1;
const DOUBLE_DOLLAR = 2;
const PAREN = 3;
const BRACKET = 4;

/**
 * Bounds `[start, end)` of the clause beginning at `from` (after skipping blanks, `:` and markdown
 * `*`), or null when there is none. It ends at a newline or at `.`/`!`/`?` followed by a space, but
 * never inside math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) or braces, so "is $3.5$." and display math
 * that spans lines stay whole; a blank line ends it regardless.
 */
export function clauseAfter(text: string, from: number): { start: number; end: number } | null {
  let start = from;
  while (
    start < text.length &&
    (isSpace(text.charCodeAt(start)) || text[start] === ":" || text[start] === "*")
  ) {
    start++;
  }
  const limit = Math.min(text.length, start + MAX_CLAUSE);
  let math = NONE;
  let depth = 0;
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === "\\") {
      const next = text[i + 1];
      if (math === NONE && (next === "(" || next === "[")) math = next === "(" ? PAREN : BRACKET;
      else if ((math === PAREN && next === ")") || (math === BRACKET && next === "]")) math = NONE;
      i++;
    } else if (c === "$") {
      const double = text[i + 1] === "$";
      if (math === NONE) {
        math = double ? DOUBLE_DOLLAR : DOLLAR;
        if (double) i++;
      } else if (math === DOLLAR) math = NONE;
      else if (math === DOUBLE_DOLLAR && double) {
        math = NONE;
        i++;
      }
    } else if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === "\n") {
      if (text[i + 1] === "\n" || (math === NONE && depth === 0) || math === DOLLAR) {
        return start < i ? { start, end: i } : null;
      }
    } else if ((c === "." || c === "!" || c === "?") && math === NONE && depth === 0) {
      if (
        (i + 1 === text.length || isSpace(text.charCodeAt(i + 1))) &&
        !ABBREVIATION.test(text.slice(Math.max(0, i - 4), i))
      ) {
        // An ellipsis ending the clause stays whole; the answer's cleaning decides what it means.
        const end = c === "." && text.startsWith("...", i - 2) ? i + 1 : i;
        return start < i ? { start, end } : null;
      }
    }
  }
  if (limit < text.length) return null;
  return start < limit ? { start, end: limit } : null;
}
