/** Character-level helpers shared by the scanners. All are iterative and linear in what they read. */

const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Index of the `}` that closes the `{` at `open`, or -1 when none does before `limit`. A backslash
 * escapes the next character, so `\{` and `\}` are literal while `\\}` still closes.
 */
export function closingBrace(text: string, open: number, limit: number = text.length): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACE && --depth === 0) return i;
  }
  return -1;
}

/** Whether the character at `at` is escaped by an odd run of backslashes before it. */
export function isEscaped(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) === BACKSLASH) i--;
  return (at - 1 - i) % 2 === 1;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;
}

/** Start of the last match of a global regex; its patterns are plain alternations, so no backtracking blow-up. */
export function lastMatch(pattern: RegExp, text: string): { index: number; end: number } | null {
  pattern.lastIndex = 0;
  let last: { index: number; end: number } | null = null;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    last = { index: m.index, end: m.index + m[0].length };
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return last;
}

/**
 * `text` without trailing whitespace and characters in `chars`. A regex such as `/[\s.]+$/` would
 * retry from every position of a long run not at the end, which is quadratic.
 */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && (isSpace(text.charCodeAt(end - 1)) || chars.includes(text[end - 1]))) end--;
  return text.slice(0, end);
}

export function trimStartOf(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && (isSpace(text.charCodeAt(start)) || chars.includes(text[start]))) start++;
  return text.slice(start);
}
