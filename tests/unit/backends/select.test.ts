import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";

const missing = (specifier: string) => Promise.reject(new Error(`Cannot find package '${specifier}'`));
const withoutTensorflow = (specifier: string) =>
  specifier.startsWith("@tensorflow/tfjs-node") ? missing(specifier) : import(specifier);

describe("selectBackend", () => {
  it("auto falls from tensorflow to wasm when tfjs-node cannot load, and says why on one line", async () => {
    const lines: string[] = [];
    const used = await selectBackend("auto", { load: withoutTensorflow, log: (l) => lines.push(l) });
    assert.equal(used, "wasm");
    assert.equal(tf.getBackend(), "wasm");
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /asked for auto \(tensorflow unavailable: .*tfjs-node-gpu.*tfjs-node/);
  });

  it("auto falls to cpu when neither tensorflow nor wasm can load", async () => {
    const lines: string[] = [];
    const used = await selectBackend("auto", { load: missing, log: (l) => lines.push(l) });
    assert.equal(used, "cpu");
    assert.equal(tf.getBackend(), "cpu");
    assert.match(lines.join("\n"), /tensorflow unavailable.*wasm unavailable/);
  });

  it("refuses a named backend that cannot start, naming the reason, instead of falling back", async () => {
    await tf.setBackend("cpu");
    const lines: string[] = [];
    await assert.rejects(
      selectBackend("tensorflow", { load: withoutTensorflow, log: (l) => lines.push(l) }),
      /the tensorflow backend cannot start: @tensorflow\/tfjs-node-gpu: Cannot find package.*@tensorflow\/tfjs-node: Cannot find package/,
    );
    await assert.rejects(
      selectBackend("wasm", { load: missing, log: (l) => lines.push(l) }),
      /the wasm backend cannot start/,
    );
    assert.deepEqual(lines, []);
    assert.equal(tf.getBackend(), "cpu", "the backend in use stays as it was");
  });

  it("gives a named backend that starts", async () => {
    assert.equal(await selectBackend("wasm", { log: () => {} }), "wasm");
    assert.equal(tf.getBackend(), "wasm");
    assert.equal(await selectBackend("cpu", { log: () => {} }), "cpu");
    assert.equal(tf.getBackend(), "cpu");
  });
});
