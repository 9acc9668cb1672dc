/** The letter chosen in a multiple-choice response, when the gold is a letter A–E. */
import { clauseAfter } from "./clause.ts";
import { closingBrace, lastMatch, trimEndOf, trimStartOf } from "./scan.ts";

const CHOICE_PHRASE = /\b(?:answers?|option|choice)[ \t*]*(?:is\b|:)/gi;
/** A letter alone or leading its option's text: "B", "(B)", "(b)", "(B) 42", "B) 42", "B. 42", "B: 42". */
const LEADING_LETTER = /^(?:\(([A-Ea-e])\)|([A-E])(?:$|[).:]))/;
/** After "the answer is" the letter may run on into prose: "The answer is B because …". */
const PHRASE_LETTER = /^(?:(?:option|choice)[ \t]+)?\(?([A-E])(?![A-Za-z0-9])/;
/** A letter ending the response: "… so I pick B", "**(C)**", "(c)" (lower case only in parentheses). */
const FINAL_LETTER = /(?:^|[^A-Za-z\\])\(?([A-E])\)?$|\(([a-e])\)$/;
const GROUP_COMMANDS = ["\\textbf{", "\\text{", "\\mathrm{", "\\mathbf{", "\\boxed{"];
/** Wrappers nest only a few deep in real answers; the bound keeps unwrapping linear. */
const MAX_UNWRAP = 8;

/** Peels `$`, `*`, blanks and a leading `\textbf{…}`-like group off an answer's start. */
function unwrap(text: string): string {
  let s = text;
  for (let round = 0; round < MAX_UNWRAP; round++) {
    const before = s;
    s = trimEndOf(trimStartOf(s, "$*"), "$*.");
    const command = GROUP_COMMANDS.find((c) => s.startsWith(c));
    if (command !== undefined) {
      const close = closingBrace(s, command.length - 1);
      s = s.slice(command.length, close < 0 ? s.length : close);
    }
    if (s === before) break;
  }
  return s;
}

function letterOf(pattern: RegExp, text: string): string | null {
  const match = pattern.exec(unwrap(text));
  return match === null ? null : (match[1] ?? match[2]).toUpperCase();
}

function clauseAfterChoicePhrase(text: string): string | null {
  const phrase = lastMatch(CHOICE_PHRASE, text);
  const clause = phrase === null ? null : clauseAfter(text, phrase.end);
  return clause === null ? null : text.slice(clause.start, clause.end);
}

function letterInBold(text: string): string | null {
  const at = text.lastIndexOf("\\textbf{");
  if (at < 0) return null;
  const close = closingBrace(text, at + "\\textbf".length);
  return close < 0 ? null : letterOf(LEADING_LETTER, text.slice(at + "\\textbf{".length, close));
}

/**
 * The option named as `(X)` in the last line, when that line names only one: a closing line that
 * still weighs several options ("(A) fails, so (C)") is ambiguous.
 */
function onlyOptionInLine(line: string): string | null {
  let letter: string | null = null;
  for (let i = line.indexOf(")"); i >= 0; i = line.indexOf(")", i + 1)) {
    const c = line[i - 1];
    if (i >= 2 && line[i - 2] === "(" && c >= "A" && c <= "E") {
      if (letter !== null && letter !== c) return null;
      letter = c;
    }
  }
  return letter;
}

/** What a multiple-choice response chose: one letter, several (a spray, which earns nothing), or none found. */
export type Choice = { letter: string } | { several: true } | null;

/** `boxed` is the response's final boxed answer, which the caller needs again if no letter is found. */
export function findChoice(text: string, boxed: string[] | null): Choice {
  // Naming several options is no choice ("(A) or (C)", "A, B, C, D").
  if (boxed?.some(namesSeveralOptions)) return { several: true };
  const boxedLetter = boxed?.length === 1 ? letterOf(LEADING_LETTER, boxed[0]) : null;
  if (boxedLetter !== null) return { letter: boxedLetter };
  const clause = clauseAfterChoicePhrase(text);
  if (clause !== null && namesSeveralOptions(clause)) return { several: true };
  const named = (clause === null ? null : letterOf(PHRASE_LETTER, clause)) ?? letterInBold(text);
  if (named !== null) return { letter: named };
  const trimmed = trimEndOf(text, "");
  const line = trimmed.slice(trimmed.lastIndexOf("\n") + 1);
  if (namesSeveralOptions(line)) {
    const only = onlyOptionInLine(line);
    return only === null ? { several: true } : { letter: only };
  }
  // A one-line response that leads with a letter and its option's text: "C. x = 42", "C) 42".
  const leading = trimmed.includes("\n") ? null : LEADING_LETTER.exec(trimStartOf(trimmed, "$*"));
  if (leading) return { letter: (leading[1] ?? leading[2]).toUpperCase() };
  const final = FINAL_LETTER.exec(trimEndOf(line, "$*.}"));
  const letter = (final?.[1] ?? final?.[2]?.toUpperCase()) || onlyOptionInLine(line);
  return letter === null ? null : { letter };
}

/** Standalone option letters (up to J: some tests have ten options); not the A of a word or of `\Alpha`. */
const OPTION_LETTER = /(?<![A-Za-z\\])\(?([A-J])\)?(?![A-Za-z])/g;

/** The pronoun, not option I: "I choose B", "I'm sure it is C". */
const PRONOUN_I = /^(?:\s+[a-z]|')/;

function namesSeveralOptions(text: string): boolean {
  const letters = new Set<string>();
  for (const m of text.matchAll(OPTION_LETTER)) {
    const end = m.index + m[0].length;
    if (m[0] === "I" && PRONOUN_I.test(text.slice(end, end + 2))) continue;
    letters.add(m[1]);
  }
  return letters.size > 1;
}
