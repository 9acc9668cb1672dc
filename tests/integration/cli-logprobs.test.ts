import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadPolicyText } from "../../learner/train/load-policy.ts";
import { writeQwenCheckpoint } from "../support/qwen-tokenizer.ts";
import { rlvr } from "../support/rlvr.ts";

const FIXTURES = join(import.meta.dirname, "../reference/fixtures");

interface Line {
  id?: string | number;
  token_ids: number[];
  logprobs: [null, ...number[]];
}

const parse = (stdout: string): Line[] =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("rlvr logprobs", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-logprobs-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the PyTorch reference's log-probs for token ids, with their ids", async () => {
    const checkpoint = join(FIXTURES, "untied-gqa7-bf16");
    const expected = (await readFile(join(FIXTURES, "expected-logprobs.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((r) => r.checkpoint === "untied-gqa7-bf16");
    const input = join(dir, "ids.jsonl");
    await writeFile(
      input,
      expected.map((r, i) => `${JSON.stringify({ id: `s${i}`, token_ids: r.token_ids })}\n`).join(""),
    );
    const out = join(dir, "out.jsonl");
    const run = await rlvr("logprobs", input, "--checkpoint", checkpoint, "--out", out, "--backend", "cpu");
    assert.equal(run.code, 0, run.stderr);
    const lines = parse(await readFile(out, "utf8"));
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => {
      assert.equal(line.id, `s${i}`);
      assert.deepEqual(line.token_ids, expected[i].token_ids);
      assert.equal(line.logprobs[0], null);
      line.logprobs.slice(1).forEach((x, t) => {
        assert.ok(Math.abs(x! - expected[i].logprobs[t + 1]) <= 1e-4, `line ${i} token ${t + 1}`);
      });
    });
  });

  it("encodes texts with the checkpoint's own tokenizer, as its token ids score", async () => {
    const checkpoint = join(dir, "qwen");
    await writeQwenCheckpoint(checkpoint, 5, { merges: 2000 });
    const text = "Let's think step by step: 12 + 30 = 42.";
    const { tokenizer } = await loadPolicyText(undefined, checkpoint);
    const ids = tokenizer.encode(text);
    const input = join(dir, "texts.jsonl");
    await writeFile(input, `${JSON.stringify({ text })}\n${JSON.stringify({ token_ids: ids })}\n`);
    const run = await rlvr("logprobs", input, "--checkpoint", checkpoint, "--backend", "cpu");
    assert.equal(run.code, 0, run.stderr);
    const [fromText, fromIds] = parse(run.stdout);
    // Qwen's tokenizer adds no BOS.
    assert.deepEqual(fromText!.token_ids, ids);
    assert.ok(ids.length > 5);
    assert.deepEqual(fromText!.logprobs, fromIds!.logprobs);
  });

  it("scores token ids when the checkpoint's tokenizer cannot be built, and says why texts cannot be", async () => {
    const checkpoint = join(dir, "broken-tokenizer");
    await cp(join(FIXTURES, "tied-gqa2-bf16"), checkpoint, { recursive: true });
    await writeFile(join(checkpoint, "tokenizer.json"), "{ not json");
    const ids = join(dir, "one-ids.jsonl");
    await writeFile(ids, `${JSON.stringify({ token_ids: [1, 2, 3] })}\n`);
    const byIds = await rlvr("logprobs", ids, "--checkpoint", checkpoint, "--backend", "cpu");
    assert.equal(byIds.code, 0, byIds.stderr);
    assert.equal(parse(byIds.stdout)[0]!.logprobs.length, 3);
    const texts = join(dir, "one-text.jsonl");
    await writeFile(texts, `${JSON.stringify({ text: "hello" })}\n`);
    const byText = await rlvr("logprobs", texts, "--checkpoint", checkpoint, "--backend", "cpu");
    assert.equal(byText.code, 1);
    assert.match(byText.stderr, /no tokenizer can be built for .*broken-tokenizer.*give "token_ids" instead/);
  });

  it("refuses a malformed line or an id outside the vocabulary by name", async () => {
    const checkpoint = join(FIXTURES, "tied-gqa2-bf16");
    const bad = join(dir, "bad.jsonl");
    await writeFile(bad, `${JSON.stringify({ token_ids: [1] })}\n${JSON.stringify({ tokens: [1, 2] })}\n`);
    const malformed = await rlvr("logprobs", bad, "--checkpoint", checkpoint, "--backend", "cpu");
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /bad\.jsonl:2: expected \{"text"/);
    const outside = join(dir, "outside.jsonl");
    await writeFile(outside, `${JSON.stringify({ token_ids: [1, 96] })}\n`);
    const big = await rlvr("logprobs", outside, "--checkpoint", checkpoint, "--backend", "cpu");
    assert.equal(big.code, 1);
    assert.match(big.stderr, /token id 96, outside the model's vocabulary \[0, 96\)/);
  });
});
