import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { loadProblemSet, readRecords } from "../../../shared/datasets/problems.ts";
import { resolveProblemSets } from "../../../shared/datasets/resolve.ts";

const DAPO = join(PROJECT_ROOT, "..", "shared", "data", "train", "dapo-math-17k.parquet");

/** A row in verl's layout: chat-message prompt, reward_model.ground_truth, extra_info.index. */
const verlRow = (index: string | number, problem: string, answer: string) => ({
  data_source: "math_dapo",
  prompt: [{ role: "user", content: problem }],
  ability: "MATH",
  reward_model: { ground_truth: answer, style: "rule" },
  extra_info: { index, split: "test" },
});

describe("problem ids of verl-layout sets", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-verl-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("are extra_info.index, not the row's position", async () => {
    const path = join(dir, "verl.jsonl");
    const rows = [verlRow("b7f1", "What is 1+1?", "2"), verlRow(40, "What is 2+2?", "4")];
    await writeFile(path, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const [set] = await resolveProblemSets([path]);
    assert.deepEqual(
      set!.problems.map((p) => [p.id, p.problem, p.gold]),
      [
        ["b7f1", "What is 1+1?", "2"],
        ["40", "What is 2+2?", "4"],
      ],
    );
  });

  it("are DAPO-Math-17K's UUIDs, read from its Parquet", {
    skip: existsSync(DAPO) ? undefined : `${DAPO} absent: the training set is not shipped`,
  }, async () => {
    const [records, set] = await Promise.all([readRecords(DAPO), loadProblemSet(DAPO)]);
    assert.equal(set.problems.length, records.length);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const [i, p] of set.problems.entries()) {
      assert.equal(p.id, (records[i]!.extra_info as { index: string }).index);
      assert.match(p.id, uuid);
    }
    // Parquet's INT64 columns come as plain numbers.
    assert.equal(records[3]!.__index_level_0__, 3);
  });
});
