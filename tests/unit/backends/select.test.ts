import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";

const missing = (specifier: string) => Promise.reject(new Error(`Cannot find package '${specifier}'`));
const withoutTensorflow = (specifier: string) =>
  specifier.startsWith("@tensorflow/tfjs-node") ? missing(specifier) : import(specifier);

describe("selectBackend", () => {
  it("falls from tensorflow to wasm when tfjs-node cannot load, and says why", async () => {
    const lines: string[] = [];
    const used = await selectBackend("auto", { load: withoutTensorflow, log: (l) => lines.push(l) });
    assert.equal(used, "wasm");
    assert.equal(tf.getBackend(), "wasm");
    assert.match(lines.join("\n"), /tensorflow unavailable: .*tfjs-node-gpu.*tfjs-node/);
  });

  it("falls to cpu when neither tensorflow nor wasm can load", async () => {
    const lines: string[] = [];
    const used = await selectBackend("tensorflow", { load: missing, log: (l) => lines.push(l) });
    assert.equal(used, "cpu");
    assert.equal(tf.getBackend(), "cpu");
    assert.match(lines.join("\n"), /wasm unavailable/);
  });

  it("gives the cpu backend when asked for it", async () => {
    assert.equal(await selectBackend("cpu", { log: () => {} }), "cpu");
    assert.equal(tf.getBackend(), "cpu");
  });
});
