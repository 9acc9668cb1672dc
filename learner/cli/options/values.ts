/**
 * Parsers of flag values, one per kind of value. Each returns the value or throws commander's
 * InvalidArgumentError saying what it expected; usage.ts adds the flag's name and the text given, so a
 * bad value reads `--lr: expected a positive number, got "abc"` whichever command has the flag.
 */
import { InvalidArgumentError } from "commander";

export type ValueParser<T> = (value: string) => T;

function numberWhere(expected: string, accepts: (n: number) => boolean): ValueParser<number> {
  return (value) => {
    // Number("") is 0: an empty value is no number at all.
    const n = value.trim() === "" ? Number.NaN : Number(value);
    if (!accepts(n)) throw new InvalidArgumentError(`expected ${expected}`);
    return n;
  };
}

export const positiveInt = numberWhere("a positive integer", (n) => Number.isInteger(n) && n >= 1);
export const nonNegativeInt = numberWhere("0 or a positive integer", (n) => Number.isInteger(n) && n >= 0);
export const finiteNumber = numberWhere("a number", Number.isFinite);
export const positiveNumber = numberWhere("a positive number", (n) => Number.isFinite(n) && n > 0);
export const nonNegativeNumber = numberWhere("0 or a positive number", (n) => Number.isFinite(n) && n >= 0);
export const probability = numberWhere("a number from 0 to 1", (n) => n >= 0 && n <= 1);
export const port = numberWhere(
  "a port from 1 to 65535",
  (n) => Number.isInteger(n) && n >= 1 && n <= 65_535,
);

/** One of `choices`, exactly as written. */
export function oneOf(choices: readonly string[]): ValueParser<string> {
  return (value) => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(", ")}`);
    return value;
  };
}

/** A comma-separated list whose every item `parse` accepts; `expected` describes the whole list. */
export function listOf<T>(parse: ValueParser<T>, expected: string): ValueParser<T[]> {
  return (value) => {
    try {
      return value.split(",").map((item) => parse(item.trim()));
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new InvalidArgumentError(`expected ${expected}`);
      throw error;
    }
  };
}

/** `k/n` with 1 ≤ k ≤ n: which share of a job this process takes. */
export const shareOf: ValueParser<{ index: number; count: number }> = (value) => {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || index < 1 || count < 1 || index > count)
    throw new InvalidArgumentError("expected k/n with 1 ≤ k ≤ n, e.g. 1/2");
  return { index, count };
};
