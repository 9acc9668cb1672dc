import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CurriculumProblem, splitOf, TASK_KINDS } from "../../../learner/tasks/curriculum.ts";
import { curriculumTestSetsByKind } from "../../../learner/train/data.ts";

describe("held-out problems by task family", () => {
  it("holds one set per family, of test-split problems of that family only", () => {
    const sets = curriculumTestSetsByKind(6, 3, [1, 2]);
    assert.deepEqual(
      sets.map((s) => s.name),
      [...TASK_KINDS],
    );
    for (const set of sets) {
      assert.equal(set.problems.length, 6);
      for (const p of set.problems as CurriculumProblem[]) {
        assert.equal(p.kind, set.name);
        assert.ok([1, 2].includes(p.level));
        assert.equal(splitOf(p.problem), "test");
      }
    }
  });
});
