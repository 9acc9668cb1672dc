/** Splits a normalised answer (LaTeX or plain text) into tokens for the parser. */

export type Token =
  | { k: "num"; v: string }
  /** A variable or constant name (`x`, `theta`, `pi`, `infty`). */
  | { k: "id"; v: string }
  /** A known function (`sin`, `ln`, `sqrt`, `floor`…). */
  | { k: "fn"; v: string }
  /** Structural commands: frac, sqrt, root, binom, lfloor, rfloor, lceil, rceil, cup, pm, mp, accent. */
  | { k: "cmd"; v: string }
  | { k: "op"; v: string }
  | { k: "text"; v: string }
  | { k: "begin"; v: string }
  | { k: "end"; v: string };

export class LexError extends Error {}

export const FUNCTIONS = new Set([
  "sin",
  "cos",
  "tan",
  "cot",
  "sec",
  "csc",
  "arcsin",
  "arccos",
  "arctan",
  "arccot",
  "sinh",
  "cosh",
  "tanh",
  "coth",
  "ln",
  "log",
  "lg",
  "exp",
  "sqrt",
  "floor",
  "ceil",
  "abs",
  "max",
  "min",
  "gcd",
  "lcm",
  "binom",
]);

const PLAIN_ALIASES: Record<string, string> = { asin: "arcsin", acos: "arccos", atan: "arctan" };

const GREEK = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "varepsilon",
  "zeta",
  "eta",
  "theta",
  "vartheta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "varphi",
  "chi",
  "psi",
  "omega",
];

/** Multi-letter words recognised in plain text; any other letter run is a product of single letters. */
const PLAIN_WORDS = [...FUNCTIONS, ...Object.keys(PLAIN_ALIASES), ...GREEK, "pi", "infinity", "inf"].sort(
  (a, b) => b.length - a.length,
);

const TEXT_COMMANDS = new Set([
  "text",
  "textrm",
  "textnormal",
  "mbox",
  "mathrm",
  "textbf",
  "textit",
  "mathbf",
  "mathit",
  "mathsf",
  "texttt",
  "hbox",
  "boldsymbol",
  "textsf",
  "textup",
  "emph",
  "bm",
]);

const ACCENTS = new Set([
  "dot",
  "ddot",
  "hat",
  "bar",
  "vec",
  "overline",
  "tilde",
  "widehat",
  "widetilde",
  "mathbb",
]);

const COMMAND_TOKENS: Record<string, Token> = {
  frac: { k: "cmd", v: "frac" },
  sqrt: { k: "cmd", v: "sqrt" },
  binom: { k: "cmd", v: "binom" },
  lfloor: { k: "cmd", v: "lfloor" },
  rfloor: { k: "cmd", v: "rfloor" },
  lceil: { k: "cmd", v: "lceil" },
  rceil: { k: "cmd", v: "rceil" },
  cup: { k: "cmd", v: "cup" },
  pm: { k: "cmd", v: "pm" },
  mp: { k: "cmd", v: "mp" },
  // `\not` negates the relation after it; the parser rejects it rather than read `x \not= 5` as `x = 5`.
  not: { k: "cmd", v: "not" },
  cdot: { k: "op", v: "*" },
  times: { k: "op", v: "*" },
  ast: { k: "op", v: "*" },
  div: { k: "op", v: "/" },
  le: { k: "op", v: "<=" },
  ge: { k: "op", v: ">=" },
  ne: { k: "op", v: "!=" },
  in: { k: "op", v: "in" },
  approx: { k: "op", v: "≈" },
  simeq: { k: "op", v: "≈" },
  thickapprox: { k: "op", v: "≈" },
  equiv: { k: "op", v: "=" },
  vert: { k: "op", v: "|" },
  lvert: { k: "op", v: "|" },
  rvert: { k: "op", v: "|" },
  mid: { k: "op", v: "|" },
  infty: { k: "id", v: "infty" },
  infin: { k: "id", v: "infty" },
};

/** Reads a balanced `{…}` group starting at `start` (which must be `{`); returns its content and end. */
function readGroup(s: string, start: number): [string, number] {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return [s.slice(start + 1, i), i + 1];
  }
  throw new LexError("unbalanced braces");
}

function skipSpaces(s: string, i: number): number {
  while (s[i] === " ") i++;
  return i;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(s[i + 1]))) {
      const m = /^\d*(?:\.\d*)?(?:[eE][+-]?\d+(?![.\d]))?/.exec(s.slice(i, i + 400))!;
      let v = m[0];
      // `2e` followed by a non-digit is 2·e; only a complete exponent makes scientific notation.
      if (v.endsWith(".")) v = v.slice(0, -1);
      out.push({ k: "num", v });
      i += v.length;
    } else if (isLetter(c)) {
      let j = i;
      while (isLetter(s[j])) j++;
      // A subscript is a label (`L_{odot}`), never prose.
      lexWord(s.slice(i, j), out, s[i - 1] === "_" || (s[i - 1] === "{" && s[i - 2] === "_"));
      i = j;
    } else if (c === "\\") {
      i = lexCommand(s, i, out);
    } else if (s.startsWith("...", i)) {
      out.push({ k: "op", v: "..." });
      i += 3;
    } else if (s.startsWith("**", i)) {
      out.push({ k: "op", v: "^" });
      i += 2;
    } else if ((c === "<" || c === ">" || c === "!" || c === "=") && s[i + 1] === "=") {
      out.push({ k: "op", v: c === "=" ? "=" : `${c}=` });
      i += 2;
    } else {
      out.push({ k: "op", v: c });
      i++;
    }
  }
  return out;
}

/**
 * A letter run longer than this that spells no known name, only single letters, is a word of prose
 * ("cannot", "Evelyn"), never a product of variables: parsing fails, and the answer compares as text.
 */
const MAX_LETTER_PRODUCT = 3;

function lexWord(word: string, out: Token[], subscript: boolean): void {
  if (word === "and" || word === "or") {
    out.push({ k: "op", v: "," });
    return;
  }
  const start = out.length;
  let singles = 0;
  let i = 0;
  while (i < word.length) {
    const w = PLAIN_WORDS.find((p) => word.startsWith(p, i));
    if (w) {
      const name = PLAIN_ALIASES[w] ?? w;
      if (FUNCTIONS.has(name)) out.push({ k: "fn", v: name });
      else out.push({ k: "id", v: name === "infinity" || name === "inf" ? "infty" : name });
      i += w.length;
    } else {
      out.push({ k: "id", v: word[i] });
      i++;
      singles++;
    }
  }
  // Capitals name points and acronyms (`ABCD`, `SRAC = LRAC`), so only runs with lower case are prose.
  if (!subscript && singles > MAX_LETTER_PRODUCT && out.length - start === singles && /[a-z]/.test(word))
    throw new LexError(`"${word}" is a word, not math`);
}

function lexCommand(s: string, start: number, out: Token[]): number {
  let i = start + 1;
  if (!isLetter(s[i])) {
    const c = s[i];
    if (c === "\\") out.push({ k: "op", v: "\\\\" });
    else if (c === "{") out.push({ k: "op", v: "\\{" });
    else if (c === "}") out.push({ k: "op", v: "\\}" });
    else if (c === "|") out.push({ k: "op", v: "|" });
    else if (c === "%") out.push({ k: "op", v: "%" });
    return i + 1;
  }
  let j = i;
  while (isLetter(s[j])) j++;
  const name = s.slice(i, j);
  i = j;
  if (name === "begin" || name === "end") {
    i = skipSpaces(s, i);
    if (s[i] !== "{") throw new LexError(`\\${name} without an environment`);
    const [env, after] = readGroup(s, i);
    i = after;
    // `\begin{array}{cc}`: the column spec is layout, not content.
    if (name === "begin" && env.trim() === "array" && s[skipSpaces(s, i)] === "{")
      i = readGroup(s, skipSpaces(s, i))[1];
    out.push({ k: name, v: env.trim() });
    return i;
  }
  if (TEXT_COMMANDS.has(name) || name === "operatorname") {
    i = skipSpaces(s, i);
    let content: string;
    if (s[i] === "{") [content, i] = readGroup(s, i);
    else {
      content = s[i] ?? "";
      i++;
    }
    const trimmed = content.trim();
    if (name === "operatorname" || (name !== "text" && name !== "mbox" && /^[a-zA-Z]+$/.test(trimmed))) {
      const fn = PLAIN_ALIASES[trimmed] ?? trimmed;
      out.push(FUNCTIONS.has(fn) ? { k: "fn", v: fn } : { k: "id", v: trimmed });
    } else {
      out.push({ k: "text", v: content });
    }
    return i;
  }
  if (ACCENTS.has(name)) {
    out.push({ k: "cmd", v: `accent:${name}` });
    return i;
  }
  const mapped = COMMAND_TOKENS[name];
  if (mapped) out.push(mapped);
  else if (FUNCTIONS.has(name)) out.push({ k: "fn", v: name });
  else out.push({ k: "id", v: name });
  return i;
}
