import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineChart, roundedUp, roundTicks } from "../../../shared/reports/svg.ts";

describe("chart axes", () => {
  it("rounds an axis top up to 1, 2 or 5 times a power of ten", () => {
    assert.equal(roundedUp(0.13), 0.2);
    assert.equal(roundedUp(0.2), 0.2);
    assert.equal(roundedUp(3.1), 5);
    assert.equal(roundedUp(7), 10);
    assert.equal(roundedUp(0), 1);
  });

  it("puts a handful of round ticks on a long x axis", () => {
    assert.deepEqual(roundTicks(1, 300), [50, 100, 150, 200, 250, 300]);
    assert.deepEqual(roundTicks(0, 4), [0, 1, 2, 3, 4]);
    assert.deepEqual(roundTicks(5, 5), [5]);
  });

  it("fits a y axis to the data out to round ticks, so that close lines stay apart", () => {
    const line = (label: string, ys: number[]) => ({ label, points: ys.map((y, x) => ({ x, y })) });
    const lines = [line("a", [0.177, 0.2, 0.25]), line("b", [0.19, 0.286, 0.27])];
    const yLabels = (svg: string) => [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(yLabels(lineChart(lines, "reward", "step", false, { fitY: "percent" })), [
      "16%",
      "18%",
      "20%",
      "22%",
      "24%",
      "26%",
      "28%",
      "30%",
    ]);
    assert.deepEqual(yLabels(lineChart(lines, "reward", "step")), ["0%", "25%", "50%", "75%", "100%"]);
  });
});
