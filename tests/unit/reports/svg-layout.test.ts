/**
 * Chart layout: no text over other text, nothing past the chart's edge, tick labels that say the value
 * they stand at, and bands where a spread is given. Text is measured with the reports' own width table
 * here; tests/integration/report-layout.test.ts measures the same charts in Chromium.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { axisLabels, groupedBars, type Line, lineChart } from "../../../shared/reports/svg.ts";
import { textWidth } from "../../../shared/reports/text-width.ts";

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FONTS: Record<string, { size: number; weight: "normal" | "bold" }> = {
  title: { size: 14, weight: "bold" },
  axis: { size: 11, weight: "normal" },
  value: { size: 9, weight: "normal" },
};

const decodeEntities = (html: string) =>
  html.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));

/** Every <text>'s box, its shown text measured as the layout measures it. */
function textBoxes(svg: string): Box[] {
  return [...svg.matchAll(/<text ([^>]*)>(.*?)<\/text>/g)].map(([, attributes, inner]) => {
    const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes!)?.[1];
    const text = decodeEntities(inner!.replace(/<title>.*?<\/title>/g, ""));
    const font = FONTS[attribute("class")!]!;
    const width = textWidth(text, font.size, font.weight);
    const x = Number(attribute("x"));
    const y = Number(attribute("y"));
    const anchor = attribute("text-anchor") ?? "start";
    const left = anchor === "end" ? x - width : anchor === "middle" ? x - width / 2 : x;
    return { text, left, right: left + width, top: y - 0.8 * font.size, bottom: y + 0.25 * font.size };
  });
}

const svgWidth = (svg: string) => Number(/<svg viewBox="0 0 (\d+(?:\.\d+)?) /.exec(svg)![1]);

function assertLaidOut(svg: string): void {
  const boxes = textBoxes(svg);
  const width = svgWidth(svg);
  for (const box of boxes)
    assert.ok(
      box.left >= 0 && box.right <= width,
      `"${box.text}" spans ${box.left}–${box.right} of ${width}`,
    );
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `"${a.text}" overlaps "${b.text}"`);
    }
}

const TITLE = "Pass@1 and majority vote per benchmark";

describe("chart layout", () => {
  for (const benchmarks of [
    ["MATH-500"],
    ["AIME24", "Olympiad"],
    ["AIME24", "AIME25", "AMC23", "MATH-500"],
  ]) {
    it(`keeps the bars' texts apart with ${benchmarks.length} benchmark(s) and the average`, () => {
      const groups = [...benchmarks, "Avg."].map((label, i) => ({ label, values: [1 - i * 0.1, 0.995] }));
      const svg = groupedBars(groups, ["Pass@1", "maj@16"], TITLE);
      assertLaidOut(svg);
      assert.ok(svg.includes(`>${TITLE}<`), "the whole title fits");
    });
  }

  it("cuts a title and legend labels too long for a line chart, keeping the full text as a tooltip", () => {
    const long = "a legend label that is much longer than the room the legend has on the right";
    const title = `pass@k of ${"a very long benchmark name ".repeat(4)}`;
    const lines: Line[] = [
      { label: long, points: [1, 2, 4, 8].map((x) => ({ x, y: x / 10 })) },
      { label: "short", points: [1, 2, 4, 8].map((x) => ({ x, y: x / 20 })) },
    ];
    const svg = lineChart(lines, title, "k (samples)", true);
    assertLaidOut(svg);
    assert.ok(svg.includes(`<title>${long}</title>`));
    assert.ok(svg.includes(`<title>${title}</title>`));
    assert.match(svg, /…/);
  });

  it("keeps the x labels of sixteen evaluation steps apart", () => {
    const points = Array.from({ length: 16 }, (_, i) => ({ x: (i + 1) * 15, y: 0.2 + i * 0.001 }));
    assertLaidOut(lineChart([{ label: "REAL", points }], "Validation Pass@1", "training step"));
  });
});

describe("y axis labels", () => {
  it("prints every tick exactly, with the decimals the step needs", () => {
    assert.deepEqual(axisLabels({ ticks: [0.2, 0.205, 0.21, 0.215, 0.22, 0.225], percent: true }), [
      "20.0%",
      "20.5%",
      "21.0%",
      "21.5%",
      "22.0%",
      "22.5%",
    ]);
    assert.deepEqual(axisLabels({ ticks: [0, 0.25, 0.5, 0.75, 1], percent: true }), [
      "0%",
      "25%",
      "50%",
      "75%",
      "100%",
    ]);
    assert.deepEqual(axisLabels({ ticks: [0, 1.25, 2.5, 3.75, 5], percent: false }), [
      "0.00",
      "1.25",
      "2.50",
      "3.75",
      "5.00",
    ]);
  });

  it("places each label at the height of the value it prints", () => {
    const points = [0.205, 0.212, 0.22, 0.228].map((y, x) => ({ x, y }));
    const svg = lineChart([{ label: "REAL", points }], "Validation Pass@1", "step", false, {
      fitY: "percent",
    });
    const ticks = [
      ...svg.matchAll(/<text x="44" y="([\d.]+)" class="axis" text-anchor="end">([\d.]+)%</g),
    ].map(([, y, label]) => ({ y: Number(y), value: Number(label) }));
    assert.ok(
      ticks.some((t) => t.value === 22.5),
      ticks.map((t) => t.value).join(", "),
    );
    const [first, second] = ticks;
    const perPoint = (second!.y - first!.y) / (second!.value - first!.value);
    for (const tick of ticks) {
      const expected = first!.y + (tick.value - first!.value) * perPoint;
      assert.ok(Math.abs(tick.y - expected) < 1e-6, `${tick.value}% at y ${tick.y}, expected ${expected}`);
    }
  });
});

describe("bands", () => {
  const points = [0, 1, 2].map((x) => ({ x, y: 0.5 }));
  it("draws a band under a line that has one, and fits the axis to it", () => {
    const band = points.map((p) => ({ x: p.x, lo: 0.1, hi: 0.9 }));
    const svg = lineChart([{ label: "REAL", points, band }], "Reward", "step", false, { fitY: "percent" });
    assert.equal(svg.match(/class="band"/g)?.length, 1);
    const labels = [...svg.matchAll(/text-anchor="end">([\d.]+)%</g)].map(([, v]) => Number(v));
    assert.ok(Math.min(...labels) <= 10 && Math.max(...labels) >= 90, labels.join(", "));
  });

  it("draws none without one", () => {
    assert.doesNotMatch(lineChart([{ label: "REAL", points }], "Reward", "step"), /class="band"/);
  });
});
