import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURE1, figure1Data } from "../../../learner/objectives/figure1.ts";
import { assertAllClose } from "./support.ts";

describe("Figure 1 data", () => {
  const data = figure1Data();

  it("has autodiff gradients through the project's losses equal to eq. 3 and eq. 9", () => {
    for (const method of ["grpo", "real"] as const) {
      for (const label of ["positive", "negative"] as const) {
        const curve = data[method][label];
        assert.equal(curve.autodiff.length, data.scores.length);
        assertAllClose(curve.autodiff, curve.closedForm, 1e-5, `${method} ${label}`);
      }
    }
  });

  it("shows GRPO's clipped zero region and unbounded side, and REAL's bound 1/tau", () => {
    const at = (s: number) => data.scores.findIndex((x) => Math.abs(x - s) < 1e-9);
    assert.equal(data.grpo.positive.autodiff[at(1)], 0);
    assert.equal(data.grpo.negative.autodiff[at(-1)], 0);
    assert.ok(data.grpo.negative.autodiff[at(2)] > 7);
    for (const curve of [data.real.positive.autodiff, data.real.negative.autodiff]) {
      assert.ok(curve.every((g) => g > 0 && g < 1 / FIGURE1.tau));
    }
    assert.ok(data.real.positive.autodiff[at(-2)] > data.real.positive.autodiff[at(2)]);
    assert.ok(data.real.negative.autodiff[at(2)] > data.real.negative.autodiff[at(-2)]);
  });
});
