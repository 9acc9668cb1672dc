/** Which part of a response may hold the answer. */

const THINK_CLOSE = "</think>";

/**
 * Answers sit at the end, and no gold is longer than 10,000 characters, so every later search looks
 * only at this many trailing characters of the region. It bounds each search on a multi-megabyte
 * response; an answer followed by more than this much further text is not treated as final.
 */
export const TAIL_CHARS = 32_768;

/** The text after the last `</think>` (or the whole response), cut to its last `TAIL_CHARS`. */
export function answerRegion(
  response: string,
  requireThinkClose: boolean,
): { text: string } | { reason: string } {
  // A forward search fails fast on the common response without the tag; the backward one is slower.
  const close = response.indexOf(THINK_CLOSE) < 0 ? -1 : response.lastIndexOf(THINK_CLOSE);
  if (close < 0 && requireThinkClose) return { reason: "missing </think>" };
  const start = close < 0 ? 0 : close + THINK_CLOSE.length;
  const text = response.slice(Math.max(start, response.length - TAIL_CHARS));
  if (text.trim() === "") return { reason: close < 0 ? "empty response" : "nothing after </think>" };
  return { text };
}
