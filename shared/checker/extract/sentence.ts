/**
 * The math in a sentence that states an answer ("The final answer is 12 apples", "x = 5 and y = 7",
 * "答案是 12 个"). A sentence is never handed to the math parser whole, where its words would read as a
 * product of letters: its math spans are found, the words around them are checked against closed lists
 * (words.ts, the unit vocabulary), and only when every word may be set aside does the math alone stand
 * for the answer. Otherwise the whole sentence is the answer, compared as text.
 */
import { splitCompound } from "../units/compound.ts";
import { unitOf } from "../units/vocabulary.ts";
import { cleanAnswer, SEQUENCE_CONTINUES } from "./clean.ts";
import { isAsciiLetter, isDigit, isSpace } from "./scan.ts";
import { COUNTED, FILLERS, REFUSAL, RESTATEMENT, UNCERTAIN, VALUE_WORDS } from "./words.ts";

export type SentenceReading =
  /**
   * The math the sentence states: one span, or spans joined by "and"/"or" as a list; `restated` holds
   * the same value said again in another form ("$\frac34$, i.e., 75%"), which must equal it.
   */
  | { kind: "math"; text: string; restated?: string[] }
  /** Words that are part of the answer: the sentence, compared as a whole. */
  | { kind: "prose"; text: string }
  | { kind: "none" };

/** A sentence longer than this is prose, not an answer statement. */
const MAX_SENTENCE = 400;

/** Multi-letter words that are math, not prose. */
const MATH_WORDS = new Set(
  (
    "sqrt cbrt sin cos tan cot sec csc arcsin arccos arctan asin acos atan sinh cosh tanh ln log exp pi " +
    "infinity inf infty alpha beta gamma delta theta lambda mu phi omega sigma tau rho min max gcd lcm mod"
  ).split(" "),
);

/** Words that list answers ("x = 2 or x = 3", "12 and 5"), in the languages the phrases cover. */
const JOINERS = new Set([
  "and",
  "or",
  "et",
  "ou",
  "y",
  "o",
  "und",
  "oder",
  "и",
  "или",
  "和",
  "或",
  "与",
  "及",
  "و",
]);

/** Non-Latin words that change a value: these never count as a unit or counter after a number. */
const FOREIGN_VALUE_WORDS =
  /[千万百亿兆约多少余几或不非]|以上|以下|左右|大约|тысяч|миллион|примерно|около|больше|меньше|не\b|ألف|مليون|حوالي|تقريبا|أكثر|أقل|ليس|हज़ार|हजार|लाख|करोड़|लगभग|नहीं|अधिक|कम/;

/** Math punctuation and symbols a span may contain between its numbers and variables. */
const MATH_CHARS = "+-*/^=<>()[]{}|!%.,:°π√∞×÷·−_'²³≤≥≠±€£¥₹₽";

/** A span that only names the unknown ("x" in "x is 5"), so a later value is the answer. */
const NAME = /^(?:[a-zA-Z]|\\?[a-z]+|[A-Z]{2,12})(?:_\{?\w+\}?)?(?:\([a-zA-Z0-9, ]{1,20}\))?$/;

interface Piece {
  kind: "math" | "word";
  text: string;
  /** Where a math piece starts and ends in the sentence, so merged pieces keep their original spelling. */
  start: number;
  end: number;
}

function isLetterOfAnyScript(c: string): boolean {
  return /\p{L}/u.test(c);
}

/** Splits a sentence into math spans and words, keeping `$…$` and `\(…\)` contents as math. */
function pieces(sentence: string): Piece[] {
  const out: Piece[] = [];
  const pushMath = (start: number, end: number) => {
    const last = out[out.length - 1];
    if (last?.kind === "math") {
      last.end = end;
      last.text = sentence.slice(last.start, end);
    } else out.push({ kind: "math", text: sentence.slice(start, end), start, end });
  };
  const pushWord = (text: string) => out.push({ kind: "word", text, start: 0, end: 0 });
  let i = 0;
  while (i < sentence.length) {
    const c = sentence[i];
    const code = sentence.charCodeAt(i);
    if (isSpace(code) || c === "，" || c === "。" || c === "、") {
      i++;
    } else if (c === "$" || sentence.startsWith("\\(", i) || sentence.startsWith("\\[", i)) {
      const [open, close] =
        c === "$"
          ? sentence[i + 1] === "$"
            ? ["$$", "$$"]
            : ["$", "$"]
          : [sentence.slice(i, i + 2), sentence[i + 1] === "(" ? "\\)" : "\\]"];
      const end = sentence.indexOf(close, i + open.length);
      if (end < 0) {
        i += open.length;
        continue;
      }
      pushMath(i, end + close.length);
      i = end + close.length;
    } else if (c === "\\") {
      let j = i + 1;
      while (j < sentence.length && isAsciiLetter(sentence.charCodeAt(j))) j++;
      const command = sentence.slice(i + 1, j);
      if (command === "text" || command === "mbox" || command === "textbf") {
        // `\text{…}` in a sentence holds words: read them as words.
        const close = sentence[j] === "{" ? sentence.indexOf("}", j) : -1;
        if (close > 0) {
          for (const word of sentence.slice(j + 1, close).split(/\s+/)) if (word) pushWord(word);
          i = close + 1;
          continue;
        }
      }
      pushMath(i, Math.max(j, i + 2));
      i = Math.max(j, i + 2);
    } else if (isDigit(code) || MATH_CHARS.includes(c)) {
      let j = i + 1;
      while (j < sentence.length && (isDigit(sentence.charCodeAt(j)) || MATH_CHARS.includes(sentence[j])))
        j++;
      pushMath(i, j);
      i = j;
    } else if (isLetterOfAnyScript(c)) {
      let j = i + 1;
      // A hyphen joins words ("twenty-one", "peut-être"), not single letters (`q-p` is a difference).
      while (
        j < sentence.length &&
        (isLetterOfAnyScript(sentence[j]) ||
          ((sentence[j] === "'" || sentence[j] === "-") &&
            j - i >= 2 &&
            isLetterOfAnyScript(sentence[j + 1] ?? "")))
      )
        j++;
      const word = sentence.slice(i, j);
      if (isMathWord(word, sentence, i, j)) pushMath(i, j);
      else pushWord(word);
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

/** A single Latin letter next to math (`x = 5`, `2x`) or a math function name is math; other words are words. */
function isMathWord(word: string, sentence: string, start: number, end: number): boolean {
  const lower = word.toLowerCase();
  if (MATH_WORDS.has(lower)) return true;
  if (word.length !== 1 || !isAsciiLetter(word.charCodeAt(0))) return false;
  const before = sentence.slice(Math.max(0, start - 2), start).trim();
  const after = sentence.slice(end, end + 2).trim();
  const mathNeighbour = (s: string) =>
    s !== "" && (MATH_CHARS.includes(s[0]) || isDigit(s.charCodeAt(0)) || s[0] === "\\" || s[0] === "$");
  if (mathNeighbour(after) || mathNeighbour(before.slice(-1))) return true;
  // A lone `a` or `I` is an article or a pronoun; another lone letter is a variable.
  return lower !== "a" && word !== "I";
}

/**
 * Whether a word may be set aside. Before the math, words introduce it ("The primes are", "所以 x 的值是")
 * and only a word that changes a value ("about", "at least", "not") keeps the sentence whole. After it,
 * only the closed lists may go: fillers, things counted, units, and in other scripts a counter or a
 * noun ("12 个", "5 яблок") that is not itself a value word.
 */
function isSetAside(word: string, afterMath: boolean): boolean {
  const lower = word.toLowerCase();
  if (VALUE_WORDS.has(lower) || (FOREIGN_VALUE_WORDS.test(word) && unitAtStart(word) === null)) return false;
  if (!afterMath || FILLERS.has(lower) || COUNTED.has(lower) || unitOf(word) !== null) return true;
  return !/^[a-zA-Z'-]+$/.test(word);
}

/** "and" that lists nothing ("6 apples and that is all") is a filler; "or" never is ("5 or so"). */
const AND = new Set(["and", "et", "y", "und", "и", "和", "与", "及"]);

/**
 * Reads a sentence that may restate its value ("$\frac34$, i.e., 75%", "12 (that is, a dozen)"): the
 * value before the first restatement is the answer, and the math of each restatement is returned
 * beside it. When the words before a restatement are not math, the sentence is read whole.
 */
export function readSentence(sentence: string): SentenceReading {
  const segments = sentence.length > MAX_SENTENCE ? [sentence] : splitAtRestatements(sentence);
  if (segments.length === 1) return readClause(sentence);
  const head = readClause(segments[0]);
  if (head.kind !== "math") return readClause(sentence);
  const restated = restatedMath(segments.slice(1));
  return restated.length > 0 ? { ...head, restated } : head;
}

/**
 * The values restated after an answer that ends just before `text` ("$, i.e., 75%." after a box), or
 * none when other words come between the answer and the restatement.
 */
export function restatementsAfter(text: string): string[] {
  const segments = splitAtRestatements(text.slice(0, MAX_SENTENCE));
  return segments.length > 1 && /^[\s$)\]}*]*$/.test(segments[0]) ? restatedMath(segments.slice(1)) : [];
}

/** The text before the first restatement word and after each one. */
function splitAtRestatements(sentence: string): string[] {
  const segments: string[] = [];
  let rest = sentence;
  for (
    let m = RESTATEMENT.exec(rest);
    m !== null && segments.length < MAX_RESTATEMENTS;
    m = RESTATEMENT.exec(rest)
  ) {
    segments.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  segments.push(rest);
  return segments;
}

/**
 * The values the restatements give. A restatement starts with its value ("i.e., 75%"); one that starts
 * with words describes the answer instead ("which is the sum of 5 and 7", "i.e. a multiple of 4").
 */
function restatedMath(segments: string[]): string[] {
  return segments
    .map(withoutUnopenedParenthesis)
    .filter((segment) => pieces(segment)[0]?.kind === "math")
    .map(readClause)
    .flatMap((reading) => (reading.kind === "math" ? [reading.text] : []));
}

/** Restatements read in one sentence; a real one has one or two. */
const MAX_RESTATEMENTS = 4;

/** "75%)" closes the parenthesis that "(or" opened. */
function withoutUnopenedParenthesis(segment: string): string {
  const trimmed = segment.trim().replace(/[.,;]+$/, "");
  const opened = trimmed.split("(").length - 1;
  const closed = trimmed.split(")").length - 1;
  return closed > opened && trimmed.endsWith(")") ? trimmed.slice(0, -1) : trimmed;
}

/** One clause without restatements, read as math, prose or nothing. */
function readClause(sentence: string): SentenceReading {
  const text = sentence.trim();
  if (text === "") return { kind: "none" };
  // A question is not an answer ("Answer: 5?"), nor is a statement that hedges in words.
  if (
    text.length > MAX_SENTENCE ||
    text.includes("?") ||
    text.includes("？") ||
    UNCERTAIN.test(text) ||
    REFUSAL.test(text)
  )
    return { kind: "prose", text };
  const parts = pieces(text);
  const compound = compoundQuantity(text, parts);
  if (compound !== null) return { kind: "math", text: compound };
  const spans: string[] = [];
  const units: string[] = [];
  let joined = false;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part.kind === "math") {
      if (joined || spans.length === 0) spans.push(part.text.trim());
      else if (NAME.test(cleanAnswer(spans[spans.length - 1])))
        spans[spans.length - 1] = part.text.trim(); // "x is 5"
      else return { kind: "prose", text }; // "5 to 6": two values with words between
      joined = false;
      continue;
    }
    const lower = part.text.toLowerCase();
    if (JOINERS.has(lower) && spans.length > 0 && parts[k + 1]?.kind === "math") {
      joined = true;
      continue;
    }
    if (AND.has(lower) && spans.length > 0) continue;
    if (!isSetAside(part.text, spans.length > 0)) return { kind: "prose", text };
    const unit = spans.length > 0 ? unitAtStart(part.text) : null;
    if (unit !== null) units.push(unit);
  }
  if (spans.length === 0) return parts.length === 0 ? { kind: "none" } : { kind: "prose", text };
  const math = spans
    .map((s) => cleanAnswer(SEQUENCE_CONTINUES.test(s) ? s : s.replace(/^[,:;]+|^\.(?!\d)|[,.:;]+$/g, "")))
    .filter((s) => s !== "");
  if (math.length === 0) return { kind: "none" };
  const unit = units.length > 0 && math.length === 1 ? ` \\text{ ${units.join(" ")}}` : "";
  return { kind: "math", text: `${math.join(", ")}${unit}` };
}

/**
 * An amount in descending units after the words that introduce it ("The total is 5 feet 4 inches",
 * "4 hours and 30 minutes"): one value, where the word loop would read two, or a list.
 */
function compoundQuantity(text: string, parts: Piece[]): string | null {
  const first = parts.findIndex((part) => part.kind === "math");
  if (first < 0 || parts.filter((part) => part.kind === "math").length < 2) return null;
  if (!parts.slice(0, first).every((part) => isSetAside(part.text, false))) return null;
  const candidate = cleanAnswer(text.slice(parts[first].start));
  return splitCompound(candidate) === null ? null : candidate;
}

/**
 * The unit a word is or begins with: languages written without spaces run the unit into what follows
 * ("3分です", "12厘米长"), so a unit at the start of the word is kept for the unit-aware comparison.
 */
function unitAtStart(word: string): string | null {
  if (unitOf(word) !== null) return word;
  if (/^[a-zA-Z'-]+$/.test(word)) return null;
  for (let length = Math.min(4, word.length - 1); length >= 1; length--) {
    const prefix = word.slice(0, length);
    if (unitOf(prefix) !== null) return prefix;
  }
  return null;
}
