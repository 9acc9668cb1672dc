import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  GradeBatchRequestSchema,
  GradeLineSchema,
  GradeRequestSchema,
  MAX_BATCH_ITEMS,
  MAX_RESPONSE_CHARS,
  resolveOptions,
} from "../../shared/contracts/grading.ts";

describe("grading contracts", () => {
  it("accept the three gold shapes", () => {
    for (const gold of ["\\frac12", 142.0, ["$2$", "two"]]) {
      assert.equal(GradeRequestSchema.safeParse({ response: "x", gold }).success, true, JSON.stringify(gold));
    }
  });

  it("reject wrong types, empty gold lists, unknown fields and unknown options", () => {
    const bad = [
      { response: 5, gold: "1" },
      { response: "x", gold: [] },
      { response: "x", gold: { value: 1 } },
      { response: "x", gold: "1", extra: true },
      { response: "x", gold: "1", options: { percnt: "both" } },
      { response: "x", gold: Number.NaN },
    ];
    for (const request of bad) {
      assert.equal(GradeRequestSchema.safeParse(request).success, false, JSON.stringify(request));
    }
  });

  it("limit response size and batch length", () => {
    assert.equal(
      GradeRequestSchema.safeParse({ response: "x".repeat(MAX_RESPONSE_CHARS + 1), gold: "1" }).success,
      false,
    );
    const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({ response: "1", gold: "1" }));
    assert.equal(GradeBatchRequestSchema.safeParse({ items }).success, false);
    assert.equal(GradeBatchRequestSchema.safeParse({ items: items.slice(1) }).success, true);
  });

  it("cap the per-item budget at 2,000 ms", () => {
    const withBudget = (timeoutMs: number) =>
      GradeRequestSchema.safeParse({ response: "x", gold: "1", options: { timeoutMs } });
    assert.equal(withBudget(2_000).success, true);
    const over = withBudget(2_001);
    assert.equal(over.success, false);
    assert.deepEqual(over.error?.issues[0].path, ["options", "timeoutMs"]);
  });

  it("fill in documented defaults", () => {
    assert.deepEqual(resolveOptions(), {
      requireThinkClose: false,
      percent: "both",
      listOrder: "auto",
      relativeTolerance: null,
      multipleChoice: "auto",
      timeoutMs: 250,
    });
    assert.equal(resolveOptions({ timeoutMs: 1000 }).timeoutMs, 1000);
  });

  it("take `candidate` as an alias of `response` in JSONL lines", () => {
    assert.deepEqual(GradeLineSchema.parse({ candidate: "\\boxed{2}", gold: 2, id: "a" }), {
      response: "\\boxed{2}",
      gold: 2,
    });
    const missing = GradeLineSchema.safeParse({ gold: 2 });
    assert.equal(missing.success, false);
    assert.match(JSON.stringify(missing.error?.issues), /candidate/);
  });
});
