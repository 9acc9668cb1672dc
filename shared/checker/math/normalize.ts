/**
 * String-level LaTeX normalisation: removes what never changes the value (delimiters, spacing,
 * sizing, display styles, units, thousands separators) and unifies spellings, so that the parser
 * sees one dialect and identical answers are caught by a string comparison.
 */
import { COUNTED } from "../extract/words.ts";
import { unitOf, unitPhrase } from "../units/vocabulary.ts";
import { numberWordsAsDigits } from "./number-words.ts";

/** Greek letters as their LaTeX commands (π is read as the constant above). */
const GREEK: Readonly<Record<string, string>> = {
  α: "alpha",
  β: "beta",
  γ: "gamma",
  δ: "delta",
  ε: "epsilon",
  ζ: "zeta",
  η: "eta",
  θ: "theta",
  ι: "iota",
  κ: "kappa",
  λ: "lambda",
  μ: "mu",
  ν: "nu",
  ξ: "xi",
  ρ: "rho",
  σ: "sigma",
  τ: "tau",
  υ: "upsilon",
  φ: "phi",
  χ: "chi",
  ψ: "psi",
  ω: "omega",
  Γ: "Gamma",
  Δ: "Delta",
  Θ: "Theta",
  Λ: "Lambda",
  Ξ: "Xi",
  Π: "Pi",
  Σ: "Sigma",
  Φ: "Phi",
  Ψ: "Psi",
  Ω: "Omega",
};
const GREEK_LETTER = new RegExp(`[${Object.keys(GREEK).join("")}]`, "g");

const UNICODE: [RegExp, string | ((match: string) => string)][] = [
  [/[−–]/g, "-"],
  [/×/g, "\\times "],
  [/[·⋅]/g, "\\cdot "],
  [/÷/g, "/"],
  [/π/g, "\\pi "],
  [/∞/g, "\\infty "],
  // `√51` roots the whole number; `√(x+1)` and `√{x}` take their group.
  [/√\s*(\d+(?:\.\d+)?)/g, "\\sqrt{$1}"],
  [/√/g, "\\sqrt"],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/∪/g, "\\cup "],
  [/±/g, "\\pm "],
  [/∓/g, "\\mp "],
  [/∈/g, "\\in "],
  [/∅/g, "\\emptyset "],
  [/ℝ/g, "\\mathbb{R}"],
  [/[⟨〈]/g, "\\langle "],
  [/[⟩〉]/g, "\\rangle "],
  [/[\u00a0\u2009\u202f]/g, " "],
  [/∛\s*(\d+(?:\.\d+)?)/g, "\\sqrt[3]{$1}"],
  [/∛/g, "\\sqrt[3]"],
  [/∜\s*(\d+(?:\.\d+)?)/g, "\\sqrt[4]{$1}"],
  [/∜/g, "\\sqrt[4]"],
  // Subscript digits name a variable's index: `x₁` is x_1.
  [/[₀-₉]+/g, (run: string) => `_{${[...run].map((c) => c.charCodeAt(0) - 0x2080).join("")}}`],
  [GREEK_LETTER, (c: string) => `\\${GREEK[c]} `],
];

/** Words that are math, never units, when they trail a number. */
const MATH_WORDS = new Set([
  "pi",
  "sqrt",
  "sin",
  "cos",
  "tan",
  "cot",
  "sec",
  "csc",
  "ln",
  "log",
  "exp",
  "or",
  "and",
  "infty",
  "inf",
]);

const TEXT_COMMANDS =
  "text|textrm|textnormal|textsf|mbox|mathrm|textbf|textit|mathbf|mathit|mathsf|texttt|hbox|boldsymbol|bm|emph|textup";

const TEXT_IN_TEXT = new RegExp(
  `\\\\(?:${TEXT_COMMANDS})\\s*\\{\\s*\\\\(?:${TEXT_COMMANDS})\\s*\\{([^{}]*)\\}\\s*\\}`,
  "g",
);
const NUMBER_IN_TEXT = new RegExp(`\\\\(?:${TEXT_COMMANDS})\\s*\\{\\s*(-?\\d[\\d.,]*)\\s*\\}`, "g");

/** `whole.fixed(period)(period)…` as an exact fraction in LaTeX. */
function repeatingDecimal(whole: string, fixed: string, period: string): string {
  const scale = 10n ** BigInt(fixed.length);
  const repeat = 10n ** BigInt(period.length) - 1n;
  const numerator = BigInt(`${whole || "0"}${fixed}`) * repeat + BigInt(period);
  return `\\frac{${numerator}}{${scale * repeat}}`;
}

/** A decimal that goes on, as the whole answer: `0.333...`, `0.1666\ldots`, `3.14159...`. */
const GOING_ON_DECIMAL = /^(-?)(\d*)\.(\d{1,30})\s*\.\.\.$/;

/**
 * A decimal whose digits end in a repeated block (`0.333...`, `0.1666...`, `0.142857142857...`) is
 * that repeating decimal, an exact fraction; any other is the truncated decimal it shows (`3.14159...`).
 */
function goingOnDecimal(sign: string, whole: string, digits: string): string {
  for (let period = 1; period <= 6; period++) {
    const block = digits.slice(-period);
    const repeats = period === 1 ? 3 : 2;
    if (digits.length < period * repeats || !digits.endsWith(block.repeat(repeats))) continue;
    // The block's first repetition: `0.1666` has the fixed part 1 and the block 6.
    let start = digits.length - period * repeats;
    while (start >= period && digits.slice(start - period, start) === block) start -= period;
    return `${sign}${repeatingDecimal(whole, digits.slice(0, start), block)}`;
  }
  return `${sign}${whole || "0"}.${digits}`;
}

/**
 * Removes `\text{…}` units that follow a quantity, with their exponents (`\mbox{ inches}^2`). Only a
 * closed vocabulary may go: every word must be a unit (`\text{ cm}`, `\text{ square units}`) or a
 * thing counted; any other word (`thousand`, `squared`, `or`, `is wrong`) stays, and the answer then
 * differs from a bare gold. `\text{ and }` / `\text{ or }` between values list them.
 */
function stripUnitText(s: string): string {
  const unit = new RegExp(
    `\\\\(?:${TEXT_COMMANDS})\\s*\\{\\s*([^{}]*)\\}(\\s*\\^\\s*(\\{[^{}]*\\}|-?\\d))?`,
    "g",
  );
  return s.replace(unit, (whole, content: string, _exp, _e, offset: number) => {
    const before = s.slice(0, offset).trimEnd();
    const words = content.trim();
    if (/^(?:and|or|,)$/i.test(words) && before !== "") return ", ";
    // A number and its unit in one text: `\text{12 square units}`.
    const numbered = /^(-?\d[\d.,]*)\s+([^\d\s].*)$/.exec(words);
    if (numbered && before === "" && isUnitPhrase(numbered[2])) return numbered[1];
    if (before === "" || !/[\d}.)°%a-zA-Z]$/.test(before)) return whole;
    if (/^degrees?$/i.test(words)) return "°";
    if (words === "" || isUnitPhrase(words)) return " ";
    return whole;
  });
}

/** Every word of `words` is a unit or a counted thing (`cm`, `square units`, `km/h`, `apples`). */
function isUnitPhrase(words: string): boolean {
  if (unitPhrase(words) !== null) return true;
  return words
    .split(/\s+/)
    .every((word) => word === "" || unitOf(word) !== null || COUNTED.has(word.toLowerCase()));
}

/** `[[1, 2], [3, 4]]`, as programs print a matrix: rows of equal length, two or more. */
function nestedListMatrix(s: string): string {
  const m = /^\s*\[((?:\s*\[[^[\]]*\]\s*,)+\s*\[[^[\]]*\])\s*\]\s*$/.exec(s);
  if (!m) return s;
  const rows = [...m[1].matchAll(/\[([^[\]]*)\]/g)].map((row) => row[1].split(",").map((x) => x.trim()));
  if (rows.some((row) => row.length !== rows[0].length || row.includes(""))) return s;
  return `\\begin{pmatrix} ${rows.map((row) => row.join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** `\text{x = 5}`: a whole answer set in text that has no word, only math, is that math. */
function mathSetInText(s: string): string {
  const m = /^\s*\\(?:text|textrm|mbox)\s*\{([^{}\\]*)\}\s*$/.exec(s);
  return m && /[=\d]/.test(m[1]) && !/[a-zA-Z]{2}/.test(m[1]) ? m[1] : s;
}

const AND = /\\(?:text|mathrm)\s*\{\s*and\s*\}|\band\b|\\(?:land|wedge)(?![a-zA-Z])/g;
/** One bound on a variable, the text trimmed: `x > -2`, `x \le \frac{1}{2}`. */
const BOUND = /^([a-zA-Z])\s*(>|\\ge|<|\\le)\s*([^<>=,]+)$/;
const MAX_BOUNDS_CHARS = 200;

/**
 * Two bounds on one variable joined by "and" (`x > -2 \text{ and } x < 3`, `x < 3 \land x \ge 0`) are
 * the interval between them, written as a chain (`-2 < x < 3`); "and" elsewhere lists values.
 */
function boundsJoinedByAnd(s: string): string {
  if (s.length > MAX_BOUNDS_CHARS) return s;
  const joins = [...s.matchAll(AND)];
  if (joins.length !== 1) return s;
  const join = joins[0];
  const side = (text: string) => BOUND.exec(text.trim().replace(/,$/, "").trim());
  const first = side(s.slice(0, join.index));
  const second = side(s.slice(join.index + join[0].length));
  if (!first || !second || first[1] !== second[1]) return s;
  const below = (op: string) => op === ">" || op === "\\ge";
  if (below(first[2]) === below(second[2])) return s;
  const [low, high] = below(first[2]) ? [first, second] : [second, first];
  const strict = (op: string) => (op === ">" || op === "<" ? "<" : "\\le");
  return `${low[3].trim()} ${strict(low[2])} ${low[1]} ${strict(high[2])} ${high[3].trim()}`;
}

/** Removes plain-text unit words after a number at the end: `4.4677 \times 10^{14} Hz`, `5 cm`. */
/** A plain number and a one-letter unit symbol, possibly with an exponent: `1,000.99 m^{2}`, `9.8 N`. */
const NUMBER_AND_SYMBOL = /^(-?[\d.,]*\d) ([a-zA-Z])(?:\^\{?-?\d\}?)?$/;

function stripTrailingUnitWords(s: string): string {
  const symbol = NUMBER_AND_SYMBOL.exec(s);
  if (symbol && unitOf(symbol[2]) !== null) return symbol[1];
  // A backward walk over the trailing words (each with an optional exponent): a regex with a repeated
  // group of letter runs here backtracks exponentially on a long run of letters (`1aaa…a!`).
  const words: string[] = [];
  let i = s.length;
  while (i > 0 && s[i - 1] === " ") i--;
  let wordsStart = i;
  while (i > 0 && words.length <= MAX_UNIT_WORDS) {
    const exponent = TRAILING_EXPONENT.exec(s.slice(Math.max(0, i - 8), i));
    const end = exponent ? i - exponent[0].length : i;
    let start = end;
    while (start > 0 && isLatinLetter(s.charCodeAt(start - 1))) start--;
    if (end - start < 2) break;
    words.unshift(s.slice(start, end));
    wordsStart = start;
    i = start;
    while (i > 0 && s[i - 1] === " ") i--;
  }
  if (words.length === 0 || words.length > MAX_UNIT_WORDS || i === 0) return s;
  const before = s[i - 1];
  if (!/[\d}]/.test(before)) return s;
  if (words.some((w) => MATH_WORDS.has(w.toLowerCase()))) return s;
  // `x^2\mathrm{cm}`-like runs glued to a brace are variables, not units; after a digit they are units (`5cm`).
  if (before === "}" && wordsStart === i) return s;
  if (!isUnitPhrase(words.join(" "))) return s;
  return s.slice(0, i);
}

/** The elements of a list at the top level (`(1, 2), 3` has two), or one element when it is none. */
export function topLevelElements(s: string): string[] {
  const elements: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      elements.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  elements.push(s.slice(start).trim());
  return elements;
}

/**
 * A list whose elements carry units (`3 cm, 4 cm`) is the list of the amounts; whether the two sides'
 * units agree is the quantity comparison's question.
 */
function stripListUnits(s: string): string {
  const elements = topLevelElements(s);
  if (elements.length < 2) return s;
  const stripped = elements.map(stripTrailingUnitWords);
  return stripped.some((element, k) => element !== elements[k]) ? stripped.join(", ") : s;
}

/** Most words a trailing unit phrase has (`kcal m^{-2} yr^{-1}`). */
const MAX_UNIT_WORDS = 6;
const TRAILING_EXPONENT = /\^\{?-?\d+\}?$/;

function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function normalizeLatex(input: string): string {
  let s = input;
  for (const [re, to] of UNICODE) s = typeof to === "string" ? s.replace(re, to) : s.replace(re, to);
  s = s
    .replace(/\$/g, " ")
    .replace(/\\\$/g, " ")
    .replace(/\\\\|\\[[\]()]/g, (m) => (m === "\\\\" ? m : " "))
    // A box inside an answer is its content: `\boxed{\boxed{5} + 1}` reads as 5 + 1.
    .replace(/\\(?:boxed|fbox)(?![a-zA-Z])/g, "")
    // Text styles nested in text are one text (`\text{\textbf{east}}`), and a number set in text type
    // is that number (`\boxed{\text{82}}`, `\mathbf{46}`).
    .replace(TEXT_IN_TEXT, "\\text{$1}")
    .replace(/\\text\s*\{\s*\{([^{}]*)\}\s*\}/g, "\\text{$1}")
    // A label that opens the answer says nothing: `\boxed{\text{Answer: } 7}`, `\boxed{Final answer: 7}`.
    .replace(
      /^\s*(?:\\(?:text|textbf|mathrm)\s*\{\s*(?:the\s+)?(?:final\s+)?answer\s*(?:is\s*)?:?\s*\}|(?:the\s+)?(?:final\s+)?answer\s*(?:is\s*)?:)\s*(?=\S)/i,
      "",
    )
    // An option's label before its value says which option, not what the value is: `\textbf{(C) }14`.
    .replace(
      /^\s*(?:\\(?:textbf|text|mathbf|mathrm)\s*\{\s*\([A-E]\)\s*\}|\([A-E]\))\s*(?:\\[ ,;:!]|~|\\quad|\s)*(?=[^\s)])/,
      "",
    )
    .replace(NUMBER_IN_TEXT, "$1")
    // `3.\overline{6}` is the repeating decimal 3.666…, an exact fraction.
    .replace(
      /(?<!\d)(\d*)\.(\d*)\\overline\s*\{(\d{1,12})\}/g,
      (_m, whole: string, fixed: string, period: string) => repeatingDecimal(whole, fixed, period),
    )
    .replace(/\\colon(?![a-zA-Z])/g, ":")
    .replace(/\\text\s*\{\s*(?:percent(?:age)?|pct)\s*\}|(?<=\d)\s*(?:percent(?:age)?|pct)\b/gi, "%")
    // Colour is decoration once vanishing colours are gone (extract/visible.ts): `\color{red}42` is 42.
    .replace(/\\textcolor\s*\{[^{}]{0,40}\}/g, "")
    .replace(/\\color\s*\{[^{}]{0,40}\}/g, "")
    .replace(/[€£¥₹₽]/g, " ")
    .replace(/\\(?:dfrac|tfrac|cfrac)/g, "\\frac")
    // Plain TeX's infix forms: `{1 \over 2}`, `{n \choose k}`.
    .replace(
      /\{([^{}]*)\\(over|choose)(?![a-zA-Z])([^{}]*)\}/g,
      (_m, top: string, op: string, bottom: string) =>
        op === "over" ? `\\frac{${top}}{${bottom}}` : `\\binom{${top}}{${bottom}}`,
    )
    // A full stop set in text ends the sentence: `7\text{.}`.
    .replace(/\\(?:text|mathrm)\s*\{\s*\.\s*\}\s*$/, "")
    .replace(/\\(?:dbinom|tbinom)/g, "\\binom")
    .replace(/\\left\s*\./g, " ")
    .replace(/\\right\s*\./g, " ")
    .replace(
      /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g,
      " ",
    )
    .replace(
      /\\(?:displaystyle|textstyle|scriptstyle|scriptscriptstyle|limits|nolimits|tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)(?![a-zA-Z])/g,
      " ",
    )
    // A brace's label is commentary (`\underbrace{7}_{\text{total}}`); a link's text is what shows.
    .replace(/\\(?:underbrace|overbrace)\s*(\{[^{}]*\})\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\S)/g, "$1")
    .replace(/\\href\s*\{[^{}]*\}/g, "")
    .replace(/\^\s*\{\s*\}/g, "")
    .replace(/\\(?:qquad|quad|enspace|thinspace)(?![a-zA-Z])/g, " ")
    // A whole number grouped with `,\!` in groups of two (Indian style: `56,\!01,\!78,\!95,\!760`).
    .replace(/^\s*\d{1,3}(?:,\s*\\!\s*\d{2,3})+\s*$/, (m) => m.replace(/[,\\!\s]/g, ""))
    .replace(/(\d),\s*\\!\s*(?=\d{3}(?!\d))/g, "$1")
    .replace(/\\\\|\\[,;:! ]/g, (m) => (m === "\\\\" ? m : " "))
    .replace(/~/g, " ")
    // LaTeX's `{,}` is a thousands separator before three digits (`1{,}000`) and a decimal comma otherwise (`3{,}5`).
    .replace(/\{,\}(?=\d{3}(?!\d))/g, "")
    .replace(/(\d)\{,\}(?=\d)/g, "$1.")
    .replace(/\{,\}/g, "")
    .replace(/\\%/g, "%")
    .replace(/\\(?:degree|circ)(?![a-zA-Z])/g, "\\circ")
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ/g, "°")
    .replace(/°\s*(?:[CF](?![a-zA-Z])|\\(?:text|mathrm|textrm)\s*\{\s*[CF]\s*\})/g, "°")
    .replace(/\^\s*\{\s*((?:\\prime\s*)+)\}|\^\s*((?:\\prime\s*))/g, (_m, a?: string, b?: string) =>
      "'".repeat(((a ?? b ?? "").match(/\\prime/g) ?? []).length),
    )
    .replace(/\\prime/g, "'")
    .replace(/\\(?:dots|ldots|cdots|dotsc|dotsb|dotsm|mathellipsis)(?![a-zA-Z])|…/g, "...")
    .replace(/\\(?:leqslant|leq|le)(?![a-zA-Z])/g, "\\le ")
    .replace(/\\(?:geqslant|geq|ge)(?![a-zA-Z])/g, "\\ge ")
    .replace(/\\(?:neq|ne)(?![a-zA-Z])|\\not\s*=/g, "\\ne ")
    .replace(/\\lt(?![a-zA-Z])/g, "<")
    .replace(/\\gt(?![a-zA-Z])/g, ">")
    // The empty set has one value however it is spelt.
    .replace(/\\(?:emptyset|varnothing)(?![a-zA-Z])|\\\{\s*\\\}/g, "\\{\\}")
    // Set-builder notation with a bar reads like the one with a colon: `\{x \mid x > 3\}`.
    .replace(/\\\{\s*([a-zA-Z])\s*(?:\\mid|\|)/g, "\\{$1 :")
    // ℝ without one point: `\mathbb{R} \setminus \{3\}`.
    .replace(
      /^\s*\\mathbb\s*\{?\s*R\s*\}?\s*\\(?:setminus|backslash)\s*\\\{\s*([^{}\\,]+?)\s*\\\}\s*$/,
      "(-\\infty, $1) \\cup ($1, \\infty)",
    )
    // A vector in angle brackets is the tuple of its components.
    .replace(/\\langle(?![a-zA-Z])/g, "(")
    .replace(/\\rangle(?![a-zA-Z])/g, ")")
    // `f^{-1}(x) = …` names the inverse function: a label, like `f(x) =`, not f to the power −1.
    .replace(/^\s*([a-zA-Z])\s*\^\s*\{\s*-\s*1\s*\}\s*(?=\([^()=]*\)\s*=)/, "$1_{inverse}")
    // `\frac{dy}{dx} = …` names the derivative: a label, like `y' =`, not the quotient d·y / (d·x).
    .replace(/^\s*\\frac\s*\{\s*d\s*([a-zA-Z])\s*\}\s*\{\s*d\s*([a-zA-Z])\s*\}\s*(?==)/, "$1'")
    // A text minus sign is a minus sign: `\text{-}5`.
    .replace(/\\text\s*\{\s*-\s*\}/g, "-")
    // "x is real" says nothing before a condition on x: `x \in \mathbb{R}, x \ne 3`.
    .replace(/^\s*([a-zA-Z])\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*,\s*(?=\1(?![a-zA-Z]))/, "");
  s = nestedListMatrix(mathSetInText(s));
  s = boundsJoinedByAnd(s);
  s = stripUnitText(s).replace(/,(?:\s*,)+/g, ",");
  // A plain "and" in a list of numbers lists them: `19, 46, and 82`, `3 and 5`.
  s = s.replace(/(?<=\d)\s*(?:,\s*)?\band\s+(?=-?\d)/g, ", ");
  s = s.replace(/\s+/g, " ").trim();
  // A leading "." may start a decimal (.35); a trailing one is sentence punctuation.
  // The lookbehinds make each run of separators one match attempt, not one per character.
  s = s.replace(/^[,;:\s]+|^\.(?!\d)|(?<![,;:\s])[,;:\s]+$/g, "");
  if (/[^.]\.$/.test(s)) s = s.slice(0, -1).replace(/(?<![,;:\s])[,;:\s]+$/, "");
  s = stripListUnits(stripTrailingUnitWords(s).trim());
  s = s.replace(GOING_ON_DECIMAL, (_m, sign: string, whole: string, digits: string) =>
    goingOnDecimal(sign, whole, digits),
  );
  // An answer in number words ("five", "\text{twenty-one}", "5 \text{ thousand}") is the number they name.
  const unwrapped = s.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})\\s*\\{([^{}]*)\\}`, "g"), " $1 ");
  const digits = numberWordsAsDigits(unwrapped);
  if (digits !== unwrapped) s = digits;
  if (/^-?(?!0,)\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  // Two or more dots, or apostrophes, between groups of three can only group thousands: `1.000.000`, `1'000'000`.
  if (/^-?\d{1,3}(?:\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, "");
  if (/^-?\d{1,3}(?:'\d{3})+$/.test(s)) s = s.replace(/'/g, "");
  // `0,111` cannot be thousands; written without a space it is a decimal comma, not the list 0, 111.
  s = s.replace(/^(-?)0,(\d{3,})$/, "$10.$2");
  if (REAL_LINE.test(s)) s = "(-\\infty,\\infty)";
  // "No solution", "none", "no real solutions": the empty solution set, however it is said.
  if (NO_SOLUTION.test(s)) s = "\\{\\}";
  // A variable glued to an interval it lies in, the `\in` lost (`t(0,4]`): a half-open or closed
  // interval cannot be a function's argument list.
  s = s.replace(/^[a-zA-Z]\s*(\([^()[\]]*\]|\[[^()[\]]*[)\]])$/, "$1");
  // A residue stated with its modulus (`7 \pmod{10}`, `x \equiv 7 \ (\mathrm{mod}\ 10)`) is the residue;
  // `\bmod` stays, being the operation (`17 \bmod 10` is not 17).
  s = s.replace(
    /(?<!\s)\s*(?:\\pmod\s*\{\s*\d+\s*\}|\\pmod\s*\d+|\(\s*(?:\\mod|\\mathrm\s*\{\s*mod\s*\}|mod)\s*\{?\s*\d+\s*\}?\s*\))$/,
    "",
  );
  // An ordinal answer is its number: `4\text{th}`, `2^{nd}`, `21st`.
  s = s.replace(ORDINAL, "$1");
  // A plain-text mixed number: `7 3/4` is 7¾ (a proper fraction after an integer, nothing else).
  const mixed = /^(-?)(\d+) +(\d+)\/(\d+)$/.exec(s);
  if (mixed && BigInt(mixed[3]) < BigInt(mixed[4]))
    s = `${mixed[1]}(${mixed[2]} + \\frac{${mixed[3]}}{${mixed[4]}})`;
  // Thousands separated by spaces (`1 000 000`, `1\,000` once spacing is read): one number.
  s = s.replace(
    /(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d.,])/g,
    (_m, head: string, rest: string) => head + rest.replace(/ /g, ""),
  );
  return s;
}

/** The whole real line as an answer: `\mathbb{R}`, `x \in \mathbb R`, `\text{all real numbers}`. */
const REAL_LINE =
  /^(?:[a-zA-Z]\s*\\in\s*)?(?:\\mathbb\s*\{?\s*R\s*\}?|\\R|(?:\\text\s*\{\s*)?(?:all\s+)?real\s+numbers?(?:\s*\})?|(?:\\text\s*\{\s*)?all\s+reals(?:\s*\})?)$/i;

const NO_SOLUTION =
  /^(?:\\(?:text|textbf|mathrm)\s*\{\s*)?(?:there\s+(?:is|are)\s+)?(?:no\s+(?:real\s+)?(?:solutions?|roots?|values?)|none)\.?(?:\s*\})?$/i;

const ORDINAL =
  /^(\d+)\s*(?:\^\s*)?(?:\{\s*)?(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:st|nd|rd|th)\s*\}?\s*\}?$/;

/** A loose rendering for answers that did not parse: text markup unwrapped, no spaces, lower case. */
export function plainText(input: string): string {
  return normalizeLatex(input)
    .replace(new RegExp(`\\\\(?:${TEXT_COMMANDS}|operatorname)\\s*\\{([^{}]*)\\}`, "g"), "$1")
    .replace(/\s/g, "")
    .toLowerCase();
}
