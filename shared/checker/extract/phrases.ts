/** Answers announced in words: "Final Answer: …", "The final answer is …", "The answer is …". */
import { boxedFound, findBoxed } from "./boxed.ts";
import { clauseAfter } from "./clause.ts";
import { cleanAnswer } from "./clean.ts";
import { lastMatch } from "./scan.ts";
import type { Found } from "./types.ts";

// Markdown bold may sit between the words and the colon ("**Final Answer:**", "**Final Answer**:"). A
// "Final Answer" without a colon counts only as a heading on its own line ("## Final Answer"), not in
// prose ("… the final answer\nusing …"). Single-character classes and fixed alternatives only.
const FINAL_ANSWER =
  /\bfinal[ \t]+answers?[ \t*]*(?:is\b|are\b|:)|(?:^|\n)[ \t#*]*final[ \t]+answers?[ \t*]*(?=\r?\n)/gi;
const ANSWER = /\banswers?[ \t*]*(?:is\b|are\b|:)/gi;
/**
 * Where a justification starts after the answer: "12, since …", "$5$, which …", "7 because …". Lists
 * ("2, 3", "x = 1, y = 2") have no such word. One whitespace character before "because"/"since", as a
 * `\s+` there would retry along every long run of spaces.
 */
const JUSTIFICATION = /,\s*(?:which|since|because|so|where|hence|thus|therefore)\b|\s(?:because|since)\b/i;

/**
 * The answer after the last match of `pattern`: the boxed content when its clause holds a box (as in
 * "The final answer is $\boxed{5}$"), else the clause up to any justification that follows it.
 */
function phraseAnswer(pattern: RegExp, text: string, method: "final-answer" | "answer-phrase"): Found | null {
  const phrase = lastMatch(pattern, text);
  if (phrase === null) return null;
  const clause = clauseAfter(text, phrase.end);
  // The final-answer step runs before the box step, but a box after the phrase's sentence is a later
  // answer ("Final answer: let me check … \boxed{5}"), so the box step decides.
  if (clause === null || (method === "final-answer" && boxFollows(text, clause.end))) return null;
  const boxed = findBoxed(text, clause.start, clause.end);
  if (boxed !== null) return boxedFound(boxed, method);
  const words = text.slice(clause.start, clause.end);
  const justification = words.search(JUSTIFICATION);
  const answer = cleanAnswer(justification < 0 ? words : words.slice(0, justification));
  return answer === "" ? null : { found: true, text: answer, method };
}

function boxFollows(text: string, from: number): boolean {
  return text.indexOf("\\boxed", from) >= 0 || text.indexOf("\\fbox", from) >= 0;
}

export function finalAnswerPhrase(text: string): Found | null {
  return phraseAnswer(FINAL_ANSWER, text, "final-answer");
}

export function answerPhrase(text: string): Found | null {
  return phraseAnswer(ANSWER, text, "answer-phrase");
}
