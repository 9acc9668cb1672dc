/**
 * Character-level spellings that mean the same answer: digits of other scripts, full-width forms, and
 * LaTeX whose backslashes were doubled by escaping it twice (`\\frac{1}{2}` as the text itself).
 */

/** Zero digits of the scripts whose ten digits are consecutive code points. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0a66, // Gurmukhi
  0x0ae6, // Gujarati
  0x0be6, // Tamil
  0x0c66, // Telugu
  0x0ce6, // Kannada
  0x0d66, // Malayalam
  0x0e50, // Thai
  0xff10, // full-width
];
const NON_ASCII_DIGIT =
  /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0e50-\u0e59\uff01-\uff5e\u3000\u066b\u066c\u060c]/;

/** Arabic decimal and thousands separators, and the Arabic comma. */
const ARABIC_PUNCTUATION: Readonly<Record<string, string>> = { "\u066b": ".", "\u066c": ",", "\u060c": "," };

/** Superscript characters, read as an exponent: `10⁸` is 10^{8}, never 10 (a dropped ⁸ would pay for 10). */
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁺": "+",
  "⁻": "-",
};
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+/g;
const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  "½": "\\frac{1}{2}",
  "⅓": "\\frac{1}{3}",
  "⅔": "\\frac{2}{3}",
  "¼": "\\frac{1}{4}",
  "¾": "\\frac{3}{4}",
  "⅕": "\\frac{1}{5}",
  "⅖": "\\frac{2}{5}",
  "⅗": "\\frac{3}{5}",
  "⅘": "\\frac{4}{5}",
  "⅙": "\\frac{1}{6}",
  "⅚": "\\frac{5}{6}",
  "⅛": "\\frac{1}{8}",
  "⅜": "\\frac{3}{8}",
  "⅝": "\\frac{5}{8}",
  "⅞": "\\frac{7}{8}",
};
const VULGAR_FRACTION = /[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/g;
const SPECIAL_FORMS = /[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⁄]/;

export function asciiForms(text: string): string {
  const forms = SPECIAL_FORMS.test(text)
    ? text
        .replace(SUPERSCRIPT_RUN, (run) => `^{${[...run].map((c) => SUPERSCRIPTS[c]).join("")}}`)
        .replace(VULGAR_FRACTION, (c) => ` ${VULGAR_FRACTIONS[c]}`)
        .replaceAll("⁄", "/")
    : text;
  return scriptDigits(forms);
}

function scriptDigits(text: string): string {
  if (!NON_ASCII_DIGIT.test(text)) return text;
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero !== undefined) out += String.fromCharCode(48 + code - zero);
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ARABIC_PUNCTUATION[c] ?? c;
  }
  return out;
}

/**
 * Two backslashes (and no more) before a math command's name: an escaping artefact in text that is
 * otherwise escaped once (`\\dfrac{1}{2} + \dfrac{1}{72}`), never a line break followed by a word.
 */
const DOUBLED_MATH_COMMAND =
  /(?<!\\)\\\\(?=(?:[dtc]?frac|sqrt|cdot|times|div|pi|infty|boxed|left|right|leq?|geq?|neq?|pm|mp|circ|theta|alpha|beta|gamma|ldots|cdots|dots|cup|cap|mathrm|mathbf|textbf|overline|binom|log|ln|sin|cos|tan)(?![a-zA-Z]))/g;

/**
 * Halves every run of backslashes when the text reads as LaTeX escaped twice: some command is written
 * with two backslashes (`\\frac`) and no run of backslashes has odd length. Text escaped once keeps
 * `\\` as its line break (`a \\ b`), with single backslashes before its commands, so it is left alone.
 */
export function undoubledBackslashes(text: string): string {
  if (!text.includes("\\\\")) return text;
  let doubledCommand = false;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 92) continue;
    let j = i;
    while (j < text.length && text.charCodeAt(j) === 92) j++;
    if ((j - i) % 2 === 1) return text.replace(DOUBLED_MATH_COMMAND, "\\");
    if (j - i === 2 && /[a-zA-Z{}()[\]$%,!;]/.test(text[j] ?? "")) doubledCommand = true;
    i = j - 1;
  }
  return doubledCommand ? text.replace(/\\\\/g, "\\") : text;
}
