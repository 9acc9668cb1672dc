/** Which part of a response may hold the answer. */

const THINK_CLOSE = "</think>";

/**
 * Phrases and unmarked answers sit at the end, and no gold is longer than 10,000 characters, so those
 * searches look only at this many trailing characters of the region. Boxes are found anywhere in it:
 * a box followed by any amount of text is still the answer the response committed to.
 */
export const TAIL_CHARS = 32_768;

/**
 * Chat templates' end-of-turn and start-of-turn tokens (ChatML, Llama 3, GPT-2, DeepSeek): a turn ends
 * at the first, and anything after it (`<|im_start|>user …`) is not the response's.
 */
const END_OF_TURN =
  /<\|(?:im_end|im_start|endoftext|eot_id|end_of_text|start_header_id)\|>|<｜end▁of▁sentence｜>/;

/** The text after the last `</think>` (or the whole response), up to the end of the turn. */
export function answerRegion(
  whole: string,
  requireThinkClose: boolean,
): { text: string } | { reason: string } {
  const end = whole.search(END_OF_TURN);
  const response = end < 0 ? whole : whole.slice(0, end);
  // A forward search fails fast on the common response without the tag; the backward one is slower.
  const close = response.indexOf(THINK_CLOSE) < 0 ? -1 : response.lastIndexOf(THINK_CLOSE);
  if (close < 0 && requireThinkClose) return { reason: "missing </think>" };
  const start = close < 0 ? 0 : close + THINK_CLOSE.length;
  const text = start === 0 ? response : response.slice(start);
  if (text.trim() === "") return { reason: close < 0 ? "empty response" : "nothing after </think>" };
  return { text };
}
