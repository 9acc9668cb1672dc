import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidArgumentError } from "commander";
import {
  finiteNumber,
  listOf,
  nonNegativeInt,
  nonNegativeNumber,
  oneOf,
  port,
  positiveInt,
  positiveNumber,
  probability,
  shareOf,
  type ValueParser,
} from "../../../learner/cli/options/values.ts";

function refuses<T>(parse: ValueParser<T>, value: string, expected: string): void {
  assert.throws(
    () => parse(value),
    (error: Error) => error instanceof InvalidArgumentError && error.message === `expected ${expected}`,
    `${JSON.stringify(value)} should be refused`,
  );
}

describe("flag value parsers", () => {
  it("integers: positive, or 0 too", () => {
    assert.equal(positiveInt("12"), 12);
    for (const bad of ["0", "-3", "1.5", "abc", "", " ", "Infinity"])
      refuses(positiveInt, bad, "a positive integer");
    assert.equal(nonNegativeInt("0"), 0);
    refuses(nonNegativeInt, "-1", "0 or a positive integer");
  });

  it("numbers: any finite one, positive, 0 or positive, a probability", () => {
    assert.equal(finiteNumber("-2.5"), -2.5);
    refuses(finiteNumber, "NaN", "a number");
    assert.equal(positiveNumber("3e-4"), 3e-4);
    refuses(positiveNumber, "0", "a positive number");
    assert.equal(nonNegativeNumber("0"), 0);
    refuses(nonNegativeNumber, "-0.1", "0 or a positive number");
    assert.equal(probability("1"), 1);
    refuses(probability, "1.01", "a number from 0 to 1");
  });

  it("ports, choices and lists", () => {
    assert.equal(port("65535"), 65_535);
    refuses(port, "65536", "a port from 1 to 65535");
    assert.equal(oneOf(["a", "b"])("b"), "b");
    refuses(oneOf(["a", "b"]), "c", "one of a, b");
    const levels = listOf(positiveInt, "levels like 1,2");
    assert.deepEqual(levels("1, 2,3"), [1, 2, 3]);
    refuses(levels, "1,,2", "levels like 1,2");
  });

  it("shares: k/n with 1 ≤ k ≤ n", () => {
    assert.deepEqual(shareOf("2/3"), { index: 2, count: 3 });
    assert.deepEqual(shareOf(" 1/1 "), { index: 1, count: 1 });
    for (const bad of ["0/2", "3/2", "1/0", "1", "a/b", "1/2/3", "-1/2", ""])
      refuses(shareOf, bad, "k/n with 1 ≤ k ≤ n, e.g. 1/2");
  });
});
