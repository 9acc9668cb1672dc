/**
 * recall.jsonl: right answers written the many ways models and graders' own test suites write them.
 * Every case is `correct: true`: a checker that rejects one of these withholds an earned reward.
 */
import {
  box,
  filler,
  type Gold,
  isPlain,
  LATEX_WRAPPERS,
  PLAIN_WRAPPERS,
  PREAMBLES,
  R,
  type Rng,
  rngFor,
  SuiteBuilder,
} from "./common.ts";

const RECALL_LATEX_WRAPPERS: ((a: string, rng: Rng) => string)[] = [
  ...LATEX_WRAPPERS,
  (a, rng) => `${rng.pick(PREAMBLES)}So the final answer is: \\boxed{${a}}`,
  (a) => `Putting everything together,\n$$${a}$$`,
];

/** Golds as benchmarks store them, each with spellings that equal it. */
const EQUIVALENT: [Gold, string[]][] = [
  ["46", ["46", "46.0", R`\textbf{46}`, "+46", "46.00"]],
  ["025", ["25", "025"]],
  [142, ["142", "142.0"]],
  [-4, ["-4", "\u22124", "-4.0"]],
  [70, ["70", "070"]],
  ["720", ["720", "720.0"]],
  [
    R`\frac{1}{8}`,
    [R`\frac18`, R`\dfrac{1}{8}`, "1/8", "0.125", R`\tfrac{1}{8}`, R`\frac{2}{16}`, "8^{-1}", R`12.5\%`],
  ],
  [R`\dfrac{17}{50}`, [R`\frac{17}{50}`, "0.34", R`34\%`, "17/50"]],
  [R`-\frac{24}{25}`, [R`\frac{-24}{25}`, R`\frac{24}{-25}`, "-0.96", "-24/25"]],
  [R`\frac{14}{3}`, ["14/3", R`\frac{28}{6}`, R`4.\overline{6}`]],
  [R`\sqrt{51}`, [R`\sqrt{51}`, "sqrt(51)", "51^{1/2}", R`\sqrt {51}`, "√51"]],
  [R`2\sqrt{5}`, [R`\sqrt{20}`, R`2 \sqrt 5`, "2*sqrt(5)", "2√5"]],
  [R`\frac{\sqrt{3}}{3}`, [R`\frac{1}{\sqrt{3}}`, R`\frac{\sqrt3}{3}`, R`\sqrt{3}/3`, R`\frac{1}{\sqrt 3}`]],
  [R`\frac{\sqrt{21}}{5}`, [R`\sqrt{21}/5`, R`\frac{1}{5}\sqrt{21}`, R`\sqrt{\frac{21}{25}}`]],
  [R`70 \sqrt{2}`, [R`70\sqrt{2}`, "70*sqrt(2)", R`\sqrt{9800}`, R`70\sqrt2`]],
  [R`288 \pi`, [R`288\pi`, R`288 \cdot \pi`, R`\pi \cdot 288`, "288π"]],
  [R`-\frac{\pi}{6}`, [R`-\pi/6`, R`-\frac{1}{6}\pi`, R`\frac{-\pi}{6}`]],
  [R`18+2\pi`, [R`2\pi + 18`, R`2(9+\pi)`, "18 + 2π"]],
  [R`\frac{20000}{\pi}`, [R`20000/\pi`, R`20000\pi^{-1}`]],
  ["3.21", ["3.21", "3.210", "3.209", "3.2104"]],
  [".35625", ["0.35625", R`\frac{57}{160}`]],
  ["0.15", [".15", R`\frac{3}{20}`, R`15\%`]],
  ["326.5", ["326.50", R`\frac{653}{2}`]],
  [R`137 \frac{1}{2}`, ["137.5", R`\frac{275}{2}`]],
  [R`1\frac{4}{5}`, [R`\frac{9}{5}`, "1.8"]],
  ["x^3+3x-6", ["x^3 + 3x - 6", "3x + x^3 - 6", "x^{3}+3x-6", "-6 + 3x + x^3"]],
  ["8n^2 + 4n + 1", ["8n^2+4n+1", "1 + 4n + 8n^2", "4n(2n+1)+1"]],
  ["p - q", ["-q + p", "p-q"]],
  ["6 - 5i", ["6-5i", "-5i+6"]],
  ["1+274i", ["1 + 274i", "274i + 1"]],
  ["-2 + 7i", ["7i - 2"]],
  ["(6,31,-1)", ["(6, 31, -1)", R`\left(6,31,-1\right)`]],
  [R`\left( \frac{3}{2}, -13 \right)`, ["(3/2, -13)", "(1.5, -13)", R`\left(\frac32,-13\right)`]],
  [R`(-\infty, 0]`, [R`(-\infty,0]`, R`\left(-\infty, 0\right]`, "(-∞, 0]"]],
  ["(3,4]", ["(3, 4]", R`\left(3,4\right]`]],
  [R`(2,\infty)`, [R`(2, \infty)`, R`(2,+\infty)`]],
  [R`(-\infty, 2) \cup (3, \infty)`, [R`(3,\infty)\cup(-\infty,2)`, R`(-\infty,2)\cup(3,+\infty)`]],
  [R`x \in [-2,7]`, ["[-2,7]", "[-2, 7]"]],
  [R`\left(\frac{3}{5},\frac{8}{3}\right]`, ["(0.6, 8/3]", R`\left(\frac35, \frac83\right]`]],
  ["1,-2", ["-2, 1", "1, -2", R`\{-2, 1\}`]],
  ["3, 5, 7", ["7, 5, 3", "3,5,7", R`\{3,5,7\}`]],
  [R`\{1\pm\sqrt{5},-2\}`, [R`-2, 1+\sqrt{5}, 1-\sqrt{5}`, R`1 \pm \sqrt{5}, -2`]],
  [R`1 \pm \sqrt{19}`, [R`1+\sqrt{19}, 1-\sqrt{19}`, R`1 \pm \sqrt{19}`]],
  [
    R`\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix}`,
    [R`\begin{bmatrix} -1 & 0 \\ 0 & -1 \end{bmatrix}`, R`\begin{pmatrix}-1&0\\0&-1\end{pmatrix}`],
  ],
  [
    R`\begin{pmatrix} 1/5 \\ -18/5 \end{pmatrix}`,
    [
      R`\begin{pmatrix} \frac{1}{5} \\ -\frac{18}{5} \end{pmatrix}`,
      R`\begin{pmatrix} 0.2 \\ -3.6 \end{pmatrix}`,
    ],
  ],
  [R`\begin{pmatrix} -7 \\ 16 \\ 5 \end{pmatrix}`, [R`\begin{bmatrix}-7\\16\\5\end{bmatrix}`]],
  [
    R`\begin{pmatrix} 16/49 \\ 48/49 \\ 24/49 \end{pmatrix}`,
    [R`\begin{pmatrix} \frac{16}{49} \\ \frac{48}{49} \\ \frac{24}{49} \end{pmatrix}`],
  ],
  [R`90^\circ`, ["90", R`90^{\circ}`, "90°", R`90 \text{ degrees}`]],
  [R`\frac{270}7\text{ degrees}`, [R`\frac{270}{7}`, R`\frac{270}{7}^\circ`]],
  [R`\text{Evelyn}`, ["Evelyn", R`\text{Evelyn}`, R`\textbf{Evelyn}`, R`\mathrm{Evelyn}`]],
  [R`\text{east}`, ["East", R`\text{East}`, "east"]],
  [R`\text{ellipse}`, ["Ellipse", "ellipse"]],
  ["204_5", ["204_{5}"]],
  [["1e11\n"], ["10^{11}", R`1 \times 10^{11}`, "1e11"]],
  [[`${R`4.45 \times 10^{15}`}\n`], ["4.45e15", R`4.45\cdot10^{15}`, R`4.451 \times 10^{15}`]],
  [
    [R`7.5 \times 10^7`, `${R`7.5 \times 10^7`}\n`],
    ["75000000", "7.5e7", R`7.5\times10^{7}`],
  ],
  [["0.112\n"], ["0.112", "0.1124"]],
  ["x=5", ["5", "x = 5"]],
  ["y = 2x + 3", ["y=3+2x", "y = 2x+3"]],
  ["5x - 7y + 11z + 4 = 0", ["5x-7y+11z+4=0", "5x + 11z - 7y + 4 = 0"]],
  [R`\cot x`, [R`\cot(x)`]],
  ["2k+2", ["2(k+1)", "2 + 2k"]],
  [R`\pi`, ["π", R`\pi`]],
  ["3R^2", ["3R^{2}", "3 R^2"]],
  [R`11 \sqrt{5} + 11`, [R`11+11\sqrt5`, R`11(1+\sqrt{5})`]],
  [R`\frac{3\sqrt{3}}{4}`, [R`\frac{3}{4}\sqrt{3}`, R`0.75\sqrt{3}`]],
  [[R`$5 \sqrt[3]{4}$`], [R`5\cdot 4^{1/3}`, R`\sqrt[3]{500}`]],
  [[R`$\frac{189 \sqrt{11}}{11}$`], [R`\frac{189}{\sqrt{11}}`]],
  [[R`$10^{3},10$`], ["1000, 10", "10, 1000"]],
  [[R`$\frac{1}{3},-2,5$`], [R`5, -2, \frac13`]],
  [["$\\sqrt{26}$"], [R`\sqrt{26}`]],
  ["(x+1)^2", ["x^2+2x+1"]],
  ["x^2+2x+1", ["(x+1)^2"]],
  [R`\frac{\sqrt{2}}{2}`, [R`\frac{1}{\sqrt{2}}`, "2^{-1/2}"]],
  [R`\frac{3}{56}`, ["3/56"]],
  [R`\frac 59`, [R`\frac{5}{9}`, "5/9", R`0.\overline{5}`]],
  [R`\frac9{19}`, [R`\frac{9}{19}`]],
  [R`-\sqrt{3}`, [R`-\sqrt3`, "-sqrt(3)"]],
  [R`3 \sqrt{5}`, [R`\sqrt{45}`]],
  ["4.5", [R`\frac{9}{2}`, "4.50"]],
  ["1.25", [R`\frac54`]],
  [".0000672", [R`6.72 \times 10^{-5}`, "0.0000672"]],
  [R`\$18.90`, ["18.90", "18.9"]],
  [R`\frac{1}{2}`, [R`50\%`, "0.5", R`\frac{2}{4}`]],
];

type Hand = [family: string, response: string, gold: Gold, why: string];

const LABELLED: Hand[] = [
  ["labelled", R`\boxed{(p, q) = (3, 2)}`, "(3, 2)", "the label names the tuple; the value equals the gold"],
  ["labelled", R`\boxed{k = 5}`, "5", "a labelled value"],
  [
    "labelled",
    R`\boxed{x = -5, p = \frac{14}{3}}`,
    R`-5, \frac{14}{3}`,
    "labelled values of a two-part gold",
  ],
  ["labelled", "Thus $n = 12$.", "12", "a labelled value in the last math"],
  ["labelled", R`\boxed{a = 2, b = 3}`, "2, 3", "labelled parts of a list gold"],
  ["labelled", R`\boxed{(a,b,c) = (6,31,-1)}`, "(6,31,-1)", "a labelled tuple"],
  ["labelled", R`\boxed{x = 5}`, "5", "a labelled value"],
  ["labelled", "The answer is $m + n = 113$.", "113", "AIME style: the label is the requested expression"],
  ["labelled", R`\boxed{5}`, "x=5", "the label is on the gold only"],
  ["labelled", R`\boxed{3}`, "k = 3", "the label is on the gold only"],
  ["labelled", R`\boxed{AB = 12}`, "12", "a labelled length"],
  ["labelled", R`\boxed{P = \frac{1}{8}}`, R`\frac{1}{8}`, "a labelled probability"],
  ["labelled", R`\boxed{r = 2\sqrt{5}}`, R`2\sqrt{5}`, "a labelled radius"],
  ["labelled", R`So $\angle ABC = 120^\circ$.`, R`120^\circ`, "a labelled angle"],
  ["labelled", R`\boxed{\theta = \frac{\pi}{6}}`, R`\frac{\pi}{6}`, "a labelled angle in radians"],
  ["labelled", R`\boxed{(x, y) = (15, -29)}`, "(15,-29)", "a labelled pair"],
  ["labelled", R`\boxed{x = -5,\ p = \frac{14}{3}}`, R`x = -5, p = \frac{14}{3}`, "labels on both sides"],
  ["labelled", R`The smallest such integer is $N = 204$.`, "204", "a labelled integer"],
  ["labelled", R`\boxed{f(2) = 17}`, ["17"], "a labelled function value"],
  ["labelled", R`\boxed{(m, n) = (69, 84)}`, "(69, 84)", "a labelled pair"],
];

const AND_LISTS: Hand[] = [
  ["and-list", R`\boxed{-2 \text{ and } 1}`, "-2, 1", "a list written with 'and'"],
  ["and-list", R`\boxed{-2 \text{ and } 1}`, "1,-2", "a list with 'and', in another order"],
  ["and-list", "The solutions are $x = 1$ and $x = -2$.", "1,-2", "both solutions, joined with 'and'"],
  ["and-list", R`\boxed{3, 5, \text{ and } 7}`, "3, 5, 7", "an Oxford-comma list"],
  ["and-list", "The primes are 3, 5 and 7.", "3, 5, 7", "a list in a sentence"],
  ["and-list", R`\boxed{10 \text{ and } 1000}`, [R`$10^{3},10$`], "both values with 'and'"],
  ["and-list", R`$x = -2$ or $x = 1$`, "1,-2", "the two roots of an equation, joined with 'or'"],
  ["and-list", "方程的解为 $x = -2$ 和 $x = 1$。", "1,-2", "Chinese 'and' between the two roots"],
  ["and-list", R`\boxed{\frac{1}{3}, -2, \text{ and } 5}`, [R`$\frac{1}{3},-2,5$`], "a list with 'and'"],
  ["and-list", R`\boxed{69 \text{ and } 84}`, ["$69$,$84$"], "both values with 'and'"],
  ["and-list", R`\boxed{1+\sqrt{19} \text{ and } 1-\sqrt{19}}`, R`1 \pm \sqrt{19}`, "both roots with 'and'"],
  ["and-list", R`\boxed{x=1 \text{ or } x=-2}`, "1,-2", "the roots as a disjunction"],
  ["and-list", "Les solutions sont $-2$ et $1$.", "1,-2", "French 'and'"],
];

const CHAINED: Hand[] = [
  ["chained", R`\boxed{x = 5 + 5 + 1 = 11}`, "11", "the last side of a chain is the answer"],
  [
    "chained",
    R`\boxed{\frac{\sqrt3}{3} \approx 0.577}`,
    R`\frac{\sqrt{3}}{3}`,
    "the exact side of an approximation",
  ],
  ["chained", R`\boxed{2^{10} = 1024}`, "1024", "the value side"],
  ["chained", R`\boxed{\frac{6}{8} = \frac{3}{4}}`, R`\frac34`, "the simplified side"],
  ["chained", R`\boxed{12\pi \approx 37.70}`, R`12\pi`, "the exact side of an approximation"],
  ["chained", R`The total is $3 \cdot 4 \cdot 5 = 60$.`, "60", "the value side of a product"],
  ["chained", R`\boxed{\binom{10}{3} = 120}`, "120", "the value side"],
  ["chained", R`\boxed{m+n = 7 + 32 = 39}`, "39", "AIME style chain"],
  ["chained", R`\boxed{\sqrt{51} \approx 7.14}`, R`\sqrt{51}`, "exact then approximate"],
  ["chained", R`\boxed{288\pi \approx 904.78}`, R`288 \pi`, "exact then approximate"],
  [
    "chained",
    R`\boxed{P = \frac{5}{36} \approx 0.139}`,
    R`\frac{5}{36}`,
    "labelled exact value with an approximation",
  ],
  ["chained", R`So $N = 2^5 \cdot 3 = 96$.`, "96", "the value side"],
  ["chained", R`\boxed{\frac{20000}{\pi} \approx 6366}`, R`\frac{20000}{\pi}`, "exact then approximate"],
  ["chained", R`\boxed{x = \frac{-b}{2a} = \frac{3}{2}}`, R`\frac32`, "formula then value"],
  ["chained", R`\boxed{4! = 24}`, "24", "the value side"],
  ["chained", R`\boxed{1 - \frac{1}{8} = \frac{7}{8}}`, R`\frac{7}{8}`, "the value side"],
  [
    "chained",
    R`$$\text{Area} = \frac{1}{2} \cdot 6 \cdot 5 = 15$$`,
    R`15\mbox{ cm}^2`,
    "the value side, unit aside",
  ],
];

const MULTI_BOX: Hand[] = [
  ["multi-box", R`\boxed{1}, \boxed{2}`, "1, 2", "a two-part gold in two boxes"],
  ["multi-box", R`$\boxed{-2}$ and $\boxed{1}$`, "1,-2", "each root boxed"],
  [
    "multi-box",
    R`The solutions are $\boxed{3}$, $\boxed{5}$, and $\boxed{7}$.`,
    "3, 5, 7",
    "each value boxed",
  ],
  ["multi-box", R`\boxed{10} \quad \boxed{1000}`, [R`$10^{3},10$`], "each value boxed"],
  ["multi-box", R`$x = \boxed{69}$ or $x = \boxed{84}$`, ["$69$,$84$"], "each value boxed"],
  [
    "multi-box",
    R`\boxed{1 + \sqrt{19}} \text{ and } \boxed{1 - \sqrt{19}}`,
    R`1 \pm \sqrt{19}`,
    "each root boxed",
  ],
  ["multi-box", R`\boxed{5}, \boxed{-2}, \boxed{\frac13}`, [R`$\frac{1}{3},-2,5$`], "each value boxed"],
  ["multi-box", R`\boxed{1},\ \boxed{-1},\ \boxed{7},\ \boxed{-7}`, ["1,-1,7,-7"], "each value boxed"],
  ["multi-box", R`\boxed{2}, \boxed{1}`, "1, 2", "each value boxed, in another order"],
  ["multi-box", R`$\boxed{3}$ and $\boxed{-3}$`, "-3, 3", "each value boxed"],
  [
    "multi-box",
    R`\boxed{-2}, \boxed{1+\sqrt5}, \boxed{1-\sqrt5}`,
    R`\{1\pm\sqrt{5},-2\}`,
    "each element boxed",
  ],
  ["multi-box", "Die Lösungen sind $\\boxed{1}$ und $\\boxed{-2}$.", "1,-2", "German, each root boxed"],
];

const LANGUAGES: Hand[] = [
  ["language", "因此，答案是 46。", "46", "Chinese 'so the answer is'"],
  ["language", "最终答案：1/8", R`\frac{1}{8}`, "Chinese 'final answer'"],
  ["language", "答案为 25", "025", "Chinese, AIME gold with a leading zero"],
  ["language", "所以 x 的值是 5。", "x=5", "Chinese 'the value of x is'"],
  ["language", "الإجابة هي ٤٦", "46", "Arabic with Arabic-Indic digits"],
  ["language", "إذن الجواب النهائي هو 720", "720", "Arabic 'so the final answer is'"],
  ["language", "الجواب: ١١٣", 113, "Arabic-Indic digits"],
  ["language", "پاسخ ۴۶ است", "46", "Persian with Persian digits"],
  ["language", "جواب نهایی: ۷۲۰", "720", "Persian digits"],
  ["language", "उत्तर ४६ है।", "46", "Hindi with Devanagari digits"],
  ["language", "अतः उत्तर 720 है।", "720", "Hindi 'so the answer is'"],
  ["language", "उत्तर: ११३", 113, "Devanagari digits"],
  ["language", "La réponse est 46.", "46", "French"],
  ["language", "Donc la réponse finale est 0,75.", R`\frac{3}{4}`, "French decimal comma"],
  ["language", "La réponse est 5 centimètres.", R`5 \text{ cm}`, "French unit word"],
  ["language", "Ответ: 46.", "46", "Russian"],
  ["language", "Ответ: 0,15", "0.15", "Russian decimal comma"],
  ["language", "Ответ: 3 часа.", R`3 \text{ hours}`, "Russian unit word"],
  ["language", "La respuesta es 46.", "46", "Spanish"],
  ["language", "La respuesta final es 3 horas.", R`3 \text{ hours}`, "Spanish unit word"],
  ["language", "La respuesta es 3 horas.", "3", "Spanish unit word set aside for a bare gold"],
  ["language", "Die Antwort ist 46.", "46", "German"],
  ["language", "Die Lösung ist 12 Meter.", "12", "German unit word"],
  ["language", "Also ist die Antwort 326,5.", "326.5", "German decimal comma"],
  ["language", "答えは46です。", "46", "Japanese"],
  ["language", "答えは４６です。", "46", "Japanese with full-width digits"],
  ["language", "よって、答えは 720 です。", "720", "Japanese"],
  ["language", "따라서 답은 46입니다.", "46", "Korean"],
  ["language", "A resposta é 46.", "46", "Portuguese"],
  ["language", "La risposta è 46.", "46", "Italian"],
  ["language", "Vậy đáp án là 46.", "46", "Vietnamese"],
  ["language", "Jadi jawabannya adalah 46.", "46", "Indonesian"],
  ["language", "Cevap: 46", "46", "Turkish"],
  ["language", "答案是 5 厘米。", R`5 \text{ cm}`, "Chinese unit word"],
  ["language", "答案是 3 小时。", R`3 \text{ hours}`, "Chinese unit word"],
  ["language", "答案是 12 千克。", R`12 \text{ kg}`, "Chinese unit word"],
  ["language", "答えは 3 時間です。", R`3 \text{ hours}`, "Japanese unit word"],
  ["language", "Ответ: 12 кг.", R`12 \text{ kg}`, "Russian unit abbreviation"],
  ["language", "答案：１２", "12", "full-width digits"],
  ["language", "\\boxed{４６}", "46", "full-width digits in a box"],
  ["language", "Die Antwort lautet: Evelyn.", R`\text{Evelyn}`, "German, text answer"],
  ["language", "La réponse est (B).", R`\text{(B)}`, "French, choice letter"],
  ["language", "答案是 B。", R`\text{(B)}`, "Chinese, choice letter"],
  ["language", "Ответ: −4.", -4, "Russian with a Unicode minus"],
  ["language", "Réponse : -128", "-128", "French typography: space before the colon"],
  ["language", "الإجابة: ٢٠٤", "204", "Arabic-Indic digits"],
  ["language", "उत्तर ९०२ है", "902", "Devanagari digits"],
  ["language", "پاسخ نهایی ۱۷ است.", ["17"], "Persian digits"],
];

const FINAL_SENTENCES: Hand[] = [
  [
    "final-sentence",
    "Final Answer: The final answer is 12 apples. I hope it is correct.",
    "12",
    "counted noun after the number",
  ],
  [
    "final-sentence",
    "Final Answer: The final answer is $\\frac{1}{8}$. I hope it is correct.",
    R`\frac{1}{8}`,
    "Minerva format",
  ],
  ["final-sentence", "The final answer is 46.", "46", "a final-answer sentence"],
  [
    "final-sentence",
    "Final Answer: The final answer is 720 ways. I hope it is correct.",
    "720",
    "counted noun",
  ],
  [
    "final-sentence",
    "Final Answer: The final answer is Evelyn. I hope it is correct.",
    R`\text{Evelyn}`,
    "text answer",
  ],
  ["final-sentence", "Final Answer: The final answer is (3,2). I hope it is correct.", "(3,2)", "tuple"],
  ["final-sentence", "Final Answer: The final answer is 5 students.", "5", "counted noun"],
  ["final-sentence", "The final answer is $x = 5$.", "x=5", "labelled"],
  ["final-sentence", "Final answer: 113", "113", "bare final answer"],
  ["final-sentence", "**Final Answer**\n\n\\[\\boxed{46}\\]", "46", "heading then box"],
  [
    "final-sentence",
    "Final Answer: The final answer is 25 dollars. I hope it is correct.",
    "025",
    "a unit after the number",
  ],
  [
    "final-sentence",
    "Final Answer: The final answer is east. I hope it is correct.",
    R`\text{east}`,
    "text answer",
  ],
  [
    "final-sentence",
    "Final Answer: The final answer is B. I hope it is correct.",
    R`\text{(B)}`,
    "choice letter",
  ],
  ["final-sentence", "The final answer is: 3 hours", R`180 \text{ minutes}`, "the same duration"],
  [
    "final-sentence",
    "Final Answer: The final answer is 18 points. I hope it is correct.",
    "18",
    "counted noun",
  ],
  ["final-sentence", "Final Answer: The final answer is a total of 46 marbles.", "46", "a total of N things"],
  ["final-sentence", "#### 46", "46", "GSM8K answer marker"],
  ["final-sentence", "<answer>720</answer>", "720", "answer tags"],
  ["final-sentence", "<answer>\n\\frac{1}{8}\n</answer>", R`\frac{1}{8}`, "answer tags around LaTeX"],
  ["final-sentence", "ANSWER: 113", 113, "upper-case marker"],
  ["final-sentence", "The answer is 6 apples and that is all.", "6", "counted noun in a sentence"],
  ["final-sentence", "So, she has 17 marbles left.", ["17"], "the number in a sentence"],
  [
    "final-sentence",
    "Final Answer: The final answer is $\\boxed{90^\\circ}$. I hope it is correct.",
    R`90^\circ`,
    "box in the sentence",
  ],
];

const DOUBLE_BACKSLASH: Hand[] = [
  [
    "double-backslash",
    R`\\boxed{\\frac{1}{2}}`,
    R`\frac{1}{2}`,
    "doubled backslashes from double JSON escaping",
  ],
  ["double-backslash", R`The answer is $\\frac{1}{8}$.`, R`\frac{1}{8}`, "doubled backslashes"],
  ["double-backslash", R`\\boxed{\\sqrt{51}}`, R`\sqrt{51}`, "doubled backslashes"],
  ["double-backslash", R`\\boxed{288\\pi}`, R`288 \pi`, "doubled backslashes"],
  [
    "double-backslash",
    R`\\boxed{\\left(\\frac{3}{2}, -13\\right)}`,
    R`\left( \frac{3}{2}, -13 \right)`,
    "doubled",
  ],
  ["double-backslash", R`$\\dfrac{17}{50}$`, R`\dfrac{17}{50}`, "doubled backslashes"],
  ["double-backslash", R`\\[\\boxed{46}\\]`, "46", "doubled display delimiters"],
  ["double-backslash", R`\\boxed{\\text{Evelyn}}`, R`\text{Evelyn}`, "doubled backslashes"],
  ["double-backslash", R`\\boxed{90^\\circ}`, R`90^\circ`, "doubled backslashes"],
  ["double-backslash", R`\\boxed{(-\\infty, 0]}`, R`(-\infty, 0]`, "doubled backslashes"],
  ["double-backslash", R`\\boxed{2\\sqrt{5}}`, R`2\sqrt{5}`, "doubled backslashes"],
  [
    "double-backslash",
    R`Final Answer: The final answer is $\\frac{14}{3}$. I hope it is correct.`,
    R`\frac{14}{3}`,
    "doubled backslashes",
  ],
  ["double-backslash", R`\\(\\frac{\\sqrt{3}}{3}\\)`, R`\frac{\sqrt{3}}{3}`, "doubled inline delimiters"],
];

const MATH_ENV: Hand[] = [
  ["math-env", "The answer is $  46  $.", "46", "padded inline math"],
  ["math-env", "$$ \\frac{1}{8} $$", R`\frac{1}{8}`, "padded display math"],
  ["math-env", "\\(  \\sqrt{51}  \\)", R`\sqrt{51}`, "padded \\( \\)"],
  ["math-env", "\\[ 288\\pi \\]", R`288 \pi`, "display \\[ \\]"],
  ["math-env", "$ x = 5 $", "x=5", "padded labelled"],
  ["math-env", "$\\displaystyle \\frac{14}{3}$", R`\frac{14}{3}`, "\\displaystyle"],
  ["math-env", "So we get\n$$\n\\boxed{\n720\n}\n$$", "720", "a box spread over lines"],
  ["math-env", "$\\boxed{\\,46\\,}$", "46", "thin spaces inside the box"],
  ["math-env", "\\begin{equation}\n\\boxed{113}\n\\end{equation}", "113", "equation environment"],
  [
    "math-env",
    "\\begin{align*}\nx &= \\boxed{\\frac{1}{8}}\n\\end{align*}",
    R`\frac{1}{8}`,
    "align environment",
  ],
  ["math-env", "The answer is $\\mathbf{46}$.", "46", "bold math"],
  ["math-env", "$\\left(2, \\infty\\right)$", R`(2,\infty)`, "\\left \\right"],
];

const TEXT_WRAPPED: Hand[] = [
  ["text-wrapped", R`\boxed{\text{82}}`, 82, "a number in \\text"],
  ["text-wrapped", R`\boxed{\textbf{46}}`, "46", "bold number"],
  ["text-wrapped", R`\boxed{\mathbf{720}}`, "720", "bold math"],
  ["text-wrapped", R`\boxed{\mathrm{113}}`, 113, "upright math"],
  ["text-wrapped", R`\boxed{\textnormal{25}}`, "025", "\\textnormal"],
  ["text-wrapped", R`\boxed{Evelyn}`, R`\text{Evelyn}`, "a name without \\text"],
  ["text-wrapped", R`\boxed{\mbox{46}}`, "46", "\\mbox"],
  ["text-wrapped", R`\boxed{\text{ellipse}}`, R`\text{ellipse}`, "same text"],
  ["text-wrapped", R`\boxed{\textsf{even}}`, R`\text{even}`, "sans-serif text"],
  ["text-wrapped", R`\boxed{\text{\textbf{east}}}`, R`\text{east}`, "nested text styles"],
];

const THOUSANDS: Hand[] = [
  ["thousands", "1 000", "1000", "space as thousands separator"],
  ["thousands", R`\boxed{10 080}`, R`10,\!080`, "space thousands"],
  ["thousands", R`\boxed{58500}`, "58,500", "gold with a thousands comma"],
  ["thousands", R`\boxed{8,178}`, 8178, "thousands comma"],
  ["thousands", R`\boxed{8\,178}`, 8178, "thin-space thousands"],
  ["thousands", R`\boxed{\$32,348}`, R`\$32,\!348`, "thousands comma and dollar"],
  ["thousands", R`\boxed{31,186}`, "31186", "thousands comma"],
  ["thousands", R`\boxed{3{,}5}`, "3.5", "LaTeX decimal comma {,}"],
  ["thousands", R`\boxed{11,111,111,100}`, R`11,\! 111,\! 111,\! 100`, "several thousands commas"],
  ["thousands", R`\boxed{10{,}080}`, R`10,\!080`, "braced comma thousands"],
  ["thousands", "The total is 1 296.", "1296", "space thousands"],
  ["thousands", "Die Antwort ist 0,75.", R`\frac34`, "German decimal comma"],
];

const RATIOS: Hand[] = [
  ["ratio", R`\boxed{7:32}`, "7:32", "ratio"],
  ["ratio", R`\boxed{7 : 32}`, "7:32", "ratio with spaces"],
  ["ratio", R`The ratio is $7 \colon 32$.`, "7:32", "\\colon ratio"],
  ["ratio", R`\boxed{7:32}`, R`\frac{7}{32}`, "a ratio for a fraction gold"],
  ["ratio", R`\boxed{2:1}`, "2:1", "ratio"],
  ["ratio", "The ratio is 3:4.", "3:4", "ratio in a sentence"],
];

const PLAIN_MATH: Hand[] = [
  ["plain-math", "sqrt(51)", R`\sqrt{51}`, "plain-text root"],
  ["plain-math", "70*sqrt(2)", R`70 \sqrt{2}`, "plain-text product"],
  ["plain-math", "pi/2", R`\frac{\pi}{2}`, "plain-text pi"],
  ["plain-math", "288*pi", R`288 \pi`, "plain-text pi"],
  ["plain-math", "1/8", R`\frac18`, "plain fraction"],
  ["plain-math", "sqrt(21)/5", R`\frac{\sqrt{21}}{5}`, "plain-text root"],
  ["plain-math", "x^3 + 3*x - 6", "x^3+3x-6", "plain-text polynomial"],
  ["plain-math", "Answer: 2*sqrt(5)", R`2\sqrt{5}`, "plain-text root"],
  ["plain-math", "(-sqrt(3), sqrt(3))", R`(-\sqrt{3}, \sqrt{3})`, "plain-text interval"],
  ["plain-math", "-pi/6", R`-\frac{\pi}{6}`, "plain-text pi"],
  ["plain-math", "18 + 2*pi", R`18+2\pi`, "plain-text pi"],
  ["plain-math", "3*sqrt(13)", R`3\sqrt{13}`, "plain-text root"],
  ["plain-math", "11*sqrt(5) + 11", R`11 \sqrt{5} + 11`, "plain-text root"],
  ["plain-math", "5*4^(1/3)", [R`$5 \sqrt[3]{4}$`], "plain-text cube root"],
  ["plain-math", "12*pi", R`12\pi`, "plain-text pi"],
  ["plain-math", "The answer is sqrt(66).", R`\sqrt{66}`, "plain-text root in a sentence"],
  ["plain-math", "Answer: 3/56", R`\frac{3}{56}`, "plain fraction"],
  ["plain-math", "x**3 + 3*x - 6", "x^3+3x-6", "Python power"],
];

const INEQUALITIES: Hand[] = [
  ["inequality", R`\boxed{0 < f(x) < 1}`, "(0, 1)", "a range written as an inequality"],
  [
    "inequality",
    R`\boxed{-\sqrt{3} < x < \sqrt{3}}`,
    R`(-\sqrt{3}, \sqrt{3})`,
    "an open interval as an inequality",
  ],
  ["inequality", R`\boxed{x \le 0}`, R`(-\infty, 0]`, "a ray as an inequality"],
  ["inequality", R`\boxed{x \leq 0}`, R`(-\infty, 0]`, "a ray as an inequality"],
  ["inequality", R`\boxed{-2 \le x \le 7}`, R`x \in [-2,7]`, "a closed interval as an inequality"],
  ["inequality", R`\boxed{3 < x \le 4}`, "(3,4]", "a half-open interval as an inequality"],
  ["inequality", R`\boxed{x > 2}`, R`(2,\infty)`, "a ray"],
  ["inequality", R`\boxed{x > 5}`, R`(5,\infty)`, "a ray"],
  [
    "inequality",
    R`\boxed{x < 2 \text{ or } x > 3}`,
    R`(-\infty, 2) \cup (3, \infty)`,
    "a union as a disjunction",
  ],
  ["inequality", R`\boxed{\{x : x > 2\}}`, R`(2,\infty)`, "set-builder notation"],
  ["inequality", R`\boxed{x \in (2, \infty)}`, R`(2,\infty)`, "membership"],
  [
    "inequality",
    R`\boxed{\frac{3}{5} < x \le \frac{8}{3}}`,
    R`\left(\frac{3}{5},\frac{8}{3}\right]`,
    "fractions",
  ],
  ["inequality", R`\boxed{x \geq 5}`, R`[5,\infty)`, "a closed ray"],
  ["inequality", R`\boxed{2 < x < 12 \text{ or } 12 < x < 102}`, R`(2,12) \cup (12,102)`, "two pieces"],
];

const GOLD_SOLUTIONS: Hand[] = [
  ["gold-solution", R`\boxed{12}`, "The area is $\\boxed{12}$.", "the gold is a sentence with a box"],
  [
    "gold-solution",
    "0.5",
    "Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct.",
    "the gold is a final-answer sentence",
  ],
  ["gold-solution", "46", R`\boxed{46}`, "the gold is boxed"],
  ["gold-solution", "(3,2)", R`So the answer is \boxed{(3, 2)}.`, "boxed tuple in a gold sentence"],
  ["gold-solution", "The answer is 5.", R`We get $x = 5$, so the answer is $\boxed{5}$.`, "a gold solution"],
  ["gold-solution", R`\boxed{720}`, "The answer is 720.", "the gold states the answer"],
  ["gold-solution", R`\frac{1}{\sqrt3}`, R`Thus $\boxed{\frac{\sqrt{3}}{3}}$`, "boxed gold"],
  ["gold-solution", "17", ["The answer is $\\boxed{17}$.", "17"], "a list gold with a sentence"],
  [
    "gold-solution",
    "(3,4)",
    R`Since $a+b=7$ and $ab=12$, the answer is $\boxed{(3,4)}$.`,
    "numbers before the box",
  ],
  ["gold-solution", "0.34", R`Answer: $\dfrac{17}{50}$`, "an answer line as the gold"],
  ["gold-solution", "Evelyn", R`The final answer is \boxed{\text{Evelyn}}.`, "a boxed text gold"],
  [
    "gold-solution",
    R`\boxed{x > 2}`,
    R`...hence the interval is $\boxed{(2,\infty)}$.`,
    "a boxed interval gold",
  ],
  [
    "gold-solution",
    "14",
    R`Adding 3 and 4 gives 7, then doubling gives $\boxed{14}$.`,
    "the box, not the last number",
  ],
  [
    "gold-solution",
    R`\boxed{\frac{7}{8}}`,
    R`There are $8$ outcomes, $7$ of them good, so the probability is $\boxed{\frac{7}{8}}$. We double-check with $1 - \frac18$.`,
    "the gold solution continues after its box",
  ],
];

const UNITS: Hand[] = [
  ["units", R`\boxed{1.5\text{ m}}`, R`150 \text{ cm}`, "the same length in metres"],
  ["units", R`\boxed{150 \text{ cm}}`, R`1.5 \text{ m}`, "the same length in centimetres"],
  ["units", "3 hours", R`180 \text{ minutes}`, "the same duration"],
  ["units", R`\boxed{2.5 \text{ kJ}}`, R`2500 \text{ J}`, "the same energy"],
  ["units", R`\boxed{2500 \text{ J}}`, R`2.5 \text{ kJ}`, "the same energy"],
  ["units", R`\boxed{12 \text{ kg}}`, R`12000 \text{ g}`, "the same mass"],
  ["units", R`\boxed{46 \text{ cm}}`, "46", "a unit set aside for a bare gold"],
  ["units", R`\boxed{46 \text{ meters}}`, "46", "a unit set aside"],
  ["units", R`\boxed{46\text{ hours}}`, "46", "a unit set aside"],
  ["units", R`\boxed{46 \text{ kg}}`, "46", "a unit set aside"],
  ["units", R`\boxed{\$46}`, "46", "a currency sign set aside"],
  ["units", R`\boxed{46 \text{ dollars}}`, "46", "a currency word set aside"],
  ["units", R`\boxed{46 \text{ square units}}`, "46", "square units set aside"],
  ["units", R`\boxed{46 \text{ units}^2}`, "46", "units squared set aside"],
  ["units", R`\boxed{46 \text{ cm}^2}`, "46", "an area unit set aside"],
  ["units", R`\boxed{46\,\mathrm{m}}`, "46", "an upright unit set aside"],
  ["units", R`\boxed{46 \mbox{ inches}}`, "46", "a unit in \\mbox set aside"],
  ["units", R`\boxed{15}`, R`15\mbox{ cm}^2`, "the gold's unit may be left out"],
  ["units", R`\boxed{15 \text{ cm}^2}`, R`15\mbox{ cm}^2`, "the same unit"],
  ["units", R`\boxed{15 \text{ square centimeters}}`, R`15\mbox{ cm}^2`, "the unit in words"],
  ["units", R`\boxed{0.0015 \text{ m}^2}`, R`15\mbox{ cm}^2`, "the same area in square metres"],
  ["units", R`\boxed{864}`, R`864 \mbox{ inches}^2`, "the gold's unit left out"],
  ["units", R`\boxed{6 \text{ ft}^2}`, R`864 \mbox{ inches}^2`, "the same area in square feet"],
  ["units", R`\boxed{5.4}`, R`5.4 \text{ cents}`, "the unit left out"],
  ["units", R`\boxed{5.4 \text{ cents}}`, R`5.4 \text{ cents}`, "the same"],
  ["units", R`\boxed{36}`, R`\$36`, "the dollar sign left out"],
  ["units", R`\boxed{36 \text{ dollars}}`, R`\$36`, "dollars in words"],
  ["units", R`\boxed{\$36.00}`, R`\$36`, "cents written out"],
  ["units", R`\boxed{45 \text{ minutes}}`, "45", "a unit set aside"],
  ["units", R`\boxed{180 \text{ minutes}}`, R`3 \text{ hours}`, "the same duration"],
  ["units", R`\boxed{3 \text{ hrs}}`, R`3 \text{ hours}`, "abbreviated unit"],
  ["units", R`\boxed{10800 \text{ s}}`, R`3 \text{ hours}`, "the same duration in seconds"],
  ["units", R`\boxed{50 \text{ mm}}`, R`5 \text{ cm}`, "the same length"],
  ["units", R`\boxed{0.05 \text{ m}}`, R`5 \text{ cm}`, "the same length"],
  ["units", R`\boxed{5 \text{ centimeters}}`, R`5 \text{ cm}`, "the unit spelled out"],
  ["units", R`\boxed{5\,\mathrm{cm}}`, R`5 \text{ cm}`, "upright unit"],
  ["units", R`\boxed{60 \text{ miles per hour}}`, R`60 \text{ mph}`, "the unit spelled out"],
  ["units", R`\boxed{36 \text{ km/h}}`, R`10 \text{ m/s}`, "the same speed"],
  ["units", R`\boxed{18.90}`, R`\$18.90`, "the dollar sign left out"],
  ["units", R`\boxed{18.90 \text{ dollars}}`, R`\$18.90`, "dollars in words"],
  ["units", R`\boxed{\$18.9}`, R`\$18.90`, "a trailing zero dropped"],
  ["units", "The answer is 46 cm.", "46", "a plain-text unit set aside"],
  ["units", "The answer is 12 kg.", R`12 \text{ kg}`, "plain-text unit"],
];

const DEGREES: Hand[] = [
  ["degrees", R`\boxed{\frac{\pi}{2}}`, R`90^\circ`, "radians for a degree gold"],
  ["degrees", R`\boxed{90}`, R`90^\circ`, "degree sign left out"],
  ["degrees", R`\boxed{90°}`, R`90^\circ`, "Unicode degree sign"],
  ["degrees", R`\boxed{90 \text{ degrees}}`, R`90^\circ`, "degrees in words"],
  ["degrees", R`\boxed{\frac{2\pi}{3}}`, R`120^\circ`, "radians"],
  ["degrees", R`\boxed{\frac{\pi}{6}}`, R`30^\circ`, "radians"],
  ["degrees", R`\boxed{36}`, R`36^\circ`, "degree sign left out"],
  ["degrees", R`\boxed{\frac{\pi}{5}}`, R`36^\circ`, "radians"],
  ["degrees", R`\boxed{106°}`, R`106^\circ`, "Unicode degree sign"],
  ["degrees", R`\boxed{145^{\circ}}`, R`145^\circ`, "braced \\circ"],
  ["degrees", R`\boxed{75^\circ}`, R`75^\circ`, "the same"],
  ["degrees", R`\boxed{\pi}`, R`180^\circ`, "radians"],
  ["degrees", R`\boxed{30^\circ}`, "30", "a degree sign on a bare gold"],
  ["degrees", R`\boxed{55 \text{ degrees}}`, R`55^\circ`, "degrees in words"],
];

const PERCENT: Hand[] = [
  ["percent", R`\boxed{50\%}`, R`\frac{1}{2}`, "a percent of a fraction gold"],
  ["percent", R`\boxed{15\%}`, "0.15", "a percent of a decimal gold"],
  ["percent", R`\boxed{25\%}`, R`\frac{1}{4}`, "a percent"],
  ["percent", R`\boxed{62.5\%}`, ["62.5%"], "same percent"],
  ["percent", R`\boxed{62.5}`, ["62.5%"], "the percent sign left out"],
  ["percent", R`\boxed{34\%}`, R`\dfrac{17}{50}`, "a percent"],
  ["percent", R`\boxed{50\%}`, "50", "a percent of a percent-number gold"],
  ["percent", "The probability is 12.5%.", R`\frac{1}{8}`, "plain percent"],
  ["percent", R`\boxed{33\frac{1}{3}\%}`, R`\frac{1}{3}`, "an exact percent of a third"],
  ["percent", R`\boxed{20 \text{ percent}}`, R`\frac{1}{5}`, "percent in words"],
];

const CHOICES: Hand[] = [
  ["choice-letter", "B", R`\text{(B)}`, "bare letter"],
  ["choice-letter", "(B)", R`\text{(B)}`, "letter in parentheses"],
  ["choice-letter", R`\boxed{B}`, R`\text{(B)}`, "boxed letter"],
  ["choice-letter", R`\boxed{\text{(B)}}`, R`\text{(B)}`, "the gold's own form"],
  ["choice-letter", R`\textbf{(B)}`, R`\text{(B)}`, "bold letter"],
  ["choice-letter", "The answer is (B).", R`\text{(B)}`, "letter in a sentence"],
  ["choice-letter", "Answer: B", R`\text{(B)}`, "answer line"],
  ["choice-letter", R`\boxed{C}`, "C", "boxed letter"],
  ["choice-letter", "The correct option is C.", "C", "letter in a sentence"],
  ["choice-letter", "(E)", R`\text{(E)}`, "letter in parentheses"],
  ["choice-letter", R`\boxed{\textbf{(A)}}`, "A", "bold letter in a box"],
  ["choice-letter", R`The answer is $\textbf{(B) } 12$.`, R`\text{(B)}`, "AMC style letter and value"],
  ["choice-letter", R`\boxed{D}`, "D", "boxed letter"],
  ["choice-letter", "**Answer: (C)**", R`\text{(C)}`, "bold answer line"],
  [
    "choice-letter",
    "I think about each option.\n\nOption A fails. So the answer is D.",
    "D",
    "reasoning then a letter",
  ],
];

const EXPLORE: Hand[] = [
  [
    "explore-commit",
    R`Try $n = 45$: $45^2 = 2025 > 2000$, too big. Try $n = 44$: $1936 \le 2000$. So the answer is $\boxed{44}$.`,
    "44",
    "candidates tried, one committed",
  ],
  [
    "explore-commit",
    R`If $x = 3$ the sum is odd, which fails. If $x = 4$ it works. Therefore $\boxed{4}$.`,
    "4",
    "a rejected case then the answer",
  ],
  [
    "explore-commit",
    R`At first I guessed 12, but that double-counts. Correcting gives $\boxed{10}$.`,
    "10",
    "a corrected guess",
  ],
  [
    "explore-commit",
    R`The candidates are $1, 2, 3$; only $2$ satisfies both conditions. $\boxed{2}$`,
    "2",
    "a candidate list then one box",
  ],
  [
    "explore-commit",
    R`Case 1 gives 5 arrangements and case 2 gives 7, for a total of $\boxed{12}$.`,
    "12",
    "intermediate numbers then the total",
  ],
  [
    "explore-commit",
    R`We compare $\frac12$ and $\frac13$: the larger is $\boxed{\frac12}$.`,
    R`\frac{1}{2}`,
    "two values compared, one answered",
  ],
  [
    "explore-commit",
    R`Is it 45 or 46? Checking the boundary, 46 works and 45 does not. Final answer: $\boxed{46}$.`,
    "46",
    "a question resolved",
  ],
  [
    "explore-commit",
    R`<think>
Maybe 720? Or 360? Let me recount... 720 is right.
</think>

The number of arrangements is $\boxed{720}$.`,
    "720",
    "exploration inside think",
  ],
  [
    "explore-commit",
    R`Neither $x = 1$ nor $x = -1$ works, so the only solution is $\boxed{x = 2}$.`,
    "2",
    "rejected values then the answer",
  ],
  [
    "explore-commit",
    R`It is not (A) since the area is positive, and not (C) by parity; hence $\boxed{\text{(B)}}$.`,
    R`\text{(B)}`,
    "eliminated options then one",
  ],
];

const REPEATED: Hand[] = [
  [
    "repeated-box",
    R`$\boxed{46}$. Therefore the answer is $\boxed{46}$.`,
    "46",
    "the same value boxed twice",
  ],
  ["repeated-box", R`\boxed{\frac{1}{8}} = \boxed{0.125}`, R`\frac{1}{8}`, "the same value in two forms"],
  [
    "repeated-box",
    R`The answer is \boxed{720}.

**Final Answer:** \boxed{720}`,
    "720",
    "boxed twice",
  ],
  ["repeated-box", `${R`\boxed{(3,4]}`}\n\n${R`\boxed{(3, 4]}`}`, "(3,4]", "the same interval twice"],
  [
    "repeated-box",
    R`We get $\boxed{\text{Evelyn}}$, so Evelyn wins: $\boxed{\text{Evelyn}}$.`,
    R`\text{Evelyn}`,
    "boxed twice",
  ],
  [
    "repeated-box",
    R`\boxed{2\sqrt5} \quad (\text{i.e. } \boxed{\sqrt{20}})`,
    R`2\sqrt{5}`,
    "equal values boxed",
  ],
  [
    "repeated-box",
    `${R`Final Answer: $\boxed{113}$`}\n\nSo the answer is 113.`,
    113,
    "box then the same value stated",
  ],
  [
    "repeated-box",
    `${R`\boxed{1}, \boxed{-2}`}\n\nThat is, ${R`$\boxed{1, -2}$.`}`,
    "1,-2",
    "the list two ways",
  ],
];

const INVISIBLE_OK: Hand[] = [
  ["invisible-ok", "\\boxed{4\u200b6}", "46", "a zero-width space between digits renders as 46"],
  ["invisible-ok", "The answer is \u200b46\u200b.", "46", "zero-width characters around the answer"],
  ["invisible-ok", "\\boxed{\ufeff\\frac{1}{8}}", R`\frac{1}{8}`, "a byte-order mark is invisible"],
  ["invisible-ok", R`\boxed{46} <!-- done -->`, "46", "an HTML comment without an answer"],
  ["invisible-ok", "$$\\boxed{720} % checked twice\n$$", "720", "a LaTeX comment without an answer"],
  ["invisible-ok", "<!-- reasoning omitted -->\n\\boxed{113}", 113, "a comment before the answer"],
  ["invisible-ok", "\\boxed{7\u200c2\u200d0}", "720", "zero-width joiners between digits"],
  ["invisible-ok", "Final Answer: \u2060\\frac{14}{3}", R`\frac{14}{3}`, "a word joiner before the answer"],
];

const THINK_OK: Hand[] = [
  [
    "think-ok",
    "<think>\nMaybe 45? No, 46.\n</think>\n\nThe answer is \\boxed{46}.",
    "46",
    "the answer after </think>",
  ],
  ["think-ok", "<think>\nTry 360... no.\n</think>\n\\boxed{720}", "720", "the answer after </think>"],
  [
    "think-ok",
    "<think>\nThe sum is \\boxed{12}? Recheck: 13.\n</think>\n\nFinal Answer: 13",
    "13",
    "only the text after </think> counts",
  ],
  [
    "think-ok",
    "<think>\nhmm\n</think>\n\nThe final answer is $\\frac{1}{8}$.",
    R`\frac{1}{8}`,
    "the answer after </think>",
  ],
  [
    "think-ok",
    "<think>\nthe area is 15\n</think>\n\n$\\boxed{15 \\text{ cm}^2}$",
    R`15\mbox{ cm}^2`,
    "after </think>",
  ],
  ["think-ok", "<think>\n\n</think>\n\n答案是 46。", "46", "empty reasoning then a Chinese answer"],
];

const OPTIONS: [string, Gold, string, Record<string, unknown>][] = [
  [R`\boxed{3.14}`, R`\pi`, "a tolerance option accepts a rounded pi", { relativeTolerance: 0.001 }],
  [R`\boxed{0.577}`, R`\frac{\sqrt{3}}{3}`, "within the requested tolerance", { relativeTolerance: 0.001 }],
  [R`\boxed{7.14}`, R`\sqrt{51}`, "within the requested tolerance", { relativeTolerance: 0.001 }],
  [R`\boxed{0.33}`, R`\frac13`, "within a 2% tolerance", { relativeTolerance: 0.02 }],
  [R`\boxed{37.7}`, R`12\pi`, "within the requested tolerance", { relativeTolerance: 0.01 }],
  [R`\boxed{(2, 1)}`, "(1, 2)", "unordered lists requested", { listOrder: "unordered" }],
  [R`\boxed{50\%}`, "50", "percent as a number requested", { percent: "number" }],
  [R`\boxed{50\%}`, "0.5", "percent as a fraction requested", { percent: "fraction" }],
  [R`\boxed{B}`, "B", "letters compared as text", { multipleChoice: "off" }],
  ["<think>\nwork\n</think>\n\n\\boxed{46}", "46", "the closing tag is present", { requireThinkClose: true }],
  [R`\boxed{3, 5, 7}`, "3, 5, 7", "same order when order matters", { listOrder: "ordered" }],
  [R`\boxed{4.47}`, R`2\sqrt{5}`, "within the requested tolerance", { relativeTolerance: 0.005 }],
];

function equivalents(b: SuiteBuilder): void {
  const rng = rngFor("equivalent");
  for (const [gold, alts] of EQUIVALENT) {
    for (const alt of alts) {
      const plainWrap = isPlain(alt) && rng.int(3) === 0;
      const response = plainWrap ? rng.pick(PLAIN_WRAPPERS)(alt) : rng.pick(RECALL_LATEX_WRAPPERS)(alt, rng);
      b.add("equivalent", response, gold, "an equal value in another spelling");
    }
  }
}

function longTailOk(b: SuiteBuilder): void {
  const rng = rngFor("long-tail-ok");
  const golds: [Gold, string][] = [
    ["46", "46"],
    [R`\frac{1}{8}`, R`\frac{1}{8}`],
    ["720", "720"],
    [R`\sqrt{51}`, R`\sqrt{51}`],
    ["(6,31,-1)", "(6,31,-1)"],
    [R`\text{Evelyn}`, R`\text{Evelyn}`],
    [113, "113"],
    [R`(-\infty, 0]`, R`(-\infty, 0]`],
  ];
  const lengths = [2000, 6000, 15000, 30000];
  for (const [gold, answer] of golds) {
    const length = rng.pick(lengths);
    b.add(
      "long-tail-ok",
      `The answer is ${box(answer)}.\n\n${filler(rng, length)}`,
      gold,
      `the box stands; a long digit-free tail (${length} chars) adds no other answer`,
    );
  }
}

export function buildRecall(): SuiteBuilder {
  const b = new SuiteBuilder(true);
  equivalents(b);
  for (const list of [
    LABELLED,
    AND_LISTS,
    CHAINED,
    MULTI_BOX,
    LANGUAGES,
    FINAL_SENTENCES,
    DOUBLE_BACKSLASH,
    MATH_ENV,
    TEXT_WRAPPED,
    THOUSANDS,
    RATIOS,
    PLAIN_MATH,
    INEQUALITIES,
    GOLD_SOLUTIONS,
    UNITS,
    DEGREES,
    PERCENT,
    CHOICES,
    EXPLORE,
    REPEATED,
    INVISIBLE_OK,
    THINK_OK,
  ]) {
    for (const [family, response, gold, why] of list) b.add(family, response, gold, why);
  }
  for (const [response, gold, why, options] of OPTIONS) b.add("options", response, gold, why, options);
  longTailOk(b);
  return b;
}
