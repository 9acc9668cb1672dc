import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { DEFAULT_K, EvaluationResultSchema, SampleSchema } from "../../shared/contracts/evaluation.ts";
import { rlvr } from "../support/rlvr.ts";

/** The tiny policy the demo starts from (0.75 M parameters, character tokenizer). */
const CHECKPOINT = join(PROJECT_ROOT, "learner", "checkpoints", "demo-start");

describe("rlvr generate, then rlvr eval, both with their default k", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-generate-eval-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("scores every problem with k samples, complete, and says how to go on when k differs", async () => {
    const samples = join(dir, "samples.jsonl");
    // Only the sizes that make it quick are given; k is each command's default.
    const generated = await rlvr(
      "generate",
      "--checkpoint",
      CHECKPOINT,
      "--problems",
      "2",
      "--max-new-tokens",
      "8",
      "--backend",
      "cpu",
      "--out",
      samples,
      "--json",
    );
    assert.equal(generated.code, 0, generated.stderr);
    const written = JSON.parse(generated.stdout);
    assert.deepEqual(written, {
      samples,
      problems: 2,
      k: DEFAULT_K,
      count: 2 * DEFAULT_K,
      problemsFile: join(dir, "curriculum-test.jsonl"),
    });
    const lines = (await readFile(samples, "utf8")).trim().split("\n");
    assert.equal(lines.length, 2 * DEFAULT_K);
    for (const line of lines) SampleSchema.parse(JSON.parse(line));

    const out = join(dir, "eval");
    const evaluated = await rlvr(
      "eval",
      samples,
      "--data",
      written.problemsFile,
      "--out",
      out,
      "--workers",
      "1",
    );
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.doesNotMatch(evaluated.stdout + evaluated.stderr, /partial/i);
    const result = EvaluationResultSchema.parse(JSON.parse(await readFile(join(out, "result.json"), "utf8")));
    assert.deepEqual(result.benchmarks[0]!.coverage, {
      problems: { covered: 2, total: 2 },
      samplesPerProblem: { min: DEFAULT_K, max: DEFAULT_K },
      k: DEFAULT_K,
      partial: false,
    });

    const more = await rlvr("eval", samples, "--data", written.problemsFile, "--k", String(2 * DEFAULT_K));
    assert.equal(more.code, 1);
    assert.match(more.stderr, new RegExp(`the samples hold ${DEFAULT_K} per problem`));
    assert.match(more.stderr, new RegExp(`to go on, add --k ${DEFAULT_K} \\(.*\\), or --allow-partial`));
  });

  it("refuses --json with --out - (both would write to stdout) as a usage error", async () => {
    const run = await rlvr("generate", "--checkpoint", CHECKPOINT, "--out", "-", "--json");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--json and --out - both write to stdout/);
  });
});
