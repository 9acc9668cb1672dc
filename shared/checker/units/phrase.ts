/**
 * Reads a unit phrase from tokens, one token at a time: `km per hour`, `m/s^2`, `\text{ m}^2`,
 * `square feet`, `平方米`, `degrees Celsius`, `N \cdot m`. A token that cannot continue the phrase
 * drops it, and the token may start a new one, so the phrase left at the end is the one that ends
 * the text: no backtracking, linear in the number of tokens.
 */
import type { Factor } from "./canonical.ts";
import type { Token } from "./lexer.ts";
import { lexeme } from "./lexicon.ts";

/** Real units have a handful of factors; beyond this it is not a unit, and powers stay finite. */
const MAX_UNIT_WORDS = 5;
const MAX_POWER = 9;

export interface Phrase {
  /** Index of the phrase's first token. */
  start: number;
  factors: Factor[];
  /** Begins with `/` or `per` (`\$5 per hour`): only valid after a leading currency sign. */
  leadingPer: boolean;
}

interface State extends Phrase {
  words: number;
  /** A unit word must come next: after `per`, `\cdot` or `square`. */
  pending: boolean;
  denominator: boolean;
  prefixPower: number;
  /** Where the last unit word's factors begin, while an exponent, `carrés` or `Celsius` may still apply. */
  last: number | null;
}

const fresh = (start: number): State => ({
  start,
  factors: [],
  leadingPer: false,
  words: 0,
  pending: false,
  denominator: false,
  prefixPower: 1,
  last: null,
});

export class PhraseReader {
  private state: State | null = null;
  /** Token indices of the groups (`{`, `\text{`) open so far, in or before the phrase. */
  private readonly groups: number[] = [];
  private previous: Token["kind"] | null = null;

  /** allowLeadingPer: the text began with a currency sign, so `/hour` alone may follow the value. */
  constructor(private readonly allowLeadingPer: boolean) {}

  /** Feeds the next token; false when it broke the phrase read so far. */
  feed(token: Token, index: number): boolean {
    const continued = this.accept(token, index);
    this.previous = token.kind;
    return continued;
  }

  /** The phrase that ends the tokens fed, if it is complete. */
  result(): Phrase | null {
    const s = this.state;
    if (!s || s.pending || (s.words === 0 && !s.leadingPer)) return null;
    if (this.groups.some((open) => open >= s.start)) return null;
    return { start: s.start, factors: s.factors, leadingPer: s.leadingPer };
  }

  private accept(token: Token, index: number): boolean {
    if (token.kind === "open" || token.kind === "wrapper") this.groups.push(index);
    if (token.kind === "close") {
      const open = this.groups.pop();
      if (open !== undefined && this.state && open >= this.state.start) return true;
      this.state = null;
      return false;
    }
    if (this.extend(token, index)) return true;
    this.state = null;
    this.extend(token, index);
    return false;
  }

  private extend(token: Token, index: number): boolean {
    switch (token.kind) {
      case "wrapper":
        this.state ??= fresh(index);
        return true;
      case "word":
        return this.word(token.text, index);
      case "exponent":
        return this.raise(token.power);
      case "divide":
        return this.divide(index);
      case "multiply":
        return this.multiply();
      case "dot":
        // Abbreviation dots: `sq. ft.`, `кв. м`, `hrs.`
        return this.state !== null && (this.previous === "word" || this.previous === "close");
      default:
        return false;
    }
  }

  private word(text: string, index: number): boolean {
    const lex = lexeme(text);
    if (!lex) return false;
    const s = this.state;
    switch (lex.kind) {
      case "unit": {
        const state = s ?? fresh(index);
        if (state.words >= MAX_UNIT_WORDS) return false;
        const sign = state.denominator ? -1 : 1;
        const from = state.factors.length;
        for (const f of lex.factors)
          state.factors.push({ name: f.name, power: f.power * state.prefixPower * sign });
        // `square m^2` is no unit: a prefix-raised word takes no further power.
        state.last = state.prefixPower === 1 ? from : null;
        state.words++;
        state.pending = false;
        state.denominator = false;
        state.prefixPower = 1;
        this.state = state;
        return true;
      }
      case "prefix": {
        const state = s ?? fresh(index);
        if (state.prefixPower !== 1) return false;
        state.prefixPower = lex.power;
        state.pending = true;
        state.last = null;
        this.state = state;
        return true;
      }
      case "postfix":
        return this.raise(lex.power);
      case "scale": {
        if (!s || s.pending || s.last === null || !isDegree(s.factors, s.last)) return false;
        s.factors[s.last] = { name: lex.name, power: s.factors[s.last].power };
        s.last = null;
        return true;
      }
      case "per":
        return this.divide(index);
    }
  }

  private raise(power: number): boolean {
    const s = this.state;
    if (!s || s.pending || s.last === null || power === 0 || Math.abs(power) > MAX_POWER) return false;
    for (let k = s.last; k < s.factors.length; k++) s.factors[k].power *= power;
    s.last = null;
    return true;
  }

  private divide(index: number): boolean {
    const state = this.state ?? fresh(index);
    if (state.pending) return false;
    if (state.words === 0) {
      if (!this.allowLeadingPer) return false;
      state.leadingPer = true;
    }
    state.denominator = true;
    state.pending = true;
    state.last = null;
    this.state = state;
    return true;
  }

  private multiply(): boolean {
    const s = this.state;
    if (!s || s.pending || s.words === 0) return false;
    s.pending = true;
    s.last = null;
    return true;
  }
}

/** The last word read was `degrees` or `°` alone, so `Celsius` may make it a temperature. */
function isDegree(factors: Factor[], last: number): boolean {
  return factors.length === last + 1 && factors[last].name === "deg" && Math.abs(factors[last].power) === 1;
}
