import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EvaluationResultSchema, EvaluationStatusSchema } from "../../shared/contracts/evaluation.ts";
import {
  jsonl,
  startTestEvaluationStack,
  type TestEvaluationStack,
  TOY_SAMPLES,
  TOY_SET,
} from "../support/evaluator-fixtures.ts";
import { natsServerMissing } from "../support/processes.ts";
import { rlvrWithEnv } from "../support/rlvr.ts";

describe("a partial evaluation as a job on the evaluation service", { skip: natsServerMissing }, () => {
  let stack: TestEvaluationStack;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-eval-partial-job-"));
    stack = await startTestEvaluationStack();
  });
  after(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("carries the coverage in the job's result and says so in the service's reports", async () => {
    const problems = join(dir, "toy.jsonl");
    const samples = join(dir, "samples.jsonl");
    await writeFile(
      problems,
      jsonl(TOY_SET.problems.map((p) => ({ id: p.id, problem: p.problem, answer: p.gold }))),
    );
    // p1 with all 4 samples, p2 with 2 of them, p3 and p4 with none.
    await writeFile(
      samples,
      jsonl(TOY_SAMPLES.filter((s) => s.problem_id === "p1" || (s.problem_id === "p2" && s.sample! < 2))),
    );
    const out = join(dir, "out");
    const run = await rlvrWithEnv(
      { NATS_URL: stack.nats.url },
      ...["eval", samples, "--data", problems, "--k", "4", "--allow-partial", "--via", "nats", "--out", out],
    );
    assert.equal(run.code, 0, run.stderr);
    const expected = {
      problems: { covered: 2, total: 4 },
      samplesPerProblem: { min: 2, max: 4 },
      k: 4,
      partial: true,
    };
    const result = EvaluationResultSchema.parse(JSON.parse(await readFile(join(out, "result.json"), "utf8")));
    assert.deepEqual(result.benchmarks[0]!.coverage, expected);

    const id = /submitted evaluation job (\S+)/.exec(run.stderr)?.[1];
    assert.ok(id, run.stderr);
    const base = `${stack.evaluator.url}/v1/evaluations/${id}`;
    const status = EvaluationStatusSchema.parse(await (await fetch(base)).json());
    assert.deepEqual(status.result?.benchmarks[0]?.coverage, expected);
    assert.deepEqual(status.result?.coverage, { partial: true, missing: [] });
    const warning = "toy: 2 of 4 problems, 2 to 4 samples per problem (k = 4).";
    assert.ok((await (await fetch(`${base}/report.md`)).text()).includes(`- ${warning}`));
    assert.match(
      await (await fetch(`${base}/report.html`)).text(),
      /<div class="partial" role="alert">.*toy: 2 of 4/,
    );
  });
});
