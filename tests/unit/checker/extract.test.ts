import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Extraction,
  type ExtractOptions,
  extractAnswer,
} from "../../../shared/checker/extract/index.ts";
import { lastNumber } from "../../../shared/checker/extract/last-number.ts";

const plain: ExtractOptions = { requireThinkClose: false, choice: false };

function found(response: string, options: ExtractOptions = plain): Extraction & { found: true } {
  const extraction = extractAnswer(response, options);
  assert.equal(extraction.found, true, `no answer in ${JSON.stringify(response)}`);
  return extraction as Extraction & { found: true };
}

/** The number reader alone: a long response without any marked answer falls back to it. */
function expectNumber(text: string, number: string): void {
  assert.equal(lastNumber(text)?.text, number, JSON.stringify(text));
}

function expect(response: string, text: string, method: string, options: ExtractOptions = plain): void {
  const extraction = found(response, options);
  assert.deepEqual([extraction.text, extraction.method], [text, method], JSON.stringify(response));
}

describe("extractAnswer: </think>", () => {
  it("grades only the text after the last </think>", () => {
    expect("<think>maybe \\boxed{1}</think>ok</think>So \\boxed{2}.", "2", "boxed");
  });

  it("uses the whole response when there is no </think> and none is required", () => {
    expect("<think>still thinking, \\boxed{3}", "3", "boxed");
  });

  it("has no answer without </think> when one is required", () => {
    assert.deepEqual(extractAnswer("\\boxed{42}", { requireThinkClose: true, choice: false }), {
      found: false,
      reason: "missing </think>",
    });
    expect("x</think>\\boxed{42}", "42", "boxed", { requireThinkClose: true, choice: false });
  });

  it("has no answer when nothing follows </think>", () => {
    const extraction = extractAnswer("\\boxed{1}</think>  \n", plain);
    assert.equal(extraction.found, false);
    assert.match(extraction.found ? "" : extraction.reason, /after <\/think>/);
  });

  it("has no answer in an empty response", () => {
    assert.deepEqual(extractAnswer("   ", plain), { found: false, reason: "empty response" });
  });
});

describe("extractAnswer: final-answer phrases", () => {
  it("reads Minerva's closing line", () => {
    expect("Work.\nFinal Answer: The final answer is 5. I hope it is correct.", "5", "final-answer");
    expect(
      "Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.",
      "\\frac{3}{4}",
      "final-answer",
    );
  });

  it("returns the box inside the phrase", () => {
    expect("The final answer is $\\boxed{12}$. I hope it is correct.", "12", "final-answer");
    expect("**Final Answer**\n\\[\n\\boxed{\\dfrac{3}{4}}\n\\]", "\\dfrac{3}{4}", "final-answer");
  });

  it("accepts markdown bold and a colon", () => {
    expect("**Final Answer:** $3.5$", "3.5", "final-answer");
    expect("**Final Answer**: 7", "7", "final-answer");
    expect("final answer is: 8.", "8", "final-answer");
  });

  it("outranks an earlier box", () => {
    expect("We guessed \\boxed{3} first. Final answer: 7", "7", "final-answer");
  });

  it("keeps a decimal point and math intact while cutting the sentence", () => {
    expect("The final answer is 3.14. Done.", "3.14", "final-answer");
    expect("Final answer: $x = 1. y$. More.", "x = 1. y", "final-answer");
  });

  it("returns a set when the phrase boxes several answers", () => {
    const extraction = found("The final answer is $\\boxed{1}$ and $\\boxed{-1}$.");
    assert.deepEqual([extraction.text, extraction.parts], ["1, -1", ["1", "-1"]]);
  });

  it("reads the answer from the lines after a heading", () => {
    expect("## Final Answer\n\n$\\frac{1}{3}$\n", "\\frac{1}{3}", "final-answer");
  });

  it('does not take a line-final "final answer" in prose for a heading', () => {
    expect("Now we compute the final answer\nusing the formula: \\boxed{6}", "6", "boxed");
  });

  it("gives way to a box written after it", () => {
    expect("Final answer: let me double-check.\n\nYes: \\boxed{5}", "5", "boxed");
  });

  it("falls through when the phrase has no content", () => {
    expect("It is \\boxed{4}, our final answer:", "4", "boxed");
  });

  it("reads GSM8K's closing #### line, whose earlier ones are rivals", () => {
    expect("#### 1,234", "1,234", "final-answer");
    expect("She pays 5 + 7 = 12 dollars.\n#### 12", "12", "final-answer");
    assert.deepEqual(found("#### 5\n#### 12").rivals, ["5"]);
    assert.notEqual(found("Step ##### 3 then 4").method, "final-answer");
  });
});

describe("extractAnswer: boxed", () => {
  it("reads the last box", () => {
    expect("so the result is \\boxed{42}.", "42", "boxed");
    expect("\\boxed{1} is wrong.\n\nIt is \\boxed{2}.", "2", "boxed");
  });

  it("matches nested and escaped braces", () => {
    expect("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}", "boxed");
    expect("\\boxed{\\{1,2\\}}", "\\{1,2\\}", "boxed");
    expect("\\boxed{\\left\\{ x \\right\\}}", "\\left\\{ x \\right\\}", "boxed");
    expect("\\boxed{\\begin{pmatrix}1\\\\2\\end{pmatrix}}", "\\begin{pmatrix}1\\\\2\\end{pmatrix}", "boxed");
  });

  it("reads \\fbox and brace-less \\boxed", () => {
    expect("\\fbox{3}", "3", "boxed");
    expect("Thus \\boxed 5.", "5", "boxed");
    expect("$\\boxed -12$", "-12", "boxed");
    expect("\\boxed {7}", "7", "boxed");
  });

  it("strips wrappers inside the box but not LaTeX", () => {
    expect("\\boxed{ $\\sqrt{2}$. }", "\\sqrt{2}", "boxed");
    expect("\\boxed{\\text{Monday}}", "\\text{Monday}", "boxed");
  });

  it("takes an empty or unclosed final box as a committed empty answer, with no fallback", () => {
    for (const response of [
      "\\boxed{4} then \\boxed{}",
      "\\boxed{4} then \\boxed{5",
      "We get 5. \\boxed{}",
      "\\boxed{}",
    ]) {
      assert.equal(extractAnswer(response, plain).found, false, response);
    }
  });

  it("does not take a longer command for a box", () => {
    expect("\\boxedsymbol{9} and 3", "3", "last-number");
  });

  it("returns the boxes of the final sentence as a set", () => {
    const extraction = found("The roots are \\boxed{2} and \\boxed{3}.");
    assert.deepEqual([extraction.text, extraction.parts], ["2, 3", ["2", "3"]]);
    assert.deepEqual(found("$x = \\boxed{2}$, $y = \\boxed{-1}$").parts, ["2", "-1"]);
    assert.deepEqual(found("Solutions:\n\\boxed{1}\n\\boxed{4}").parts, ["1", "4"]);
  });

  it("ignores boxed intermediate results in earlier sentences or paragraphs", () => {
    expect("First x = \\boxed{4}.\n\nThen y = \\boxed{7}.", "7", "boxed");
    expect("So x = \\boxed{4}. Then y = \\boxed{7}.", "7", "boxed");
    expect("\\boxed{4}\n\n\\boxed{7}", "7", "boxed");
    expect("Thus $a = \\boxed{3}$ and $b = \\boxed{4}$, so $a + b = \\boxed{7}$.", "7", "boxed");
  });

  it("merges a repeated box", () => {
    const extraction = found("So \\boxed{5}, i.e. \\boxed{5}");
    assert.deepEqual([extraction.text, extraction.parts], ["5", undefined]);
  });

  it("reads a box inside a box as the outer box's whole content", () => {
    expect("\\boxed{\\boxed{6}}", "\\boxed{6}", "boxed");
    expect("\\boxed{\\boxed{5} + 1}", "\\boxed{5} + 1", "boxed");
  });
});

describe("extractAnswer: answer phrases", () => {
  it("takes the rest of the sentence", () => {
    expect("Therefore, the answer is 42.", "42", "answer-phrase");
    expect("Answer: $x^2+1$.", "x^2+1", "answer-phrase");
    expect("The answer is **42**.", "42", "answer-phrase");
    expect("The answer is $\\$12.50$.", "\\$12.50", "answer-phrase");
    expect("ANSWER: (1, 2)\nCheck: ok", "(1, 2)", "answer-phrase");
    expect("The answers are 3 and 4.", "3, 4", "answer-phrase");
  });

  it("stops before a justification", () => {
    expect("So the answer is $5$, which is odd.", "5", "answer-phrase");
    expect("The answer is 12 because 3 * 4 = 12.", "12", "answer-phrase");
    expect("The final answer is 7, since nothing else fits.", "7", "final-answer");
    expect("The answer is x = 1, y = 2.", "x = 1, y = 2", "answer-phrase");
  });

  it("outranks an earlier box, which becomes a rival", () => {
    const extraction = found("The answer is \\boxed{9}, and answer: 10");
    assert.deepEqual([extraction.text, extraction.rivals], ["10", ["9"]]);
  });
});

describe("extractAnswer: math environments", () => {
  it("takes the environment that ends the response", () => {
    // Past a few hundred characters a response is no longer read as one sentence.
    const reasoning = "We expand both sides and collect the terms, then check each case in turn. ".repeat(5);
    expect(`${reasoning}We get $x = 5$.`, "x = 5", "math-env");
    expect(`${reasoning}Hence the area is $12$ square units.`, "12", "math-env");
    expect(`${reasoning}So\n$$\\frac{\\pi}{2}$$`, "\\frac{\\pi}{2}", "math-env");
    expect(`${reasoning}So \\(a+b\\).`, "a+b", "math-env");
    expect(`${reasoning}So\n\\[\n\\sqrt{3}\n\\]`, "\\sqrt{3}", "math-env");
  });

  it("reads a short response as a sentence", () => {
    expect("We get $x = 5$.", "x = 5", "whole");
    expect("The solutions are $x = 1$ and $x = -2$.", "x = 1, x = -2", "whole");
  });

  it("is not used when the response goes on past it", () => {
    expect("Since $x^2$ is minimised at zero, the minimum is 1 unit.", "1", "last-number");
  });

  it("tells currency from math", () => {
    expect("It costs $5 and $6 more, total 11", "11", "last-number");
  });
});

describe("lastNumber", () => {
  it("reads plain, negative and decimal numbers", () => {
    expectNumber("The result comes out to 17 apples", "17");
    expectNumber("the value is -5.", "-5");
    expectNumber("roughly 3.25 metres", "3.25");
    expectNumber("roughly .5 metres", ".5");
    expectNumber("we subtract, 10-3 gives it", "3");
  });

  it("drops thousands separators", () => {
    expectNumber("The total is 1,234,567 dollars", "1234567");
    expectNumber("The total is 1{,}000 dollars", "1000");
    expectNumber("it is 1,234.5 in all", "1234.5");
  });

  it("reads a decimal comma only when it cannot be a separator or a list", () => {
    expectNumber("temperature is 3,5 degrees", "3.5");
    expectNumber("temperature is 3,500 degrees", "3500");
    expectNumber("the point (1,5) it is", "5");
    expectNumber("values 1,2,3 then", "3");
  });

  it("strips currency", () => {
    expectNumber("It costs \\$1,000.", "1000");
    expectNumber("It costs $1,000 in total", "1000");
    expectNumber("It costs €5 in total", "5");
    expectNumber("a loss of -$20 overall", "-20");
  });

  it("keeps fractions and percentages", () => {
    expectNumber("about 3/4 of them", "3/4");
    expectNumber("a share of 25% overall", "25%");
    expectNumber("a share of 25\\% overall", "25\\%");
  });
});

describe("extractAnswer: whole response", () => {
  it("takes a short bare formula whole", () => {
    expect("\\frac{1}{2}", "\\frac{1}{2}", "whole");
    expect("(1, 2)", "(1, 2)", "whole");
    expect("x^2 - 1", "x^2 - 1", "whole");
    expect("2RC + R + C", "2RC + R + C", "whole");
    expect("864 \\mbox{ inches}^2", "864 \\mbox{ inches}^2", "whole");
    expect(
      "\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}",
      "\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}",
      "whole",
    );
    expect("10,\\!080", "10,\\!080", "whole");
    expect("-2,1", "-2,1", "whole");
    expect("\\frac{e^{2it}}{2+2i} + Ce^{-2t}", "\\frac{e^{2it}}{2+2i} + Ce^{-2t}", "whole");
    const tuples = Array.from({ length: 20 }, (_, i) => `(${i},${i + 1},${i + 2})`).join(",");
    expect(tuples, tuples, "whole");
  });

  it("takes short text without a number whole", () => {
    expect("yes", "yes", "whole");
    expect("No solution.", "No solution", "whole");
  });

  it("reads the math of a short sentence, or a lone number", () => {
    expect("5 apples", "5", "whole");
    expect("5 cm", "5 \\text{ cm}", "whole");
    expect("so it is 7", "7", "whole");
    expect("1,000", "1,000", "whole");
    expect(".35625", ".35625", "whole");
  });

  it("finds nothing in long prose without a number", () => {
    assert.equal(extractAnswer("We consider the cases in turn. ".repeat(20), plain).found, false);
    assert.deepEqual(extractAnswer("I do not know. ".repeat(20), plain), {
      found: false,
      reason: "the response declines to answer",
    });
  });
});

describe("extractAnswer: multiple choice", () => {
  const choice: ExtractOptions = { requireThinkClose: false, choice: true };
  const cases: Array<[string, string]> = [
    ["The answer is (B).", "B"],
    ["\\boxed{C}", "C"],
    ["\\boxed{(C)}", "C"],
    ["\\boxed{\\text{D}}", "D"],
    ["\\boxed{(A) 42}", "A"],
    ["Answer: E", "E"],
    ["answer is (C) because it fits", "C"],
    ["The correct option is B.", "B"],
    ["Final Answer: The final answer is $\\boxed{(B)}$. I hope it is correct.", "B"],
    ["I pick \\textbf{(A)} since the others fail the check in every case we tried.", "A"],
    ["After checking,\n**(D)**", "D"],
    ["so I choose\nB", "B"],
    ["The correct one is (D) since it matches.", "D"],
    [")(C) it is", "C"],
  ];
  for (const [response, letter] of cases) {
    it(`finds ${letter} in ${JSON.stringify(response)}`, () => expect(response, letter, "choice", choice));
  }

  it("falls back to ordinary extraction when no letter is chosen", () => {
    expect("So \\boxed{42}", "42", "boxed", choice);
  });

  it("finds no choice in a response that names several options", () => {
    for (const response of [
      "(A) fails and (B) holds, both.",
      "Answer: (A) or (C)",
      "A B C D",
      "\\boxed{\\text{(D) or (A)}}",
    ]) {
      assert.equal(extractAnswer(response, choice).found, false, response);
    }
  });

  it("does not read letters when the gold is not a letter", () => {
    expect("The answer is (B).", "(B)", "answer-phrase");
  });
});
