/**
 * Chart layout as a browser draws it: in headless Chromium, with its fonts, no text of a chart runs
 * over another text of it or past its edge (where it would run into the chart beside it). For the
 * bars of one and of two benchmarks, a line chart with long labels, and the committed reproduction's
 * report rendered again.
 */
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { rerenderReport } from "../../learner/repro/rerender.ts";
import { CHART_CSS, groupedBars, lineChart } from "../../shared/reports/svg.ts";
import { type Browser, chromiumMissing, launchChromium } from "../support/chromium.ts";

/** Per chart, every pair of its texts that overlap and every text past its edges, as the browser lays them out. */
const LAYOUT_PROBLEMS = `[...document.querySelectorAll("svg")].flatMap((svg, chart) => {
  const width = svg.viewBox.baseVal.width;
  const height = svg.viewBox.baseVal.height;
  const boxes = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, box: t.getBBox() }));
  const problems = [];
  const slack = 0.5;
  for (const { text, box } of boxes)
    if (box.x < -slack || box.x + box.width > width + slack || box.y + box.height > height + slack)
      problems.push(\`chart \${chart}: "\${text}" outside its \${width} × \${height}\`);
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    const apart = a.box.x + a.box.width <= b.box.x + slack || b.box.x + b.box.width <= a.box.x + slack ||
      a.box.y + a.box.height <= b.box.y + slack || b.box.y + b.box.height <= a.box.y + slack;
    if (!apart) problems.push(\`chart \${chart}: "\${a.text}" overlaps "\${b.text}"\`);
  }));
  return problems;
})`;

describe("chart layout in Chromium", { skip: chromiumMissing }, () => {
  let dir: string;
  let browser: Browser;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-report-layout-"));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const problemsIn = async (path: string) => {
    const page = await browser.open(pathToFileURL(path).href);
    return page.evaluate<string[]>(LAYOUT_PROBLEMS);
  };

  it("keeps the texts of bars for one and two benchmarks, and of long labels, apart and inside", async () => {
    const bars = (benchmarks: string[]) =>
      groupedBars(
        [...benchmarks, "Avg."].map((label) => ({ label, values: [1, 0.995] })),
        ["Pass@1", "maj@16"],
        "Pass@1 and majority vote per benchmark",
      );
    const lines = lineChart(
      [
        {
          label: "a legend label far longer than the legend's room",
          points: [1, 2, 4, 8, 16].map((x) => ({ x, y: x / 16 })),
        },
        { label: "MATH-500", points: [1, 2, 4, 8, 16].map((x) => ({ x, y: x / 32 })) },
      ],
      "pass@k of two benchmarks with a title much too long for the width of one chart",
      "k (samples)",
      true,
    );
    const path = join(dir, "charts.html");
    await writeFile(
      path,
      `<!doctype html><meta charset="utf-8"><style>${CHART_CSS}</style>${bars(["MATH-500"])}${bars(["AIME24", "Olympiad"])}${lines}`,
    );
    assert.deepEqual(await problemsIn(path), []);
  });

  it("lays out the committed reproduction's report without overlaps", async () => {
    await copyFile(join(PROJECT_ROOT, "docs", "results", "repro", "summary.json"), join(dir, "summary.json"));
    const { paths } = await rerenderReport(dir);
    assert.deepEqual(await problemsIn(paths.html), []);
  });
});
