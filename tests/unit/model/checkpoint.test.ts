import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { loadCheckpoint, saveCheckpoint, WEIGHTS_FILE } from "../../../learner/model/checkpoint.ts";
import { forward } from "../../../learner/model/forward.ts";
import { disposeParams } from "../../../learner/model/params.ts";
import { decodeSafetensors, encodeSafetensors } from "../../../learner/model/safetensors.ts";
import { floats, ints, microModel } from "./support.ts";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "rlvr-ckpt-"));
  dirs.push(d);
  return d;
};

describe("safetensors", () => {
  it("writes the documented layout: u64 LE header length, aligned JSON header, raw data", () => {
    const bytes = encodeSafetensors({
      tensors: {
        b: { dtype: "I32", shape: [2], data: Int32Array.from([7, -1]) },
        a: { dtype: "F32", shape: [1, 2], data: Float32Array.from([1.5, -2]) },
      },
      metadata: { note: "x" },
    });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    assert.equal((8 + n) % 8, 0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString());
    assert.deepEqual(header.__metadata__, { note: "x" });
    assert.deepEqual(header.a, { dtype: "F32", shape: [1, 2], data_offsets: [0, 8] });
    assert.deepEqual(header.b, { dtype: "I32", shape: [2], data_offsets: [8, 16] });
    const data = Buffer.from(bytes.subarray(8 + n));
    assert.equal(data.readFloatLE(0), 1.5);
    assert.equal(data.readInt32LE(12), -1);
    const back = decodeSafetensors(bytes);
    assert.deepEqual(back.tensors.b, { dtype: "I32", shape: [2], data: Int32Array.from([7, -1]) });
  });

  it("reads BF16 and F16 tensors as float32", () => {
    const header = JSON.stringify({
      h: { dtype: "F16", shape: [2], data_offsets: [0, 4] },
      g: { dtype: "BF16", shape: [2], data_offsets: [4, 8] },
    });
    const buf = Buffer.alloc(8 + header.length + 8);
    buf.writeBigUInt64LE(BigInt(header.length), 0);
    buf.write(header, 8);
    const at = 8 + header.length;
    buf.writeUInt16LE(0x3c00, at); // 1.0
    buf.writeUInt16LE(0xc100, at + 2); // -2.5
    buf.writeUInt16LE(0x3fc0, at + 4); // 1.5
    buf.writeUInt16LE(0xc040, at + 6); // -3
    const { tensors } = decodeSafetensors(new Uint8Array(buf));
    assert.deepEqual([...tensors.h!.data], [1, -2.5]);
    assert.deepEqual([...tensors.g!.data], [1.5, -3]);
  });

  it("rejects truncated files and gaps", () => {
    const good = encodeSafetensors({
      tensors: { a: { dtype: "F32", shape: [2], data: Float32Array.from([1, 2]) } },
      metadata: {},
    });
    assert.throws(() => decodeSafetensors(good.subarray(0, good.length - 1)));
    assert.throws(() => decodeSafetensors(new Uint8Array([...good, 0])));
  });
});

describe("checkpoint", () => {
  it("restores bit-identical weights, the config, extra tensors and metadata", async () => {
    const dir = await tempDir();
    const model = microModel(21, { tieEmbeddings: false });
    const moment = { dtype: "F32" as const, shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) };
    await saveCheckpoint(dir, model, {
      tensors: { "optimizer.m.x": moment },
      metadata: { step: 12, rng: 99 },
    });
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(loaded.model.config, model.config);
    assert.deepEqual(Object.keys(loaded.model.params).sort(), Object.keys(model.params).sort());
    for (const [name, v] of Object.entries(model.params)) {
      const a = Buffer.from((v.dataSync() as Float32Array).buffer);
      const b = Buffer.from((loaded.model.params[name]!.dataSync() as Float32Array).buffer);
      assert.ok(a.equals(b), name);
    }
    assert.deepEqual(loaded.tensors, { "optimizer.m.x": moment });
    assert.deepEqual(loaded.metadata, { step: 12, rng: 99 });
    const ids = ints([[1, 2, 3]]);
    const mask = floats([[1, 1, 1]]);
    assert.deepEqual(
      forward(model, { ids, mask }).arraySync(),
      forward(loaded.model, { ids, mask }).arraySync(),
    );
    disposeParams(loaded.model.params);
    tf.dispose([ids, mask]);
  });

  it("refuses weights that do not fit the config", async () => {
    const dir = await tempDir();
    await saveCheckpoint(dir, microModel(1));
    const other = await tempDir();
    await saveCheckpoint(other, microModel(1, { intermediateSize: 40 }));
    // The second directory's config with the first's weights.
    await writeFile(join(other, WEIGHTS_FILE), await readFile(join(dir, WEIGHTS_FILE)));
    await assert.rejects(loadCheckpoint(other), /expected F32/);
  });
});
