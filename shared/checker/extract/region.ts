/** Which part of a response may hold the answer. */

const THINK_CLOSE = "</think>";

/**
 * Phrases and unmarked answers sit at the end, and no gold is longer than 10,000 characters, so those
 * searches look only at this many trailing characters of the region. Boxes are found anywhere in it:
 * a box followed by any amount of text is still the answer the response committed to.
 */
export const TAIL_CHARS = 32_768;

/**
 * Chat templates' turn tokens (ChatML, Llama 3, GPT-2, DeepSeek). Leading ones (`<|im_start|>assistant`)
 * open the response; the first one after any text ends it, and what follows (`<|im_start|>user …`) is
 * not the response's.
 */
const TURN_TOKEN =
  /<\|(?:im_end|im_start|endoftext|eot_id|end_of_text|start_header_id|end_header_id)\|>|<｜end▁of▁sentence｜>/g;
/** A role name right after a leading start-of-turn token. */
const ROLE = /^\s*(?:assistant|system|user)\s*\n/;

/** The response within its turn: leading turn tokens (and a role line) dropped, cut at the next one. */
function withinTurn(whole: string): string {
  let from = 0;
  TURN_TOKEN.lastIndex = 0;
  for (let m = TURN_TOKEN.exec(whole); m !== null; m = TURN_TOKEN.exec(whole)) {
    if (whole.slice(from, m.index).trim() !== "") return whole.slice(from, m.index);
    from = m.index + m[0].length;
    const role = ROLE.exec(whole.slice(from, from + 40));
    if (role !== null) from += role[0].length;
    TURN_TOKEN.lastIndex = from;
  }
  return from === 0 ? whole : whole.slice(from);
}

/** The text after the last `</think>` (or the whole response), within the response's turn. */
export function answerRegion(
  whole: string,
  requireThinkClose: boolean,
): { text: string } | { reason: string } {
  const response = withinTurn(whole);
  const close = response.indexOf(THINK_CLOSE) < 0 ? -1 : response.lastIndexOf(THINK_CLOSE);
  if (close < 0 && requireThinkClose) return { reason: "missing </think>" };
  const start = close < 0 ? 0 : close + THINK_CLOSE.length;
  const text = start === 0 ? response : response.slice(start);
  if (text.trim() === "") return { reason: close < 0 ? "empty response" : "nothing after </think>" };
  return { text };
}
