/**
 * wrong.jsonl: plainly wrong answers and near misses, written as honestly as right ones (no tricks).
 * Every case is `correct: false`.
 */
import type { CaseOptions } from "../schema.ts";
import { type Gold, isPlain, LATEX_WRAPPERS, PLAIN_WRAPPERS, R, rngFor, SuiteBuilder } from "./common.ts";

/** [family, wrong answer, why]. */
type Miss = [string, string, string];

const NEAR_MISSES: [Gold, Miss[]][] = [
  [
    "46",
    [
      ["off-by-one", "45", "one less"],
      ["off-by-one", "47", "one more"],
      ["wrong-sign", "-46", "sign"],
      ["magnitude", "460", "ten times"],
      ["digits", "64", "digits swapped"],
    ],
  ],
  [
    "720",
    [
      ["off-by-one", "719", "one less"],
      ["off-by-one", "721", "one more"],
      ["magnitude", "72", "a tenth"],
      ["wrong-value", "360", "half"],
      ["wrong-value", "5!", "5! is 120"],
    ],
  ],
  [
    "025",
    [
      ["off-by-one", "24", "one less"],
      ["off-by-one", "26", "one more"],
      ["digits", "52", "digits swapped"],
      ["digits", "250", "a trailing zero"],
    ],
  ],
  [
    113,
    [
      ["off-by-one", "112", "one less"],
      ["off-by-one", "114", "one more"],
      ["digits", "131", "digits swapped"],
    ],
  ],
  [
    142,
    [
      ["off-by-one", "141", "one less"],
      ["off-by-one", "143", "one more"],
      ["wrong-value", "144", "a near value"],
    ],
  ],
  [
    -4,
    [
      ["wrong-sign", "4", "sign dropped"],
      ["off-by-one", "-3", "one more"],
      ["off-by-one", "-5", "one less"],
    ],
  ],
  [
    "-128",
    [
      ["wrong-sign", "128", "sign dropped"],
      ["wrong-value", "-256", "double"],
      ["wrong-value", "-64", "half"],
    ],
  ],
  [
    70,
    [
      ["magnitude", "7", "a tenth"],
      ["magnitude", "700", "ten times"],
      ["off-by-one", "71", "one more"],
    ],
  ],
  [
    "902",
    [
      ["digits", "920", "digits swapped"],
      ["digits", "209", "reversed"],
      ["off-by-one", "901", "one less"],
    ],
  ],
  [
    0,
    [
      ["off-by-one", "1", "one more"],
      ["wrong-value", R`\emptyset`, "no value instead of zero"],
    ],
  ],
  [
    R`\frac{1}{8}`,
    [
      ["reciprocal", "8", "the reciprocal"],
      ["wrong-value", R`\frac{1}{4}`, "a quarter"],
      ["wrong-value", "0.8", "not an eighth"],
      ["wrong-value", R`\frac{3}{8}`, "three eighths"],
    ],
  ],
  [
    R`\dfrac{17}{50}`,
    [
      ["wrong-value", R`\frac{17}{25}`, "double"],
      ["reciprocal", R`\frac{50}{17}`, "the reciprocal"],
      ["wrong-value", "0.35", "a near decimal"],
    ],
  ],
  [
    R`-\frac{24}{25}`,
    [
      ["wrong-sign", R`\frac{24}{25}`, "sign dropped"],
      ["reciprocal", R`-\frac{25}{24}`, "the reciprocal"],
      ["wrong-value", R`-\frac{7}{25}`, "the cosine, not the sine"],
    ],
  ],
  [
    R`\frac{14}{3}`,
    [
      ["reciprocal", R`\frac{3}{14}`, "the reciprocal"],
      ["wrong-value", R`\frac{13}{3}`, "a near fraction"],
      ["wrong-value", "4.6", "4.6 is not 14/3"],
      ["wrong-value", R`4\frac{1}{3}`, "four and a third"],
    ],
  ],
  [
    R`\frac{3}{56}`,
    [
      ["wrong-value", R`\frac{3}{65}`, "digits swapped in the denominator"],
      ["wrong-value", R`\frac{1}{56}`, "a third of it"],
    ],
  ],
  [
    R`\sqrt{51}`,
    [
      ["dropped-root", "51", "the root was dropped"],
      ["wrong-root", R`\sqrt{53}`, "another radicand"],
      ["wrong-root", R`\sqrt{15}`, "digits swapped"],
      ["wrong-value", "7", "the integer part"],
    ],
  ],
  [
    R`2\sqrt{5}`,
    [
      ["wrong-root", R`5\sqrt{2}`, "coefficient and radicand swapped"],
      ["wrong-root", R`\sqrt{5}`, "coefficient dropped"],
      ["wrong-root", R`2\sqrt{3}`, "another radicand"],
      ["wrong-root", R`4\sqrt{5}`, "double"],
    ],
  ],
  [
    R`\frac{\sqrt{3}}{3}`,
    [
      ["wrong-root", R`\sqrt{3}`, "denominator dropped"],
      ["wrong-root", R`\frac{\sqrt{3}}{2}`, "another denominator"],
      ["wrong-root", R`\frac{\sqrt{2}}{3}`, "another radicand"],
    ],
  ],
  [
    R`\frac{\sqrt{21}}{5}`,
    [
      ["wrong-root", R`\frac{21}{5}`, "the root was dropped"],
      ["wrong-root", R`\frac{\sqrt{21}}{25}`, "the denominator squared"],
    ],
  ],
  [
    R`70 \sqrt{2}`,
    [
      ["wrong-root", "70", "the root was dropped"],
      ["wrong-root", R`35\sqrt{2}`, "half"],
      ["wrong-root", R`70\sqrt{3}`, "another radicand"],
    ],
  ],
  [
    R`288 \pi`,
    [
      ["dropped-factor", "288", "pi was dropped"],
      ["wrong-value", R`144\pi`, "half"],
      ["wrong-value", R`288\pi^2`, "pi squared"],
    ],
  ],
  [
    R`12\pi`,
    [
      ["dropped-factor", "12", "pi was dropped"],
      ["wrong-value", R`6\pi`, "half"],
      ["wrong-value", R`12\pi^2`, "pi squared"],
    ],
  ],
  [
    R`-\frac{\pi}{6}`,
    [
      ["wrong-sign", R`\frac{\pi}{6}`, "sign dropped"],
      ["wrong-value", R`-\frac{\pi}{3}`, "another angle"],
      ["wrong-value", R`\frac{5\pi}{6}`, "the supplement"],
    ],
  ],
  [
    R`18+2\pi`,
    [
      ["wrong-value", R`18+\pi`, "a term halved"],
      ["wrong-value", R`18-2\pi`, "sign of a term"],
      ["wrong-value", R`20\pi`, "terms added wrongly"],
    ],
  ],
  [
    "3.21",
    [
      ["decimal-near", "3.22", "off in the last stated digit"],
      ["decimal-near", "3.12", "digits swapped"],
      ["decimal-near", "32.1", "decimal point moved"],
    ],
  ],
  [
    "0.15",
    [
      ["decimal-near", "0.16", "off in the last digit"],
      ["decimal-near", "1.5", "decimal point moved"],
      ["decimal-near", "0.51", "digits swapped"],
    ],
  ],
  [
    "326.5",
    [
      ["decimal-near", "325.5", "one less"],
      ["decimal-near", "326.6", "off in the last digit"],
    ],
  ],
  [
    ["0.112\n"],
    [
      ["decimal-near", "0.121", "digits swapped"],
      ["decimal-near", "0.113", "off in the last digit"],
    ],
  ],
  [
    ["35.06\n"],
    [
      ["decimal-near", "35.6", "a digit dropped"],
      ["decimal-near", "36.05", "digits swapped"],
    ],
  ],
  [
    "x^3+3x-6",
    [
      ["wrong-expression", "x^3+3x+6", "sign of the constant"],
      ["wrong-expression", "x^3-3x-6", "sign of the linear term"],
      ["wrong-expression", "x^3+3x", "constant dropped"],
    ],
  ],
  [
    "8n^2 + 4n + 1",
    [
      ["wrong-expression", "8n^2+4n-1", "sign of the constant"],
      ["wrong-expression", "4n^2+8n+1", "coefficients swapped"],
      ["wrong-expression", "8n^2+4n", "constant dropped"],
    ],
  ],
  [
    "p - q",
    [
      ["wrong-sign", "q - p", "the opposite"],
      ["wrong-expression", "p + q", "sign of a term"],
    ],
  ],
  [
    "(a+5)(b+2)",
    [
      ["wrong-expression", "(a+2)(b+5)", "constants swapped"],
      ["wrong-expression", "(a+5)(b-2)", "a sign"],
    ],
  ],
  [
    "x^2+2x+1",
    [
      ["wrong-expression", "(x-1)^2", "the other square"],
      ["wrong-expression", "(x+1)^3", "another power"],
    ],
  ],
  [
    "6 - 5i",
    [
      ["conjugate", "6+5i", "the conjugate"],
      ["wrong-value", "5-6i", "parts swapped"],
      ["wrong-value", "6", "imaginary part dropped"],
    ],
  ],
  [
    "1+274i",
    [
      ["conjugate", "1-274i", "the conjugate"],
      ["wrong-value", "274+i", "parts swapped"],
    ],
  ],
  [
    "(6,31,-1)",
    [
      ["swapped-tuple", "(6,-1,31)", "an ordered triple in another order"],
      ["wrong-sign", "(6,31,1)", "a sign"],
      ["partial-tuple", "(6,31)", "a component missing"],
    ],
  ],
  [
    "(15,-29)",
    [
      ["swapped-tuple", "(-29,15)", "an ordered pair reversed"],
      ["wrong-sign", "(15,29)", "a sign"],
      ["wrong-sign", "(-15,-29)", "a sign"],
    ],
  ],
  [
    R`\left( \frac{3}{2}, -13 \right)`,
    [
      ["swapped-tuple", R`\left(-13, \frac{3}{2}\right)`, "pair reversed"],
      ["reciprocal", R`\left(\frac{2}{3}, -13\right)`, "a reciprocal"],
    ],
  ],
  [
    "(8,-2)",
    [
      ["swapped-tuple", "(-2,8)", "pair reversed"],
      ["wrong-sign", "(8,2)", "a sign"],
    ],
  ],
  [
    "(1,-16,-4,43)",
    [
      ["swapped-tuple", "(1,-4,-16,43)", "two components swapped"],
      ["partial-tuple", "(1,-16,-4)", "a component missing"],
    ],
  ],
  [
    R`(-\infty, 0]`,
    [
      ["interval-bracket", R`(-\infty, 0)`, "the endpoint must be included"],
      ["wrong-interval", R`[0, \infty)`, "the other side"],
      ["wrong-interval", R`(-\infty, 1]`, "another endpoint"],
    ],
  ],
  [
    "(3,4]",
    [
      ["interval-bracket", "[3,4]", "3 must be excluded"],
      ["interval-bracket", "(3,4)", "4 must be included"],
      ["interval-bracket", "[3,4)", "both brackets wrong"],
    ],
  ],
  [
    R`(2,\infty)`,
    [
      ["interval-bracket", R`[2,\infty)`, "2 must be excluded"],
      ["wrong-interval", R`(-\infty, 2)`, "the other side"],
      ["wrong-interval", R`(3,\infty)`, "another endpoint"],
    ],
  ],
  [
    R`(-\infty, 2) \cup (3, \infty)`,
    [
      ["wrong-interval", R`(2,3)`, "the complement"],
      ["interval-bracket", R`(-\infty, 2] \cup [3, \infty)`, "endpoints must be excluded"],
      ["wrong-interval", R`(-\infty, 2)`, "a piece missing"],
    ],
  ],
  [
    R`x \in [-2,7]`,
    [
      ["interval-bracket", "(-2,7)", "endpoints must be included"],
      ["wrong-interval", "[-7,2]", "endpoints swapped and negated"],
    ],
  ],
  [
    R`(-\sqrt{3}, \sqrt{3})`,
    [
      ["interval-bracket", R`[-\sqrt{3}, \sqrt{3}]`, "endpoints must be excluded"],
      ["wrong-interval", R`(-3, 3)`, "the root dropped"],
    ],
  ],
  [
    R`\left(\frac{3}{5},\frac{8}{3}\right]`,
    [
      ["interval-bracket", R`\left(\frac{3}{5},\frac{8}{3}\right)`, "8/3 must be included"],
      ["wrong-interval", R`\left(\frac{5}{3},\frac{8}{3}\right]`, "a reciprocal endpoint"],
    ],
  ],
  [
    "1,-2",
    [
      ["missing-element", "1", "a root missing"],
      ["missing-element", "-2", "a root missing"],
      ["wrong-sign", "-1, 2", "signs swapped"],
    ],
  ],
  [
    "3, 5, 7",
    [
      ["missing-element", "3, 5", "an element missing"],
      ["wrong-value", "3, 5, 9", "a wrong element"],
    ],
  ],
  [
    [R`$\frac{1}{3},-2,5$`],
    [
      ["missing-element", R`\frac{1}{3}, 5`, "an element missing"],
      ["reciprocal", R`3, -2, 5`, "a reciprocal"],
    ],
  ],
  [
    R`1 \pm \sqrt{19}`,
    [
      ["missing-element", R`1 + \sqrt{19}`, "one root only"],
      ["wrong-root", R`1 \pm \sqrt{17}`, "another radicand"],
    ],
  ],
  [
    R`\{1\pm\sqrt{5},-2\}`,
    [
      ["missing-element", R`1\pm\sqrt{5}`, "an element missing"],
      ["wrong-sign", R`1\pm\sqrt{5}, 2`, "a sign"],
    ],
  ],
  [
    R`\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`,
    [
      ["matrix-entry", R`\begin{pmatrix} 1 & 3 \\ 2 & 4 \end{pmatrix}`, "the transpose"],
      ["matrix-entry", R`\begin{pmatrix} 1 & 2 \\ 3 & 5 \end{pmatrix}`, "an entry off"],
    ],
  ],
  [
    R`\begin{pmatrix} -7 \\ 16 \\ 5 \end{pmatrix}`,
    [
      ["matrix-entry", R`\begin{pmatrix} -7 \\ 16 \\ -5 \end{pmatrix}`, "a sign"],
      ["matrix-entry", R`\begin{pmatrix} 16 \\ -7 \\ 5 \end{pmatrix}`, "entries swapped"],
    ],
  ],
  [
    R`\begin{pmatrix} 1/5 \\ -18/5 \end{pmatrix}`,
    [
      ["matrix-entry", R`\begin{pmatrix} 5 \\ -18/5 \end{pmatrix}`, "a reciprocal entry"],
      ["matrix-entry", R`\begin{pmatrix} 1 \\ -18 \end{pmatrix}`, "the common factor dropped"],
    ],
  ],
  [
    R`90^\circ`,
    [
      ["wrong-angle", R`\frac{\pi}{3}`, "sixty degrees"],
      ["wrong-angle", "45", "another angle"],
      ["wrong-angle", R`180^\circ`, "double"],
    ],
  ],
  [
    R`120^\circ`,
    [
      ["wrong-angle", R`60^\circ`, "the supplement"],
      ["wrong-angle", R`\frac{\pi}{3}`, "sixty degrees in radians"],
      ["wrong-angle", "240", "another angle"],
    ],
  ],
  [
    R`30^\circ`,
    [
      ["wrong-angle", R`\frac{\pi}{3}`, "sixty degrees"],
      ["wrong-angle", "60", "the complement"],
    ],
  ],
  [
    R`\text{Evelyn}`,
    [
      ["wrong-text", "Navin", "another person"],
      ["wrong-text", R`\text{Olivia}`, "another person"],
    ],
  ],
  [
    R`\text{east}`,
    [
      ["wrong-text", "west", "the opposite direction"],
      ["wrong-text", R`\text{north}`, "another direction"],
    ],
  ],
  [
    R`\text{ellipse}`,
    [
      ["wrong-text", R`\text{hyperbola}`, "another conic"],
      ["wrong-text", "parabola", "another conic"],
    ],
  ],
  [
    R`\text{even}`,
    [
      ["wrong-text", R`\text{odd}`, "the other parity"],
      ["wrong-text", R`\text{neither}`, "another classification"],
    ],
  ],
  [
    R`\text{(B)}`,
    [
      ["wrong-letter", "C", "another option"],
      ["wrong-letter", "(A)", "another option"],
      ["wrong-letter", R`\textbf{(D)}`, "another option"],
    ],
  ],
  [
    "C",
    [
      ["wrong-letter", "B", "another option"],
      ["wrong-letter", R`\text{(E)}`, "another option"],
    ],
  ],
  [
    R`5 \text{ cm}`,
    [
      ["other-unit", R`50 \text{ cm}`, "ten times"],
      ["other-unit", R`5 \text{ mm}`, "the wrong unit"],
      ["other-unit", R`0.5 \text{ m}`, "wrong conversion"],
    ],
  ],
  [
    R`150 \text{ cm}`,
    [
      ["other-unit", R`15 \text{ m}`, "wrong conversion"],
      ["other-unit", R`1.5 \text{ cm}`, "wrong conversion"],
    ],
  ],
  [
    R`3 \text{ hours}`,
    [
      ["other-unit", R`300 \text{ minutes}`, "decimal minutes"],
      ["other-unit", R`30 \text{ minutes}`, "wrong conversion"],
    ],
  ],
  [
    R`2.5 \text{ kJ}`,
    [
      ["other-unit", R`250 \text{ J}`, "wrong conversion"],
      ["other-unit", R`25 \text{ kJ}`, "ten times"],
    ],
  ],
  [
    R`15\mbox{ cm}^2`,
    [
      ["other-unit", R`0.15 \text{ m}^2`, "square units converted linearly"],
      ["other-unit", R`150 \text{ mm}^2`, "wrong conversion (15 cm² is 1500 mm²)"],
    ],
  ],
  [
    R`\$36`,
    [
      ["other-unit", R`\$3.60`, "a tenth"],
      ["other-unit", R`\$360`, "ten times"],
    ],
  ],
  [R`\frac{1}{2}`, [["percent-slip", R`5\%`, "five percent"]]],
  ["0.15", [["percent-slip", R`1.5\%`, "a percent of the wrong scale"]]],
  [
    ["1e11\n"],
    [
      ["magnitude", "10^{10}", "a power off"],
      ["magnitude", "1e12", "a power off"],
    ],
  ],
  [
    [`${R`4.45 \times 10^{15}`}\n`],
    [
      ["magnitude", R`4.45 \times 10^{14}`, "a power off"],
      ["decimal-near", R`4.54 \times 10^{15}`, "digits swapped"],
    ],
  ],
  [
    [R`7.5 \times 10^7`],
    [
      ["magnitude", "7500000", "a power off"],
      ["decimal-near", R`5.7 \times 10^7`, "digits swapped"],
    ],
  ],
  [
    "y = 2x + 3",
    [
      ["wrong-expression", "y = 3x + 2", "slope and intercept swapped"],
      ["wrong-expression", "y = 2x - 3", "sign of the intercept"],
    ],
  ],
  [
    "2k+2",
    [
      ["wrong-expression", "2k+1", "off by one"],
      ["wrong-expression", "k+2", "a factor dropped"],
    ],
  ],
  [
    "204_5",
    [
      ["wrong-value", "204_6", "another base"],
      ["wrong-value", "402_5", "digits reversed"],
    ],
  ],
  [
    R`\cot x`,
    [
      ["wrong-expression", R`\tan x`, "the reciprocal function"],
      ["wrong-expression", R`\cos x`, "another function"],
    ],
  ],
  [
    "5r^5",
    [
      ["wrong-expression", "5r^4", "another power"],
      ["wrong-expression", "r^5", "coefficient dropped"],
    ],
  ],
  [
    R`11 \sqrt{5} + 11`,
    [
      ["wrong-root", R`11\sqrt{5}`, "a term dropped"],
      ["wrong-root", R`11\sqrt{5} - 11`, "sign of a term"],
    ],
  ],
  [
    "7:32",
    [
      ["wrong-value", "32:7", "the ratio reversed"],
      ["wrong-value", "7:23", "digits swapped"],
    ],
  ],
];

/** Responses that give no answer, or an answer to another question, without any trick. */
const PLAIN_WRONG: [string, string, Gold, string][] = [
  ["no-answer", "I don't know.", "46", "no answer"],
  ["no-answer", "", "720", "an empty response"],
  ["no-answer", "Let me think about this problem step by step.", R`\frac{1}{8}`, "no answer"],
  ["no-answer", "The problem is underdetermined.", "(3,4]", "a claim, not the answer"],
  ["no-answer", R`\boxed{\text{No solution}}`, "1,-2", "says there is no solution"],
  ["no-answer", "There is no such number.", "113", "denies existence"],
  ["wrong-value", "The answer is 6 apples.", "12", "a sentence with another number"],
  ["wrong-value", "Final Answer: The final answer is 13. I hope it is correct.", "12", "another number"],
  ["wrong-value", "الإجابة هي ٤٥", "46", "Arabic-Indic digits of another number"],
  ["wrong-value", "答案是 47。", "46", "another number, Chinese"],
  ["wrong-value", "La réponse est 0,5.", R`\frac{1}{4}`, "a French decimal of another value"],
  ["wrong-value", "\\boxed{４５}", "46", "full-width digits of another number"],
  ["wrong-value", R`\boxed{x = 6}`, "x=5", "another labelled value"],
  ["wrong-value", R`\boxed{k = 4}`, "5", "another labelled value"],
  ["wrong-value", R`\boxed{(p, q) = (2, 3)}`, "(3, 2)", "an ordered pair reversed under a label"],
  ["wrong-value", R`\boxed{x = 5 + 5 + 1 = 12}`, "11", "the chain ends in another number"],
  ["wrong-value", R`\boxed{\frac{\sqrt2}{2} \approx 0.707}`, R`\frac{\sqrt{3}}{3}`, "another exact value"],
  ["wrong-value", R`\boxed{1}, \boxed{3}`, "1, 2", "one of the two parts wrong"],
  ["wrong-value", "#### 45", "46", "GSM8K marker with another number"],
  ["wrong-value", "<answer>719</answer>", "720", "answer tags around another number"],
  ["wrong-value", "sqrt(53)", R`\sqrt{51}`, "another plain-text root"],
  ["wrong-value", R`\boxed{0 < f(x) \le 1}`, "(0, 1)", "the range must exclude 1"],
  ["wrong-value", R`\boxed{x < 0}`, R`(-\infty, 0]`, "0 must be included"],
  ["wrong-value", R`\boxed{3 \le x \le 4}`, "(3,4]", "3 must be excluded"],
  ["wrong-value", "Ответ: 3 минуты.", R`3 \text{ hours}`, "minutes, not hours"],
  ["wrong-value", R`\boxed{\frac{\pi}{3}}`, R`90^\circ`, "sixty degrees, not ninety"],
  ["wrong-value", R`\boxed{40\%}`, R`\frac{1}{2}`, "forty percent is not a half"],
  ["wrong-value", R`\boxed{1.5 \text{ cm}}`, R`150 \text{ cm}`, "a hundredth of the length"],
  ["wrong-value", "The ratio is 32:7.", "7:32", "a reversed ratio"],
  [
    "wrong-value",
    R`\boxed{\begin{pmatrix} -1 & 0 \\ 0 & 1 \end{pmatrix}}`,
    R`\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix}`,
    "an entry's sign",
  ],
];

/** Options never stretch to these. */
const OPTION_CASES: [string, Gold, string, CaseOptions][] = [
  [R`\boxed{3}`, R`\pi`, "outside a 1% tolerance", { relativeTolerance: 0.01 }],
  [R`\boxed{3.1}`, R`\pi`, "outside a 0.1% tolerance", { relativeTolerance: 0.001 }],
  [R`\boxed{0.3}`, R`\frac13`, "outside a 5% tolerance", { relativeTolerance: 0.05 }],
  [R`\boxed{7}`, R`\sqrt{51}`, "outside a 1% tolerance", { relativeTolerance: 0.01 }],
  [R`\boxed{(2, 1)}`, "(1, 2)", "ordered lists requested", { listOrder: "ordered" }],
  [R`\boxed{50\%}`, "50", "percent as a fraction requested: 50% is 0.5", { percent: "fraction" }],
  [R`\boxed{50\%}`, "0.5", "percent as a number requested: 50% is 50", { percent: "number" }],
  [R`\boxed{46}`, "46", "the closing </think> is required and missing", { requireThinkClose: true }],
  [
    "The answer is \\boxed{720}.",
    "720",
    "the closing </think> is required and missing",
    { requireThinkClose: true },
  ],
  [
    R`\boxed{(1, 2, 4)}`,
    "(1, 2, 3)",
    "unordered lists still need the same elements",
    { listOrder: "unordered" },
  ],
];

export function buildWrong(): SuiteBuilder {
  const b = new SuiteBuilder(false);
  const rng = rngFor("wrong");
  for (const [gold, misses] of NEAR_MISSES) {
    for (const [family, answer, why] of misses) {
      const plainWrap = isPlain(answer) && rng.int(3) === 0;
      const response = plainWrap ? rng.pick(PLAIN_WRAPPERS)(answer) : rng.pick(LATEX_WRAPPERS)(answer, rng);
      b.add(family, response, gold, why);
    }
  }
  for (const [family, response, gold, why] of PLAIN_WRONG) b.add(family, response, gold, why);
  for (const [response, gold, why, options] of OPTION_CASES)
    b.add("option-limits", response, gold, why, options);
  return b;
}
