import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EvaluationResultSchema } from "../../shared/contracts/evaluation.ts";
import { rlvr } from "../support/rlvr.ts";

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;

const TOY = [
  { id: "p1", problem: "What is one half plus one half?", answer: "1" },
  { id: "p2", problem: "What is half of one?", answer: "\\frac{1}{2}" },
];
const OTHER = [{ id: "o1", problem: "What is two plus two?", answer: "4" }];

/** The in-process grader on one worker: no services needed. */
const HERE = ["--via", "local", "--workers", "1"];

describe("rlvr eval reads other harnesses' outputs", () => {
  let dir: string;
  let data: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-eval-formats-"));
    data = join(dir, "data");
    await mkdir(data);
    await writeFile(join(data, "toy.jsonl"), jsonl(TOY));
    await writeFile(join(data, "other.jsonl"), jsonl(OTHER));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, rows: unknown[]) => {
    const path = join(dir, name);
    await writeFile(path, jsonl(rows));
    return path;
  };

  it("scores Qwen2.5-Math output by its question texts, grading the responses, not its preds", async () => {
    // Its idx numbers its own copy of the set; its preds are wrong extractions of right responses.
    const samples = await file("qwen.jsonl", [
      {
        idx: 7,
        question: TOY[1]!.problem,
        gt: "\\frac{1}{2}",
        code: ["It is \\boxed{0.5}", "\\boxed{2}"],
        pred: ["5", "2"],
        score: [false, false],
      },
      {
        idx: 3,
        question: TOY[0]!.problem,
        gt: "1",
        code: ["\\boxed{1}", "\\boxed{\\frac{2}{2}}"],
        pred: ["", ""],
        score: [false, false],
      },
    ]);
    const out = join(dir, "qwen-out");
    const run = await rlvr(
      "eval",
      samples,
      "--data",
      join(data, "toy.jsonl"),
      "--k",
      "2",
      "--out",
      out,
      ...HERE,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /qwen-math format \(recognised from its first line/);
    assert.match(run.stderr, /problems identified: 2 lines by question text, 0 by id/);
    const written = JSON.parse(await readFile(join(out, "result.json"), "utf8"));
    assert.equal(written.format, "qwen-math");
    const result = EvaluationResultSchema.parse(written);
    assert.deepEqual(
      result.problems.map((p) => [p.id, p.correct]),
      [
        ["p1", 2],
        ["p2", 1],
      ],
    );
    assert.equal(result.coverage.partial, false);
  });

  it("scores lighteval details for one benchmark (--benchmark) and prints only JSON with --json", async () => {
    const details = TOY.map((p) => ({
      doc: {
        query: `Solve the following math problem efficiently and clearly.\n\n${p.problem}`,
        choices: [p.answer],
        gold_index: 0,
        task_name: "custom|toy|0",
      },
      model_response: { text: [`\\boxed{${p.answer}}`, "\\boxed{3}"] },
      metric: { "pass@k:k=1&n=2": 0.5 },
    }));
    const samples = await file("details.jsonl", details);
    const run = await rlvr(
      "eval",
      samples,
      "--data",
      data,
      "--benchmark",
      "toy",
      "--k",
      "2",
      "--json",
      "--out",
      join(dir, "le-out"),
      ...HERE,
    );
    assert.equal(run.code, 0, run.stderr);
    const result = EvaluationResultSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(
      result.benchmarks.map((b) => [b.benchmark, b.pass1, b.coverage.partial]),
      [["toy", 0.5, false]],
    );
    assert.match(run.stderr, /lighteval format/);
    assert.match(run.stderr, /^reports: /m);
  });

  it("reads vLLM-style lines with chat prompts and output objects, the format named", async () => {
    const samples = await file("vllm.jsonl", [
      {
        prompt: [{ role: "user", content: `${OTHER[0]!.problem}\nPut the answer in \\boxed{}.` }],
        outputs: [{ index: 0, text: "\\boxed{4}", finish_reason: "stop" }],
      },
    ]);
    const run = await rlvr(
      "eval",
      samples,
      "--format",
      "vllm",
      "--data",
      data,
      "--benchmark",
      "other",
      "--k",
      "1",
      "--out",
      join(dir, "vllm-out"),
      ...HERE,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /recognised/, "a named format is not guessed");
    assert.match(run.stdout, /\| Pass@1 \| 100\.0 \| 100\.0 \|/);
  });

  it("flags a partial evaluation in the table, result.json, report.md and report.html", async () => {
    const samples = await file("partial.jsonl", [{ problem_id: "p1", response: "\\boxed{1}" }]);
    const refused = await rlvr("eval", samples, "--data", join(data, "toy.jsonl"), "--k", "2", ...HERE);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /to go on, add --allow-partial/);
    const out = join(dir, "partial-out");
    const run = await rlvr(
      "eval",
      samples,
      "--data",
      join(data, "toy.jsonl"),
      "--k",
      "2",
      "--allow-partial",
      "--out",
      out,
      ...HERE,
    );
    assert.equal(run.code, 0, run.stderr);
    const warning = "toy: 1 of 2 problems, 1 sample per problem (k = 2).";
    assert.ok(run.stderr.includes(`warning: partial evaluation: ${warning}`), run.stderr);
    assert.ok(run.stdout.includes(`- ${warning}`), run.stdout);
    assert.match(run.stdout, /\| toy \(partial\) \| Avg\. \(partial\) \|/);
    const result = EvaluationResultSchema.parse(JSON.parse(await readFile(join(out, "result.json"), "utf8")));
    assert.deepEqual(result.benchmarks[0]!.coverage, {
      problems: { covered: 1, total: 2 },
      samplesPerProblem: { min: 1, max: 1 },
      k: 2,
      partial: true,
    });
    assert.ok((await readFile(join(out, "report.md"), "utf8")).includes(`- ${warning}`));
    assert.match(
      await readFile(join(out, "report.html"), "utf8"),
      /<div class="partial" role="alert">.*toy: 1 of 2 problems/,
    );
  });

  it("refuses a file of no known format, and a bad --format, with one line each", async () => {
    const samples = await file("unknown.jsonl", [{ question: TOY[0]!.problem, answer: "1" }]);
    const unknown = await rlvr("eval", samples, "--data", join(data, "toy.jsonl"), ...HERE);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /unknown\.jsonl:1: not a samples line of any format this reads \(rlvr: .*; qwen-math: /,
    );
    assert.equal(unknown.stderr.trim().split("\n").length, 1, unknown.stderr);
    const badFormat = await rlvr("eval", samples, "--format", "helm");
    assert.equal(badFormat.code, 2);
    assert.match(
      badFormat.stderr,
      /--format: expected one of auto, rlvr, vllm, lighteval, qwen-math, got "helm"/,
    );
    assert.equal(badFormat.stderr.trim().split("\n").length, 1, badFormat.stderr);
  });
});
