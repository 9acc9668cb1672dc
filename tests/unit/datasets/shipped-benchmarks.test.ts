/**
 * The six evaluation benchmarks ship inside the project, whole, so that a clone without `../shared`
 * evaluates on them; where the shared data root is beside the project, the copies equal it byte for byte.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { BENCHMARKS, readAllBenchmarks } from "../../../shared/datasets/benchmarks.ts";

const SHIPPED = join(PROJECT_ROOT, "shared", "data", "benchmarks");
const SHARED = join(PROJECT_ROOT, "..", "shared", "data", "benchmarks");
const EXPECTED_PROBLEMS = {
  aime24: 30,
  aime25: 30,
  amc23: 83,
  math500: 500,
  minerva: 272,
  olympiad_bench: 675,
};

describe("the shipped benchmarks", () => {
  test("all six are in the project with every problem and a gold for each", async () => {
    const problems = await readAllBenchmarks(SHIPPED);
    for (const name of BENCHMARKS) {
      const mine = problems.filter((p) => p.benchmark === name);
      assert.equal(mine.length, EXPECTED_PROBLEMS[name], name);
      assert.ok(
        mine.every((p) => p.problem.length > 0),
        `${name}: a problem without text`,
      );
    }
  });

  test("the default data root is the shipped one unless RLVR_DATA_DIR says otherwise", async () => {
    const { defaultDataDir } = await import("../../../shared/datasets/location.ts");
    if (process.env.RLVR_DATA_DIR) assert.equal(defaultDataDir(), process.env.RLVR_DATA_DIR);
    else assert.equal(join(defaultDataDir(), "benchmarks"), `${SHIPPED}`);
  });

  test("they equal the shared data root's copies byte for byte", {
    skip: existsSync(SHARED) ? undefined : `no ../shared/data beside the project (${SHARED})`,
  }, () => {
    for (const name of BENCHMARKS) {
      const file = `${name}.jsonl`;
      assert.ok(readFileSync(join(SHIPPED, file)).equals(readFileSync(join(SHARED, file))), file);
    }
  });
});
