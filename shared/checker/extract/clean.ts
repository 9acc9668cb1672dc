/** Strips what clearly wraps an extracted answer; LaTeX itself is left for the math normaliser. */
import { indexOfUnescaped, isEscaped, isSpace } from "./scan.ts";

const WRAPPERS: ReadonlyArray<readonly [string, string]> = [
  ["$$", "$$"],
  ["$", "$"],
  ["\\(", "\\)"],
  ["\\[", "\\]"],
];
/** Markdown bold; a phrase scan may have consumed its opening half ("is **42**."), so each end goes alone. */
const BOLD = "**";

/** Sentence punctuation after an answer ("is 5.", "$x$,"); an escaped one (`\,` `\;`) is LaTeX spacing. */
const TRAILING_PUNCTUATION = ".,;:";

/** `1, 2, 3, ...` (a sequence) and `0.333...` (a decimal) go on: their dots are not a full stop. */
export const SEQUENCE_CONTINUES = /(?:,\s*|\d\.\d+)(?:\.\.\.|…)$/;

/** Nested wrappers deeper than this are not a real answer's; the bound keeps cleaning linear. */
const MAX_ROUNDS = 8;

export function cleanAnswer(raw: string): string {
  let lo = 0;
  let hi = raw.length;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const width = hi - lo;
    while (lo < hi && isSpace(raw.charCodeAt(lo))) lo++;
    while (hi > lo && isSpace(raw.charCodeAt(hi - 1))) hi--;
    // `1, 2, 3, ...` and `0.333...` go on: their dots are the answer's, not a full stop ("5..." trails off).
    const continued = SEQUENCE_CONTINUES.test(raw.slice(Math.max(lo, hi - 40), hi));
    while (!continued && hi > lo && TRAILING_PUNCTUATION.includes(raw[hi - 1]) && !isEscaped(raw, hi - 1))
      hi--;
    while (hi > lo && isSpace(raw.charCodeAt(hi - 1))) hi--;
    if (raw.startsWith(BOLD, lo)) lo += BOLD.length;
    if (hi - lo >= BOLD.length && raw.endsWith(BOLD, hi)) hi -= BOLD.length;
    // A wrapper is stripped only when it wraps everything: "$1$ and $2$" keeps its dollars.
    for (const [open, close] of WRAPPERS) {
      if (
        hi - lo >= open.length + close.length &&
        raw.startsWith(open, lo) &&
        raw.endsWith(close, hi) &&
        indexOfUnescaped(raw, close, lo + open.length) === hi - close.length
      ) {
        lo += open.length;
        hi -= close.length;
        break;
      }
    }
    if (hi - lo === width) break;
  }
  return raw.slice(lo, hi);
}
