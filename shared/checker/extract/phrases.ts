/** Answers announced in words: "Final Answer: …", "The final answer is …", "The answer is …". */
import { finalBoxed, topLevelBoxes } from "./boxed.ts";
import { clauseAfter } from "./clause.ts";
import { cleanAnswer } from "./clean.ts";
import { lastMatch } from "./scan.ts";
import { readSentence, restatementsAfter } from "./sentence.ts";
import { DOUBT, REFUSAL } from "./words.ts";

// Markdown bold may sit between the words and the colon ("**Final Answer:**", "**Final Answer**:"). A
// "Final Answer" without a colon counts only as a heading on its own line ("## Final Answer"), not in
// prose ("… the final answer\nusing …"). Single-character classes and fixed alternatives only.
/** GSM8K's closing line, `#### 72`: a statement of the final answer. */
const HASH_ANSWER = /(?:^|\n)[ \t]*####(?=[ \t]*[-+$\\\d.])/g;
const FINAL_ANSWER = new RegExp(
  `\\bfinal[ \\t]+answers?[ \\t*]*(?:is\\b|are\\b|:)|(?:^|\\n)[ \\t#*]*final[ \\t]+answers?[ \\t*]*(?=\\r?\\n)|${HASH_ANSWER.source}`,
  "gi",
);
const ANSWER = /\banswers?"?[ \t*]*(?:is\b|are\b|:)/gi;
/**
 * "The answer is" in the other languages models answer in; the final-answer forms are included. No `\b`
 * here: JavaScript's word boundary only knows ASCII letters.
 */
const FOREIGN_ANSWER =
  /(?:最终|最後の?)?答案(?:是|为|為|：|:)|答(?:え(?:は|：|:)|：)|解答(?:は|：|:)|정답(?:은|:|：)|답(?:은|:|：)|(?:الإجابة|الجواب)(?: النهائية)?(?: هي| هو|:|：)|(?:अंतिम )?उत्तर(?: है| हैं|:|：)|réponse(?: finale)?[ \t]*(?:est|:)|respuesta(?: final)?[ \t]*(?:es|:)|resposta(?: final)?[ \t]*(?:é|:)|risposta(?: finale)?[ \t]*(?:è|:)|antwort(?:[ \t]*(?:ist|lautet|:)|(?=[ \t]+[-$\\\d]))|ergebnis[ \t]*(?:ist|lautet|:)|(?:окончательный )?ответ[ \t]*(?:равен|будет|—|:|-)|đáp (?:án|số)[ \t]*(?:là|:)|cevap[ \t]*:|jawabannya(?: adalah)?/gi;
/**
 * Where a justification starts after the answer: "12, since …", "$5$, which …", "7 because …". Lists
 * ("2, 3", "x = 1, y = 2") have no such word. One whitespace character before "because"/"since", as a
 * `\s+` there would retry along every long run of spaces.
 */
const JUSTIFICATION =
  /,\s*(?:which(?!\s+(?:is|equals)\b)|since|because|so|where|hence|thus|therefore|not)\b|\s(?:because|since)\b/i;

/** "The answer is not 4 but 5": the value rejected first is not the answer. */
const REJECTED_FIRST = /^\s*not\s+[^,;]{1,40}?[,;]?\s+but\s+/i;

/** An answer stated by a phrase, and where its statement lies in the text. */
export interface PhraseStatement {
  /** The answer; several parts when the phrase's clause holds a set of boxes. */
  parts: string[];
  /** The clause held a box, or the sentence read as math (not prose). */
  math: boolean;
  /** Where the phrase starts, where its answer starts, and where the answer's clause ends. */
  start: number;
  answerStart: number;
  end: number;
  /** Why the statement does not commit to its answer ("Answer: 5?", "I don't know if the answer is 5"). */
  doubt?: string;
  /** The answer said again in another form ("Answer: $\frac34$, i.e., 75%"): each must equal it. */
  restated?: string[];
}

/**
 * The answer after the last match of `pattern` at or after `from`: the boxed content when its clause
 * holds a box (as in "The final answer is $\boxed{5}$"), else the math of the clause up to any
 * justification that follows it, or the clause itself when its words are part of the answer.
 */
function phraseAnswer(pattern: RegExp, text: string, from: number): PhraseStatement | null {
  const phrase = lastMatch(pattern, text, from);
  if (phrase === null) return null;
  const clause = clauseAfter(text, phrase.end);
  if (clause === null) return null;
  const doubt = sentenceDoubt(text, phrase.index, clause.end);
  if (doubt !== null)
    return { parts: [], math: true, start: phrase.index, answerStart: clause.start, end: clause.end, doubt };
  const boxes = topLevelBoxes(text, clause.start, clause.end);
  const boxed = finalBoxed(text, boxes);
  if (boxed !== null) {
    if (boxed.empty !== undefined) return null;
    const restated = restatementsAfter(text.slice(boxes[boxes.length - 1].end, clause.end));
    return {
      parts: boxed.parts,
      math: true,
      start: phrase.index,
      answerStart: clause.start,
      end: clause.end,
      ...(restated.length > 0 ? { restated } : {}),
    };
  }
  const words = withoutUnopenedClosers(text.slice(clause.start, clause.end)).replace(REJECTED_FIRST, "");
  const justification = words.search(JUSTIFICATION);
  const reading = readSentence(cleanAnswer(justification < 0 ? words : words.slice(0, justification)));
  if (reading.kind === "none") return null;
  const answer = cleanAnswer(reading.text);
  return answer === ""
    ? null
    : {
        parts: [answer],
        math: reading.kind === "math",
        start: phrase.index,
        answerStart: clause.start,
        end: clause.end,
        ...(reading.kind === "math" && reading.restated ? { restated: reading.restated } : {}),
      };
}

export function finalAnswerPhrase(text: string, from: number): PhraseStatement | null {
  return phraseAnswer(FINAL_ANSWER, text, from);
}

/** "The answer is …" in English or another language, whichever comes last. */
export function answerPhrase(text: string, from: number): PhraseStatement | null {
  const english = lastMatch(ANSWER, text, from);
  const foreign = lastMatch(FOREIGN_ANSWER, text, from);
  const pattern =
    foreign !== null && (english === null || foreign.index > english.index) ? FOREIGN_ANSWER : ANSWER;
  return phraseAnswer(pattern, text, from);
}

/**
 * Why the sentence around `[from, to)` disowns the answer in it, or null: it declines, doubts, or asks
 * ("Answer: 5?", "Je ne sais pas si la réponse est 5"). Reads back to the sentence start and a little past `to`.
 */
export function sentenceDoubt(text: string, from: number, to: number): string | null {
  let start = from;
  while (start > 0 && start > from - 300 && !/[.!?\n。]/.test(text[start - 1])) start--;
  const after = text.slice(to, to + 60);
  const sentenceEnd = after.search(/[.!\n。]|\?\s|\?$/);
  const sentence = text.slice(start, to) + (sentenceEnd < 0 ? after : after.slice(0, sentenceEnd + 1));
  if (REFUSAL.test(sentence)) return "the response declines to answer";
  if (DOUBT.test(sentence)) return "the response is not sure of its answer";
  return null;
}

/**
 * The math of every answer statement that starts in `[from, to)` ("Answer: 14\nAnswer: 15\n…"), with
 * where each ends; the caller decides which are rivals of the final one.
 */
export function earlierStatements(text: string, from: number, to: number): { answer: string; end: number }[] {
  const statements: { answer: string; end: number }[] = [];
  for (const pattern of [ANSWER, FOREIGN_ANSWER, HASH_ANSWER]) {
    const scan = new RegExp(pattern.source, "gi");
    scan.lastIndex = from;
    for (
      let m = scan.exec(text);
      m !== null && m.index < to && statements.length < MAX_STATEMENTS;
      m = scan.exec(text)
    ) {
      const clause = clauseAfter(text, m.index + m[0].length);
      if (clause === null || clause.end > to) continue;
      const reading = readSentence(text.slice(clause.start, clause.end));
      if (reading.kind === "math") statements.push({ answer: cleanAnswer(reading.text), end: clause.end });
      scan.lastIndex = Math.max(scan.lastIndex, clause.end);
    }
  }
  return statements;
}

/** Earlier statements looked at; enough for any honest response. */
const MAX_STATEMENTS = 16;

/**
 * A clause taken from inside a structure (`{"answer": 42}`) ends with closers it never opened; one
 * after a label set in text (`\textbf{Answer:} 42`) starts with the label's closing brace.
 */
function withoutUnopenedClosers(text: string): string {
  const clause = text.replace(/^\s*\}/, "");
  let end = clause.length;
  const count = (c: string) => clause.slice(0, end).split(c).length - 1;
  while (end > 0 && (clause[end - 1] === "}" || clause[end - 1] === "]" || clause[end - 1] === '"')) {
    const c = clause[end - 1];
    // Intervals mix brackets (`(3, 4]`), so `]` and `)` count against `[` and `(` together.
    const unopened =
      c === '"'
        ? count('"') % 2 === 1
        : c === "}"
          ? count("}") > count("{")
          : count("]") + count(")") > count("[") + count("(");
    if (!unopened) break;
    end--;
  }
  return clause.slice(0, end);
}
