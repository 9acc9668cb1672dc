import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dropUninformativeGroups, sampleInformativeGroups } from "../../../learner/objectives/index.ts";

describe("DAPO dynamic sampling", () => {
  it("drops all-correct and all-wrong groups", () => {
    const groups = [
      { id: "a", rewards: [1, 1, 1] },
      { id: "b", rewards: [1, 0, 1] },
      { id: "c", rewards: [0, 0] },
      { id: "d", rewards: [0, 1] },
      { id: "e", rewards: [1] },
    ];
    assert.deepEqual(
      dropUninformativeGroups(groups).map((g) => g.id),
      ["b", "d"],
    );
  });

  it("samples more batches until the batch is full, then cuts the surplus", async () => {
    const batches = [
      [{ rewards: [1, 1] }, { rewards: [1, 0] }, { rewards: [0, 0] }],
      [{ rewards: [0, 1] }, { rewards: [1, 1] }, { rewards: [0, 0] }],
      [{ rewards: [1, 0] }, { rewards: [0, 1] }, { rewards: [0, 0] }],
    ];
    let next = 0;
    const result = await sampleInformativeGroups(async () => batches[next++], 3, 5);
    assert.equal(result.batchesSampled, 3);
    assert.equal(result.groupsDropped, 5);
    assert.deepEqual(result.groups, [batches[0][1], batches[1][0], batches[2][0]]);
  });

  it("fails after the allowed number of batches rather than sampling forever", async () => {
    await assert.rejects(
      sampleInformativeGroups(async () => [{ rewards: [1, 1] }, { rewards: [1, 0] }], 4, 2),
      /found 2 of 4 informative groups in 2 batches/,
    );
  });
});
