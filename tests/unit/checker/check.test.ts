import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAnswer, goldAlternatives } from "../../../shared/checker/check.ts";

const correct = (response: string, gold: string) => checkAnswer({ response, gold }).correct;

describe("checkAnswer", () => {
  it("accepts a boxed answer equal to the gold", () => {
    const verdict = checkAnswer({ response: "so the result is \\boxed{42}.", gold: "42" });
    assert.equal(verdict.correct, true);
    assert.equal(verdict.status, "ok");
    assert.equal(verdict.extracted, "42");
    assert.equal(verdict.matchedGold, 0);
  });

  it("rejects a wrong answer with a reason", () => {
    const verdict = checkAnswer({ response: "\\boxed{41}", gold: 42 });
    assert.equal(verdict.correct, false);
    assert.ok(verdict.reason);
  });

  it("matches any gold alternative and says which", () => {
    const verdict = checkAnswer({ response: "\\boxed{b}", gold: ["a", "b"] });
    assert.equal(verdict.correct, true);
    assert.equal(verdict.matchedGold, 1);
  });

  it("requires </think> when asked to", () => {
    const verdict = checkAnswer({
      response: "\\boxed{42}",
      gold: "42",
      options: { requireThinkClose: true },
    });
    assert.equal(verdict.correct, false);
    assert.match(verdict.reason ?? "", /think/);
  });

  it("renders number golds without a redundant .0", () => {
    assert.deepEqual(goldAlternatives(142.0), ["142"]);
    assert.deepEqual(goldAlternatives(0.5), ["0.5"]);
  });

  it("reads a gold that is a worked solution, GSM8K's '#### 72' included, as its final answer", () => {
    const gsm8k =
      "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nShe sold 48+24 = <<48+24=72>>72 clips.\n#### 72";
    assert.deepEqual(goldAlternatives(gsm8k), ["72"]);
    assert.equal(correct("The answer is 72.", gsm8k), true);
    assert.equal(correct("The answer is 24.", gsm8k), false);
    assert.equal(correct("\\boxed{5}", "so the answer is $\\boxed{5}$"), true);
  });
});

/** Classes found by grading Math-Verify's public test cases (their data, graded by this checker). */
describe("checkAnswer: classes from a public grader's test cases", () => {
  it("keeps a sequence's trailing ASCII ellipsis, so an infinite sequence is not a finite list", () => {
    assert.equal(correct("$1, 2, 3, ...$", "1, 2, 3"), false);
    assert.equal(correct("\\boxed{1, 2, 3, ...}", "1, 2, 3"), false);
    assert.equal(correct("The answer is 1, 2, 3, ...", "1, 2, 3"), false);
    assert.equal(correct("The answer is 1, 2, 3, ...", "1, 2, 3, \\dots"), true);
    assert.equal(correct("The answer is 5...", "5"), true);
  });

  it("reads the response within its turn: leading turn tokens dropped, cut at the next one", () => {
    assert.equal(correct("so the probability is 2/3. <|im_start|>user\nWhat is 5+5?", "2/3"), true);
    assert.equal(correct("\\boxed{7}<|eot_id|>\\boxed{8}", "7"), true);
    assert.equal(correct("\\boxed{7}<|im_end|>\\boxed{8}", "8"), false);
    assert.equal(correct("<|im_start|>Answer: \\boxed{42}<|im_end|>", "42"), true);
    assert.equal(
      correct("<|im_start|>assistant\n\\boxed{42}<|im_end|><|im_start|>user\n\\boxed{7}", "7"),
      false,
    );
  });

  it("reads 28 percent, pct and percentage as 28%", () => {
    assert.equal(correct("28 percent", "28\\%"), true);
    assert.equal(correct("The rate fell by 28 percent", "0.28"), true);
    assert.equal(correct("\\boxed{28 pct}", "28\\%"), true);
    assert.equal(correct("\\boxed{28 percentage}", "28\\%"), true);
    assert.equal(correct("28 percent", "29\\%"), false);
    assert.equal(correct("about 28 percent", "28\\%"), false);
  });

  it("never takes a unit's exponent for the last number", () => {
    assert.equal(correct("so the number is 10 which is 1,000.99m²", "1000.99"), true);
    assert.equal(correct("so the number is 10 which is 1,000.99m²", "2"), false);
  });

  it("reads 0,111 as a decimal comma, never as thousands", () => {
    assert.equal(correct("0.111", "0,111"), true);
    assert.equal(correct("111", "0,111"), false);
    assert.equal(correct("0,111", "0.111"), true);
  });

  it("reads a plain 'and' in a list of numbers as a comma", () => {
    assert.equal(correct("19, 46, \\text{ and } 82", "19, 46, and 82"), true);
    assert.equal(correct("21, 36, and 82", "19, 46, and 82"), false);
    assert.equal(correct("3 and 5", "5, 3"), true);
    assert.equal(correct("3 and 5", "35"), false);
  });
});

describe("checkAnswer: markup around a boxed answer", () => {
  it("reads past a label, sizes, brace labels, links and nested text inside the box", () => {
    assert.equal(correct("\\boxed{\\text{Answer: }7}", "7"), true);
    assert.equal(correct("\\boxed{Final answer: 7}", "7"), true);
    assert.equal(correct("\\boxed{\\text{Answer: } 8}", "7"), false);
    assert.equal(correct("\\boxed{\\scriptsize 7}", "7"), true);
    assert.equal(correct("\\boxed{\\tiny{8}7}", "7"), false);
    assert.equal(correct("\\boxed{\\underbrace{7}_{\\text{total}}}", "7"), true);
    assert.equal(correct("\\boxed{\\href{https://x.org}{7}}", "7"), true);
    assert.equal(correct("\\boxed{\\text{\\boxed{7}}}", "7"), true);
    assert.equal(correct("\\boxed{{7}^{}}", "7"), true);
  });

  it("hides a comment environment like \\iffalse", () => {
    assert.equal(correct("\\boxed{7}\n\n\\begin{comment}\\boxed{8}\\end{comment}", "7"), true);
    assert.equal(correct("\\boxed{8}\n\n\\begin{comment}\\boxed{7}\\end{comment}", "7"), false);
  });
});

describe("checkAnswer: sentences that state the answer", () => {
  it("reads a named function value and a relative clause's 'could' as no doubt", () => {
    const sentence =
      "Final Answer: The maximum number of points that could be in the domain of $f(x)$ is 19.";
    assert.equal(correct(sentence, "19"), true);
    assert.equal(correct("The value of $f(2)$ is 19.", "19"), true);
    assert.equal(correct("The value of $f(2)$ is 19.", "2"), false);
    assert.equal(correct("The answer could be 19.", "19"), false);
    assert.equal(correct("Final Answer: It could be 19.", "19"), false);
    assert.equal(correct("Final Answer: Jane started growing Sphere 3 hours ago.", "3"), true);
    assert.equal(correct("The tree is 5 meters tall.", "5"), true);
    assert.equal(correct("The tree is 5 meters tall.", "6"), false);
  });

  it("reads past a value the sentence rejects to the one it states", () => {
    assert.equal(correct("The number is not 10, it is 1,000.99€", "1000.99"), true);
    assert.equal(correct("So it's not 3; it is 7.", "7"), true);
    assert.equal(correct("The answer is not 4 but 5", "5"), true);
    assert.equal(correct("The answer is not 4 but 5", "4"), false);
    assert.equal(correct("The answer is not 5.", "5"), false);
    assert.equal(correct("It is not 10, it is about 12", "12"), false);
    assert.equal(correct("It is not 10, but it could be 12", "12"), false);
    assert.equal(correct("The answer is 7, not 3", "3"), false);
  });

  it("takes back a stated answer the next sentence calls wrong", () => {
    const retracted =
      "So the final answer is $\\boxed{5}$.\n\nWait, that's wrong. The answer is $\\boxed{6}$.";
    assert.equal(correct(retracted, "6"), true);
    assert.equal(correct(retracted, "5"), false);
    assert.equal(correct("So the answer is $\\boxed{5}$. Wait, that's wrong.", "5"), false);
    assert.equal(correct("So the answer is $\\boxed{5}$. That is the value we need.", "5"), true);
    assert.equal(correct("The answer is $\\boxed{5}$. Or maybe $\\boxed{6}$.", "6"), false);
    // Only the very next sentence takes a statement back; a later one may be about anything.
    const later = "So the answer is $\\boxed{5}$. We check it: 5 + 0 = 5. Hmm, that's wrong? No, it holds.";
    assert.equal(correct(later, "5"), true);
  });

  it("reads a value restated in another form as one answer, and a different restated value as a hedge", () => {
    const forms = [
      "The probability is $\\frac{3}{4}$, i.e., 75%.",
      "The answer is $\\frac{3}{4}$ (or 75%).",
      "The answer is $\\frac{3}{4}$, or equivalently $0.75$.",
      "Final answer: $\\frac{3}{4}$ (i.e. 0.75)",
      "The answer is $\\frac{3}{4}$, which is 75%.",
      "The answer is $\\boxed{\\frac{3}{4}}$, i.e., 75%.",
      "$\\boxed{\\frac{3}{4}}$ (or 75\\%).",
      "$\\boxed{\\frac{3}{4}}$, that is, $0.75$.",
    ];
    for (const response of forms) {
      assert.equal(correct(response, "\\frac34"), true, response);
      const hedge = response.replace(/75|0\.75/, (v) => (v === "75" ? "80" : "0.8"));
      assert.equal(correct(hedge, "\\frac34"), false, hedge);
      assert.equal(correct(hedge, "0.8"), false, hedge);
    }
    // The value before the restatement is the answer, whatever form the restatement takes.
    assert.equal(correct("The answer is $\\frac{3}{5}$, which is 75%.", "\\frac34"), false);
    // Words after "i.e." or "which is" restate nothing: "the smallest prime", "2 more than 10".
    assert.equal(correct("The answer is $\\boxed{2}$, i.e., the smallest prime.", "2"), true);
    assert.equal(correct("The answer is 12, which is 2 more than 10.", "12"), true);
    // A restatement that starts with words describes the answer; its numbers are not rival values.
    assert.equal(correct("The answer is 12, which is divisible by 3.", "12"), true);
    assert.equal(correct("The answer is $\\boxed{12}$, which is the sum of 5 and 7.", "12"), true);
    assert.equal(correct("The answer is 12, i.e. the LCM of 4 and 6.", "12"), true);
    assert.equal(correct("Thus $x = \\frac{\\pi}{4}$, i.e., $45^\\circ$.", "\\frac{\\pi}{4}"), true);
  });

  it("reads a word answer as the complement of a short sentence's last 'is'", () => {
    assert.equal(correct("The day is Tuesday.", "Tuesday"), true);
    assert.equal(correct("The winner was Evelyn.", "\\text{Evelyn}"), true);
    assert.equal(correct("The word is \\textbf{ELEVEN}.", "\\text{ELEVEN}"), true);
    // Two sentences state two answers, whichever comes last.
    assert.equal(correct("The day is Monday. The day is Tuesday.", "Tuesday"), false);
    assert.equal(correct("The day is Tuesday.", "Wednesday"), false);
    assert.equal(correct("The day is Tuesday or Wednesday.", "Tuesday"), false);
    assert.equal(correct("The day is not Tuesday.", "Tuesday"), false);
    assert.equal(correct("The day is probably Tuesday.", "Tuesday"), false);
  });

  it("reads an answer in a JSON code block, not in other code", () => {
    assert.equal(correct('```json\n{"answer": 5}\n```', "5"), true);
    assert.equal(correct("```python\nprint(5)\n```", "5"), false);
  });

  it("reads an answer after a label set in text", () => {
    assert.equal(correct("\\textbf{Answer:} $42$", "42"), true);
    assert.equal(correct("\\text{ Answer: } 7", "7"), true);
    assert.equal(correct("\\textbf{Final Answer:} $\\frac{1}{2}$", "0.5"), true);
    assert.equal(correct("\\textbf{Answer:} 13", "12"), false);
  });
});

/** Classes found by grading other public graders' test pairs (hendrycks, MARIO, NeMo-Skills, rllm, SkyThought…). */
describe("checkAnswer: classes from other graders' test pairs", () => {
  it("undoes a doubled backslash before a math command in text otherwise escaped once", () => {
    assert.equal(correct("\\\\dfrac{1}{2} + \\dfrac{1}{72}", "\\frac{1}{2}+\\frac{1}{72}"), true);
    assert.equal(correct("\\\\dfrac{1}{2} + \\dfrac{1}{72}", "72"), false);
    assert.equal(correct("\\\\frac{1}{2}\\cdot 3", "3"), false);
    assert.equal(correct("\\boxed{1+3\\\\sqrt{2}}", "1+3\\sqrt2"), true);
  });

  it("proves high powers equal near ±1 when they overflow elsewhere", () => {
    assert.equal(correct("11z^17(11z^17+5)", "11z^{17}(5+11z^{17})"), true);
    assert.equal(correct("121z^{34}+55z^{17}", "11z^{17}(5+11z^{17})"), true);
    assert.equal(correct("z^{34}+1", "z^{34}"), false);
    assert.equal(correct("z^{100}(z+1)", "z^{101}+z^{100}+1"), false);
  });

  it("checks an exact answer's stated approximation in a bare response too", () => {
    assert.equal(correct("\\frac{\\sqrt{3}}{3} \\approx 0.577", "\\frac{\\sqrt{3}}{3}"), true);
    assert.equal(correct("\\frac{\\sqrt{3}}{3} \\approx 0.9", "\\frac{\\sqrt{3}}{3}"), false);
    assert.equal(correct("approx 25", "25"), false);
  });

  it("reads a leading option letter with its text, and a lower-case letter in parentheses", () => {
    assert.equal(correct("C. x = 42", "C"), true);
    assert.equal(correct("C) 42", "C"), true);
    assert.equal(correct("(c)", "C"), true);
    assert.equal(correct("C. x = 42", "D"), false);
    assert.equal(correct("A. 5 or B. 6", "A"), false);
    assert.equal(correct("\\mathrm{E}*2", "E"), false);
  });

  it("reads the pronoun I as no option", () => {
    assert.equal(correct("I choose option B.", "B"), true);
    assert.equal(correct("I'm confident: (B)", "B"), true);
    assert.equal(correct("I choose option B.", "C"), false);
    assert.equal(correct("I think (A) or (B).", "B"), false);
  });

  it("reads digits grouped by ,\\! in twos as one number", () => {
    assert.equal(correct("56,\\!01,\\!78,\\!95,\\!760", "56017895760"), true);
    assert.equal(correct("56,\\!01,\\!78,\\!95,\\!760", "56017895761"), false);
    assert.equal(correct("(1,\\!2)", "(1,2)"), true);
  });

  it("reads square and cubic units after the last number", () => {
    assert.equal(correct("58 square units", "58"), true);
    assert.equal(correct("The area is 58 square feet.", "58"), true);
    assert.equal(correct("It is 5 square", "5"), false);
  });
});

describe("checkAnswer: amounts with units in sentences and lists", () => {
  it("reads an amount in descending units stated in a sentence as one amount", () => {
    assert.equal(correct("So the total is 5 feet 4 inches.", "64"), true);
    assert.equal(correct("It takes 4 hours and 30 minutes.", "4.5"), true);
    assert.equal(correct("The answer is 4 hours and 30 minutes.", "270"), true);
    // Not the last number alone, and not a list of two.
    assert.equal(correct("So the total is 5 feet 4 inches.", "4"), false);
    assert.equal(correct("It takes 4 hours and 30 minutes.", "4, 30"), false);
    assert.equal(correct("It takes 4 hours and 30 minutes.", "5"), false);
    // A qualified amount is still qualified.
    assert.equal(correct("So the total is about 5 feet 4 inches.", "64"), false);
  });

  it("compares a list whose elements carry one unit as the list of amounts, and different units as different", () => {
    assert.equal(correct("The answer is $\\boxed{3 cm, 4 cm}$", "3, 4"), true);
    assert.equal(correct("The sides are 3 m and 4 m.", "3, 4"), true);
    assert.equal(correct("The sides are 3 m and 4 m.", "3, 5"), false);
    assert.equal(correct("$\\boxed{3 \\text{ centimeters}, 4 \\text{ centimeters}}$", "3 cm, 4 cm"), true);
    assert.equal(correct("$\\boxed{3 m, 4 m}$", "3 cm, 4 cm"), false);
  });
});

describe("checkAnswer: clock times", () => {
  it("compares a gold that can only be a time of day as a time, not as a ratio", () => {
    assert.equal(correct("\\boxed{1:10}", "3:30"), false, "3:30 is half past three, not the ratio 1:10");
    assert.equal(correct("\\boxed{3:30}", "3:30"), true);
    assert.equal(correct("\\boxed{15:30}", "3:30"), true);
    assert.equal(correct("\\boxed{3:30 \\text{ p.m.}}", "3:30"), true);
    assert.equal(correct("\\boxed{3:30 \\text{ PM}}", "15:30"), true);
    assert.equal(correct("\\boxed{3:30 \\text{ a.m.}}", "15:30"), false);
    assert.equal(correct("\\boxed{12:00}", "1:00"), false);
  });

  it("keeps a ratio in lowest terms a ratio", () => {
    assert.equal(correct("\\boxed{32:50}", "16:25"), true);
    assert.equal(correct("\\boxed{\\frac{16}{25}}", "16:25"), true);
    assert.equal(correct("\\boxed{16:24}", "16:25"), false);
  });
});
