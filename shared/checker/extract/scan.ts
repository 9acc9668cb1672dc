/**
 * Character-level helpers shared by the scanners. All are iterative and linear in what they read. Long
 * loops live here rather than calling these helpers once per character from another module: under
 * some loaders (tsx) each cross-module call goes through an export getter.
 */

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

/**
 * For every `{` of `text`, the index of the `}` that closes it (-1 when none does), found in one pass
 * with a stack, so that looking up many groups (some unclosed) stays linear in the text.
 */
export function braceMatches(text: string): Int32Array {
  const matches = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_BRACE) open.push(i);
    else if (c === CLOSE_BRACE && open.length > 0) matches[open.pop()!] = i;
  }
  return matches;
}

/** Whether the character at `at` is escaped by an odd run of backslashes before it. */
export function isEscaped(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) === BACKSLASH) i--;
  return (at - 1 - i) % 2 === 1;
}

/** Index of the last ASCII digit in `text`, or -1. */
export function lastDigit(text: string): number {
  let i = text.length - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) break;
    i--;
  }
  return i;
}

/**
 * Start of the run of digits that ends at `last`, where a single `,` `.` `/` or a LaTeX `{,}` may sit
 * between two digits ("1,234.5", "3/4", "1{,}000").
 */
export function digitRunStart(text: string, last: number): number {
  let start = last;
  for (;;) {
    const c = start > 0 ? text.charCodeAt(start - 1) : -1;
    const before = start > 1 ? text.charCodeAt(start - 2) : -1;
    if (c >= 48 && c <= 57) start--;
    else if ((c === 44 || c === 46 || c === 47) && before >= 48 && before <= 57) start--;
    else if (c === 125 && text.startsWith("{,}", start - 3) && isDigit(text.charCodeAt(start - 4)))
      start -= 3;
    else return start;
  }
}

/** First occurrence of `needle` at or after `from` that no backslash escapes, or -1. */
export function indexOfUnescaped(text: string, needle: string, from: number): number {
  let at = text.indexOf(needle, from);
  while (at >= 0 && isEscaped(text, at)) at = text.indexOf(needle, at + 1);
  return at;
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
export function lastMatch(pattern: RegExp, text: string, from = 0): { index: number; end: number } | null {
  pattern.lastIndex = from;
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

/**
 * Finds LaTeX commands (`\\boxed`, `\\phantom`, …) left to right. Each command's next occurrence is
 * cached, so a walk over the whole text costs one pass per command however often it asks: a plain
 * `indexOf` per step would rescan to the end for every command that no longer occurs.
 */
export class CommandScanner {
  private readonly next: number[];

  constructor(
    private readonly text: string,
    private readonly commands: readonly string[],
  ) {
    this.next = commands.map(() => -2);
  }

  /** The first command at or after `from` that no letter follows (`\\boxedsymbol` is not `\\boxed`). */
  find(from: number): { start: number; end: number } | null {
    let best = -1;
    let bestEnd = -1;
    for (let k = 0; k < this.commands.length; k++) {
      const command = this.commands[k];
      let at = this.next[k];
      if (at !== -1 && at < from) {
        at = this.text.indexOf(command, from);
        while (at >= 0 && isAsciiLetter(this.text.charCodeAt(at + command.length))) {
          at = this.text.indexOf(command, at + 1);
        }
        this.next[k] = at;
      }
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        bestEnd = at + command.length;
      }
    }
    return best < 0 ? null : { start: best, end: bestEnd };
  }
}
