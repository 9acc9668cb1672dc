/** The last `$…$`, `$$…$$`, `\(…\)` or `\[…\]` when it ends the response. */
import { cleanAnswer } from "./clean.ts";
import { isDigit, isEscaped, isSpace } from "./scan.ts";

/**
 * Most text allowed after the environment ("$12$ square units."). A digit or a blank line after it,
 * or more text, means the response went on past it, and the last number is the better guess.
 */
const MAX_TRAILING = 48;
/** Longest environment taken as an answer; no gold is longer. */
const MAX_CONTENT = 10_000;

const OPENERS: Readonly<Record<string, string>> = { $$: "$$", "\\]": "\\[", "\\)": "\\(" };

/** The closing delimiter whose last character is at `i`, if any. */
function closerAt(text: string, i: number): string | null {
  const c = text[i];
  if (c === "$") {
    if (isEscaped(text, i)) return null;
    return i > 0 && text[i - 1] === "$" && !isEscaped(text, i - 1) ? "$$" : "$";
  }
  if ((c === "]" || c === ")") && i > 0 && text[i - 1] === "\\" && !isEscaped(text, i - 1)) return `\\${c}`;
  return null;
}

/** Start of the opener of the inline `$` closing at `close`, or -1 when the pair is not math. */
function inlineDollarOpener(text: string, close: number): number {
  // Pandoc's rule tells `$x$` from currency (`$5 and $6`): no space inside either delimiter.
  if (isSpace(text.charCodeAt(close - 1))) return -1;
  let open = text.lastIndexOf("$", close - 1);
  while (open > 0 && isEscaped(text, open)) open = text.lastIndexOf("$", open - 1);
  if (open < 0 || (open > 0 && text[open - 1] === "$") || isSpace(text.charCodeAt(open + 1))) return -1;
  return open;
}

/** Content of the environment whose closer `closer` starts at `close`. */
function contentBefore(text: string, close: number, closer: string): string | null {
  let inner: number;
  if (closer === "$") {
    const open = inlineDollarOpener(text, close);
    if (open < 0) return null;
    inner = open + 1;
  } else {
    const open = text.lastIndexOf(OPENERS[closer], close - 2);
    if (open < 0) return null;
    inner = open + 2;
  }
  if (close - inner > MAX_CONTENT) return null;
  const content = text.slice(inner, close);
  const inline = closer === "$" || closer === "\\)";
  if (inline && content.includes("\n\n")) return null;
  const answer = cleanAnswer(content);
  return answer === "" ? null : answer;
}

export function lastMathEnvironment(text: string): string | null {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let newline = false;
  let words = false;
  for (let i = end - 1; i >= Math.max(0, end - 1 - MAX_TRAILING); i--) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) return null;
    // A sentence after the environment ("$x$. The search continues.") means the response moved on.
    if ((text[i] === "." || text[i] === "!" || text[i] === "?") && words && isSpace(text.charCodeAt(i + 1)))
      return null;
    if (/[a-zA-Z]/.test(text[i])) words = true;
    if (code === 10) {
      if (newline) return null;
      newline = true;
    } else if (!isSpace(code)) {
      newline = false;
      const closer = closerAt(text, i);
      if (closer !== null) return contentBefore(text, i + 1 - closer.length, closer);
    }
  }
  return null;
}
