/**
 * String-level LaTeX normalisation: removes what never changes the value (delimiters, spacing,
 * sizing, display styles, units, thousands separators) and unifies spellings, so that the parser
 * sees one dialect and identical answers are caught by a string comparison.
 */

const UNICODE: [RegExp, string][] = [
  [/[−–]/g, "-"],
  [/×/g, "\\times "],
  [/[·⋅]/g, "\\cdot "],
  [/÷/g, "/"],
  [/π/g, "\\pi "],
  [/∞/g, "\\infty "],
  [/√/g, "\\sqrt"],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/∪/g, "\\cup "],
  [/±/g, "\\pm "],
  [/∓/g, "\\mp "],
  [/∈/g, "\\in "],
  [/[\u00a0\u2009\u202f]/g, " "],
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

const TEXT_COMMANDS = "text|textrm|textnormal|mbox|mathrm|textbf|textit|mathbf|mathit|mathsf|texttt|hbox";

/** Removes `\text{…}` units that follow a quantity, with their exponents (`\mbox{ inches}^2`). */
function stripUnitText(s: string): string {
  const unit = new RegExp(
    `\\\\(?:${TEXT_COMMANDS})\\s*\\{\\s*([^{}]*)\\}(\\s*\\^\\s*(\\{[^{}]*\\}|-?\\d))?`,
    "g",
  );
  return s.replace(unit, (whole, content: string, _exp, _e, offset: number) => {
    const before = s.slice(0, offset).trimEnd();
    if (before === "" || !/[\d}.)°%a-zA-Z]$/.test(before)) return whole;
    const words = content.trim();
    if (/^degrees?$/i.test(words)) return "°";
    if (words === "" || /^[a-zA-Z][a-zA-Z .\-/]*$/.test(words)) return " ";
    return whole;
  });
}

/** Removes plain-text unit words after a number at the end: `4.4677 \times 10^{14} Hz`, `5 cm`. */
function stripTrailingUnitWords(s: string): string {
  const m = /([\d}])((?:\s*[a-zA-Z]{2,}(?:\^\{?-?\d+\}?)?)+)\s*$/.exec(s);
  if (!m) return s;
  const words = m[2].match(/[a-zA-Z]{2,}/g) ?? [];
  if (words.some((w) => MATH_WORDS.has(w.toLowerCase()))) return s;
  if (/^\s*[a-zA-Z]/.test(m[2]) && !/\s/.test(m[2][0]) && !/\d/.test(m[1])) return s;
  return s.slice(0, m.index + 1);
}

export function normalizeLatex(input: string): string {
  let s = input;
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  s = s
    .replace(/\$/g, " ")
    .replace(/\\\$/g, " ")
    .replace(/\\\\|\\[[\]()]/g, (m) => (m === "\\\\" ? m : " "))
    .replace(/\\(?:dfrac|tfrac|cfrac)/g, "\\frac")
    .replace(/\\(?:dbinom|tbinom)/g, "\\binom")
    .replace(/\\left\s*\./g, " ")
    .replace(/\\right\s*\./g, " ")
    .replace(
      /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g,
      " ",
    )
    .replace(/\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits)(?![a-zA-Z])/g, " ")
    .replace(/\\(?:qquad|quad|enspace|thinspace)(?![a-zA-Z])/g, " ")
    .replace(/(\d),\s*\\!\s*(?=\d{3}(?!\d))/g, "$1")
    .replace(/\\\\|\\[,;:! ]/g, (m) => (m === "\\\\" ? m : " "))
    .replace(/~/g, " ")
    .replace(/\{,\}/g, "")
    .replace(/\\%/g, "%")
    .replace(/\\(?:degree|circ)(?![a-zA-Z])/g, "\\circ")
    .replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ/g, "°")
    .replace(/°\s*[CF](?![a-zA-Z])/g, "°")
    .replace(/\^\s*\{\s*((?:\\prime\s*)+)\}|\^\s*((?:\\prime\s*))/g, (_m, a?: string, b?: string) =>
      "'".repeat(((a ?? b ?? "").match(/\\prime/g) ?? []).length),
    )
    .replace(/\\prime/g, "'")
    .replace(/\\(?:dots|ldots|cdots|dotsc|dotsb|dotsm|mathellipsis)(?![a-zA-Z])|…/g, "...")
    .replace(/\\(?:leqslant|leq|le)(?![a-zA-Z])/g, "\\le ")
    .replace(/\\(?:geqslant|geq|ge)(?![a-zA-Z])/g, "\\ge ")
    .replace(/\\(?:neq|ne)(?![a-zA-Z])/g, "\\ne ")
    .replace(/\\lt(?![a-zA-Z])/g, "<")
    .replace(/\\gt(?![a-zA-Z])/g, ">");
  s = stripUnitText(s);
  s = s.replace(/\s+/g, " ").trim();
  // A leading "." may start a decimal (.35); a trailing one is sentence punctuation.
  s = s.replace(/^[,;:\s]+|^\.(?!\d)|[,;:\s]+$/g, "");
  if (/[^.]\.$/.test(s)) s = s.slice(0, -1).replace(/[,;:\s]+$/, "");
  s = stripTrailingUnitWords(s).trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  return s;
}

/** A loose rendering for answers that did not parse: text markup unwrapped, no spaces, lower case. */
export function plainText(input: string): string {
  return normalizeLatex(input)
    .replace(new RegExp(`\\\\(?:${TEXT_COMMANDS}|operatorname)\\s*\\{([^{}]*)\\}`, "g"), "$1")
    .replace(/\s/g, "")
    .toLowerCase();
}
