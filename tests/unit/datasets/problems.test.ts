import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { BENCHMARKS, readBenchmark } from "../../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../../shared/datasets/location.ts";
import { DatasetError, loadProblemSet, lookup } from "../../../shared/datasets/problems.ts";

const DATA = defaultDataDir();
/** The training sets are not shipped: they are read from the data root beside the project. */
const SHARED_DATA = join(PROJECT_ROOT, "..", "shared", "data");
const dataMissing = existsSync(SHARED_DATA)
  ? undefined
  : `../shared/data absent (${SHARED_DATA}): training-set tests skipped`;

describe("problem sets from the shared data", { skip: dataMissing }, () => {
  const expected = { aime24: 30, aime25: 30, amc23: 83, math500: 500, minerva: 272, olympiad_bench: 675 };
  for (const benchmark of BENCHMARKS) {
    it(`loads ${benchmark} with its answer shape`, async () => {
      const problems = await readBenchmark(join(DATA, "benchmarks"), benchmark);
      assert.equal(problems.length, expected[benchmark]);
      assert.deepEqual(
        problems.map((p) => p.index),
        problems.map((_, i) => i),
      );
      for (const p of problems) assert.ok(p.problem.length > 10 && p.gold !== "");
    });
  }

  it("keeps the three answer shapes: string, number, list", async () => {
    const dir = join(DATA, "benchmarks");
    assert.equal(typeof (await readBenchmark(dir, "aime24"))[0]!.gold, "string");
    assert.equal(typeof (await readBenchmark(dir, "amc23"))[0]!.gold, "number");
    assert.ok(Array.isArray((await readBenchmark(dir, "minerva"))[0]!.gold));
  });

  it("loads the MATH training set", async () => {
    await assert.rejects(
      loadProblemSet(join(SHARED_DATA, "train", "math_train.jsonl")),
      /record 887: `answer` is not/,
    );
    const set = await loadProblemSet(join(SHARED_DATA, "train", "math_train.jsonl"), {}, { invalid: "skip" });
    assert.equal(set.problems.length + set.skipped.length, 7474);
    assert.ok(set.skipped.length > 0 && set.skipped.length < 10, `${set.skipped.length} skipped`);
  });

  it("loads DAPO-Math-17K from Parquet in the verl layout", async () => {
    const set = await loadProblemSet(join(SHARED_DATA, "train", "dapo-math-17k.parquet"));
    assert.ok(set.problems.length > 17_000, `${set.problems.length} problems`);
    const first = set.problems[0]!;
    assert.match(first.problem, /\\boxed/);
    assert.equal(typeof first.gold, "string");
  });
});

describe("problem-set errors", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-data-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, lines: unknown[]) => {
    const path = join(dir, name);
    await writeFile(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"));
    return path;
  };

  it("maps fields by dotted path", async () => {
    const path = await file("mapped.jsonl", [
      { q: { text: "What is 1+1?" }, sol: { final: "2" }, key: "a" },
      { q: { text: "What is 2+2?" }, sol: { final: 4 }, key: "b" },
    ]);
    const set = await loadProblemSet(path, { id: "key", problem: "q.text", answer: "sol.final" });
    assert.deepEqual(set.skipped, []);
    assert.deepEqual(set.problems, [
      { id: "a", problem: "What is 1+1?", gold: "2" },
      { id: "b", problem: "What is 2+2?", gold: 4 },
    ]);
  });

  it("names an unknown field and lists the ones there are", async () => {
    const path = await file("unknown.jsonl", [{ question: "x", solution: "1" }]);
    await assert.rejects(loadProblemSet(path, { answer: "final" }), /no field `final`.*question, solution/);
    await assert.rejects(loadProblemSet(path), /cannot tell which field holds the answer/);
  });

  it("refuses empty files, duplicated ids and non-JSON lines, naming where", async () => {
    await assert.rejects(loadProblemSet(await file("empty.jsonl", ["", ""])), /holds no records/);
    const dup = await file("dup.jsonl", [
      { id: 1, problem: "a", answer: "1" },
      { id: 1, problem: "b", answer: "2" },
    ]);
    await assert.rejects(loadProblemSet(dup), /record 2: id "1" is already used by record 1/);
    await assert.rejects(
      loadProblemSet(await file("bad.jsonl", ['{"problem": "a"', "{}"])),
      /bad\.jsonl:1: not valid JSON/,
    );
    await assert.rejects(loadProblemSet(await file("notes.txt", ["x"])), DatasetError);
  });

  it("reads chat prompts as their last message", () => {
    const record = {
      prompt: [
        { role: "system", content: "s" },
        { role: "user", content: "solve" },
      ],
    };
    assert.equal(lookup(record, "prompt"), "solve");
    assert.equal(lookup({ a: [1, 2, 3] }, "a.-1"), 3);
  });
});
