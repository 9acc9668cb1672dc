import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { denoExecutable, PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { checkAnswer } from "../../shared/checker/check.ts";
import type { GradeRequest, Verdict } from "../../shared/contracts/grading.ts";
import { readAllBenchmarks } from "../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../shared/datasets/location.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { syntheticResponses } from "../../shared/synthetic/responses.ts";

function gradeUnderDeno(requests: GradeRequest[]): Promise<Verdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      denoExecutable(),
      ["run", "-A", join(PROJECT_ROOT, "tests", "support", "grade-stdin.ts")],
      {
        cwd: PROJECT_ROOT,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`deno exited ${code}`)),
    );
    child.stdin.end(JSON.stringify(requests));
  });
}

describe("the answer checker under Deno", () => {
  it("gives the verdicts it gives under Node, on responses to every benchmark gold", async (t) => {
    let requests: GradeRequest[];
    try {
      const problems = await readAllBenchmarks(join(defaultDataDir(), "benchmarks"));
      const rng = seededRng(11);
      requests = problems.flatMap((p) =>
        syntheticResponses(Array.isArray(p.gold) ? p.gold[0]! : String(p.gold), 2, rng).map((s) => ({
          response: s.response,
          gold: p.gold,
        })),
      );
    } catch {
      t.skip(`benchmark data absent in ${defaultDataDir()}`);
      return;
    }
    const underDeno = await gradeUnderDeno(requests);
    assert.equal(underDeno.length, requests.length);
    const strip = ({ elapsedMs: _, ...rest }: Verdict) => rest;
    for (const [i, request] of requests.entries()) {
      assert.deepEqual(
        strip(underDeno[i]!),
        strip(checkAnswer(request)),
        JSON.stringify(request).slice(0, 200),
      );
    }
  });
});
