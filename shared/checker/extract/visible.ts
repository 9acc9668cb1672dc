/**
 * What a reader sees once the response is rendered (Markdown with MathJax/KaTeX): text that a renderer
 * hides cannot earn a reward. Removed: HTML comments, LaTeX `%` comments, `\phantom`-like boxes, text
 * coloured to vanish, `\iffalse…\fi`, and invisible characters. Fenced code blocks go too (but for JSON
 * ones): they are shown verbatim as code, so a number printed by a program is not an answer the response
 * states. Every step is one linear pass, and a
 * response without any trigger is returned unchanged after a few `indexOf` calls.
 */
import { braceMatches, CommandScanner, isDigit, isEscaped, isSpace } from "./scan.ts";

/** Zero-width and formatting characters that render as nothing: they must not split or join an answer. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u180e]/g;
const INVISIBLE_TEST = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u180e]/;

/** Colour arguments are names or codes; a longer group is not one. */
const MAX_COLOUR_CHARS = 40;
/** How far back a colour switch looks for the group it sits in. */
const MAX_GROUP_LOOKBACK = 4096;

/** Bidirectional controls: they reorder what is shown, so the characters are not read in stored order. */
const BIDI_TEST = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** A right-to-left override runs to its pop (U+202C), the end of an isolate, or the end of the line. */
const RIGHT_TO_LEFT_OVERRIDE = /\u202e([^\u202c\u2069\n]*)/g;

/** Text in the order a reader sees it: overridden runs reversed, the controls themselves gone. */
function asDisplayed(text: string): string {
  return text
    .replace(RIGHT_TO_LEFT_OVERRIDE, (_m, run: string) => [...run].reverse().join(""))
    .replace(BIDI, "");
}

/** Commands that strike their argument out: what is crossed out is not stated. */
const STRUCK = ["\\cancel", "\\bcancel", "\\xcancel", "\\sout", "\\st", "\\xout"];

/** HTML elements whose content is never shown, or shown struck out. */
const HIDDEN_ELEMENTS = new Set(["template", "script", "style", "del", "s", "strike", "noscript"]);
/** An inline style that hides its element. */
const HIDING_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?(?![.\d])|font-size\s*:\s*0(?![.\d])|(?:^|[;\s"'])color\s*:\s*(?:white|transparent|#f{3}(?:f{3})?\b)/i;
/** An element with the `hidden` attribute, or an old-style `color="white"` (`<font>`). */
const HIDDEN_ATTRIBUTE =
  /\shidden(?:\s|>|=|\/)|\scolor\s*=\s*["']?\s*(?:white|transparent|#f{3}(?:f{3})?\b)/i;

/** Commands whose braced argument takes space but is never drawn. */
const PHANTOMS = ["\\phantom", "\\hphantom", "\\vphantom"];

/** Colour arguments that draw nothing on a page (white on the usual white background, or transparent). */
const VANISHING_COLOUR =
  /^\s*(?:white|transparent|#f{3}(?:f{3})?|#f{8}|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\)|none)\s*$/i;

const JSON_BLOCK = /```json[ \t]*\n([^`]*)```/g;

export function visibleText(response: string): string {
  let text = response;
  if (BIDI_TEST.test(text)) text = asDisplayed(text);
  if (INVISIBLE_TEST.test(text)) text = text.replace(INVISIBLE, "");
  if (text.includes("<!--")) text = withoutDelimited(text, "<!--", "-->");
  // A JSON block is the response's answer format (`{"answer": 42}`), data rather than a program's output.
  if (text.includes("```json")) text = text.replace(JSON_BLOCK, "$1");
  if (text.includes("```")) text = withoutDelimited(text, "```", "```");
  if (text.includes("<")) text = withoutHtml(text);
  if (text.includes("](") || text.includes("://") || text.includes("www.")) text = withoutLinkTargets(text);
  if (text.includes("~~")) text = withoutStrikethrough(text);
  if (text.includes("cancel") || text.includes("\\sout") || text.includes("\\st{") || text.includes("\\xout"))
    text = withoutCommandGroups(text, STRUCK);
  if (text.includes("\\iffalse")) text = withoutDelimited(text, "\\iffalse", "\\fi");
  if (text.includes("\\begin{comment}")) text = withoutDelimited(text, "\\begin{comment}", "\\end{comment}");
  if (text.includes("%")) text = withoutLatexComments(text);
  if (text.includes("phantom")) text = withoutCommandGroups(text, PHANTOMS);
  if (text.includes("color")) text = withoutVanishingColour(text);
  return text;
}

/** Drops every span from `open` to the next `close`; an unclosed span hides the rest of the text. */
function withoutDelimited(text: string, open: string, close: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, from)) {
    out.push(text.slice(from, at));
    const end = text.indexOf(close, at + open.length);
    if (end < 0) return out.join("");
    from = end + close.length;
  }
  out.push(text.slice(from));
  return out.join("");
}

/**
 * An unescaped `%` starts a LaTeX comment that runs to the end of its line, except where it is a
 * percent sign: right after a number (`50%`, `50 %`, `12.5%`), which is how Markdown text writes
 * percentages. After anything else (`\boxed{6} % \boxed{5}`, a line that starts with `%`) it hides the rest of the line.
 */
function withoutLatexComments(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf("%"); at >= 0; at = text.indexOf("%", at + 1)) {
    if (at < from || isEscaped(text, at) || isPercentSign(text, at)) continue;
    out.push(text.slice(from, at));
    const newline = text.indexOf("\n", at);
    if (newline < 0) {
      from = text.length;
      break;
    }
    // TeX also eats the newline and the next line's leading blanks.
    from = newline + 1;
    while (from < text.length && (text[from] === " " || text[from] === "\t")) from++;
    at = from - 1;
  }
  out.push(text.slice(from));
  return out.join("");
}

function isPercentSign(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i >= 0 && isDigit(text.charCodeAt(i));
}

/** Drops `\command{…}` (the command and its whole group) for each listed command. */
function withoutCommandGroups(text: string, commands: string[]): string {
  const matches = braceMatches(text);
  const scanner = new CommandScanner(text, commands);
  const out: string[] = [];
  let from = 0;
  for (let at = scanner.find(0); at !== null; at = scanner.find(Math.max(at.end, from))) {
    const open = skipBlanks(text, at.end);
    const close = text[open] === "{" ? matches[open] : -1;
    if (close < 0) continue;
    out.push(text.slice(from, at.start));
    from = close + 1;
  }
  out.push(text.slice(from));
  return out.join("");
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * `\textcolor{white}{5}` and `\color{white}{5}` draw nothing; `{\color{white} 5}` hides the rest of its
 * group. Other colours are visible, so only the vanishing ones are removed.
 */
function withoutVanishingColour(text: string): string {
  const matches = braceMatches(text);
  const scanner = new CommandScanner(text, ["\\textcolor", "\\color"]);
  const out: string[] = [];
  let from = 0;
  for (let at = scanner.find(0); at !== null; at = scanner.find(Math.max(at.end, from))) {
    const open = skipBlanks(text, at.end);
    const close = text[open] === "{" ? matches[open] : -1;
    if (close < 0 || close - open > MAX_COLOUR_CHARS || !VANISHING_COLOUR.test(text.slice(open + 1, close)))
      continue;
    const next = skipBlanks(text, close + 1);
    const argumentClose = text[next] === "{" ? matches[next] : -1;
    // A colour switch (no argument group) lasts to the end of the enclosing group, or of the text.
    const end = argumentClose >= 0 ? argumentClose + 1 : enclosingGroupEnd(matches, text, at.start);
    out.push(text.slice(from, at.start));
    from = end;
  }
  out.push(text.slice(from));
  return out.join("");
}

/** Index of the `}` that closes the innermost group containing `at`, or the text's end. */
function enclosingGroupEnd(matches: Int32Array, text: string, at: number): number {
  // The nearest `{` before `at` whose group extends past it; bounded so a pathological text stays linear.
  for (let i = at - 1, steps = 0; i >= 0 && steps < MAX_GROUP_LOOKBACK; i--, steps++) {
    if (text.charCodeAt(i) === 123 && !isEscaped(text, i) && matches[i] > at) return matches[i];
  }
  return text.length;
}

/**
 * HTML as a browser shows it: hidden elements (by style, the `hidden` attribute, or their kind) go with
 * their content; every other tag goes and leaves its text, so attributes (`href`, `style`) say nothing.
 * `<answer>…</answer>`, the tag RL prompts often ask for, marks the final answer like a box does.
 */
function withoutHtml(text: string): string {
  const out = withoutHiddenElements(text).replace(/<answer>([\s\S]*?)<\/answer>/gi, (_m, inner: string) =>
    inner.includes("\\boxed") ? inner : `\\boxed{${inner.trim()}}`,
  );
  // `<think>` tags are the response's format, not HTML: the answer region is cut at them later.
  return out.replace(/<\/?(?!think\b)[a-zA-Z][\w-]*(?:\s[^<>]*)?\/?>/g, " ");
}

/**
 * Removes each hidden element up to its closing tag of the same name (or the end: an unclosed hidden
 * element hides the rest). Linear: a name whose closing tag was not found after some point is never
 * searched for again after a later point.
 */
function withoutHiddenElements(text: string): string {
  const opening = /<([a-zA-Z][\w-]*)(\s[^<>]*)?>/g;
  const unclosedFrom = new Map<string, number>();
  const out: string[] = [];
  let from = 0;
  for (let m = opening.exec(text); m !== null; m = opening.exec(text)) {
    const name = m[1].toLowerCase();
    const attributes = m[2] ?? "";
    const hidden =
      HIDDEN_ELEMENTS.has(name) || HIDING_STYLE.test(attributes) || HIDDEN_ATTRIBUTE.test(`${attributes}>`);
    if (!hidden) continue;
    const after = m.index + m[0].length;
    const known = unclosedFrom.get(name);
    const close = known !== undefined && known <= after ? -1 : text.indexOf(`</${m[1]}`, after);
    if (close < 0) unclosedFrom.set(name, after);
    const end = close < 0 ? text.length : text.indexOf(">", close) + 1 || text.length;
    out.push(text.slice(from, m.index));
    from = end;
    opening.lastIndex = end;
  }
  out.push(text.slice(from));
  return out.join("");
}

/**
 * Link and image targets and bare URLs are addresses, not statements: `[text](url)` keeps its text. A
 * URL ends at a brace, so `\href{url}{text}` keeps its braces balanced.
 */
function withoutLinkTargets(text: string): string {
  return text
    .replace(/\]\([^()\s]{0,2000}\)/g, "]")
    .replace(/\b(?:https?|ftp):\/\/[^\s<>(){}]+|\bwww\.[^\s<>(){}]+/gi, " ");
}

/** Markdown `~~struck~~` text. */
function withoutStrikethrough(text: string): string {
  return text.replace(/~~[^~]{0,10000}~~/g, "");
}
