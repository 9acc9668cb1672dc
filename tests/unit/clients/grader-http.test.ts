import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { freePort } from "../../../infra/stack/managed-process.ts";
import { GraderRequestError, GraderUnavailableError } from "../../../shared/clients/grader.ts";
import { httpGrader, replicaUrls } from "../../../shared/clients/grader-http.ts";
import { sizedBatches, utf8Bytes } from "../../../shared/clients/sized-batches.ts";
import type { GradeRequest } from "../../../shared/contracts/grading.ts";

const item = (response: string): GradeRequest => ({ response, gold: "1" });

describe("batches sized by bytes", () => {
  it("builds bodies that are the JSON of their items, in order, within both limits", () => {
    const items = Array.from({ length: 50 }, (_, i) => item(`${"é".repeat(i * 7)} \\boxed{${i}}`));
    const options = { timeoutMs: 500 };
    const batches = sizedBatches(items, options, { maxItems: 8, maxBytes: 600 });
    assert.deepEqual(
      batches.flatMap((b) => b.items),
      items,
    );
    for (const batch of batches) {
      assert.deepEqual(JSON.parse(batch.body), { items: batch.items, options });
      assert.equal(batch.bytes, new TextEncoder().encode(batch.body).byteLength);
      assert.ok(batch.items.length <= 8);
      assert.ok(batch.bytes <= 600 || batch.items.length === 1, `${batch.bytes} bytes`);
    }
    assert.ok(batches.length > 50 / 8, "bytes, not only items, split the batches");
  });

  it("sends an item larger than the batch size alone, and refuses one over the service's limit", () => {
    const batches = sizedBatches([item("a"), item("b".repeat(2_000)), item("c")], undefined, {
      maxItems: 100,
      maxBytes: 500,
      limitBytes: 4_000,
    });
    assert.deepEqual(
      batches.map((b) => b.items.length),
      [1, 1, 1],
    );
    assert.throws(
      () =>
        sizedBatches([item("a"), item("b".repeat(5_000))], undefined, {
          maxItems: 100,
          maxBytes: 500,
          limitBytes: 4_000,
        }),
      (error: Error) =>
        error instanceof GraderRequestError &&
        error.status === 413 &&
        /item 2 is .* MiB as JSON/.test(error.message),
    );
  });

  it("counts UTF-8 bytes as the encoder does", () => {
    for (const text of ["", "abc", "é", "€", "😀", "a😀b", "\u{10FFFF}", "日本語テキスト"]) {
      assert.equal(utf8Bytes(text), new TextEncoder().encode(text).byteLength, text);
    }
  });
});

describe("the HTTP grading client", () => {
  it("takes one URL, a comma-separated list, or a list, and refuses what is not http(s)", () => {
    assert.deepEqual(replicaUrls("http://a:1"), ["http://a:1"]);
    assert.deepEqual(replicaUrls(" http://a:1, http://b:2 ,"), ["http://a:1", "http://b:2"]);
    assert.deepEqual(replicaUrls(["https://a"]), ["https://a"]);
    assert.throws(() => replicaUrls("a:1"), /"a:1" is not an http\(s\) URL/);
    assert.throws(() => replicaUrls(" , "), /no grading service URL/);
  });

  it("refuses an item too large for any request before sending anything", async () => {
    const client = httpGrader({ url: "http://127.0.0.1:9" });
    await assert.rejects(
      client.gradeMany([item("ok"), item("x".repeat(17 * 1024 * 1024))]),
      /item 2 is 17\.0 MiB as JSON, more than one request to the grading service may carry \(16\.0 MiB\)/,
    );
  });

  it("says which URLs it tried and how to start a grader when none answers", async () => {
    const urls = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const client = httpGrader({ url: urls, attempts: 3 });
    const error = await client.grade(item("\\boxed{1}")).catch((e: unknown) => e);
    assert.ok(error instanceof GraderUnavailableError, String(error));
    assert.equal(error.tried.length, 3);
    for (const url of urls) assert.ok(error.message.includes(url), error.message);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /rlvr stack up/);
  });
});
