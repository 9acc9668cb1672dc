import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  decodeSafetensors,
  encodeSafetensors,
  type StoredTensor,
} from "../../../learner/model/safetensors.ts";
import {
  openSafetensors,
  readSafetensors,
  readSafetensorsMetadata,
  writeSafetensors,
} from "../../../learner/model/safetensors-stream.ts";
import { safetensorsBytes } from "../../support/hf-checkpoint.ts";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "rlvr-st-stream-"));
  dirs.push(d);
  return d;
};

const ramp = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => (i - n / 2) * scale);

const TENSORS: Record<string, StoredTensor> = {
  "b.weight": { dtype: "F32", shape: [3, 5], data: ramp(15, 0.37) },
  "a.bias": { dtype: "F32", shape: [7], data: ramp(7, -1.25) },
  ids: { dtype: "I32", shape: [2, 2], data: Int32Array.from([1, -2, 3, 2 ** 30]) },
  empty: { dtype: "F32", shape: [0, 4], data: new Float32Array(0) },
};

describe("streamed safetensors", () => {
  it("reads each tensor as byte ranges in chunks of a few bytes, equal to the whole-file decoder", async () => {
    const path = join(await tempDir(), "x.safetensors");
    const bytes = encodeSafetensors({ tensors: TENSORS, metadata: { note: "hi" } });
    await writeFile(path, bytes);
    const whole = decodeSafetensors(bytes);
    for (const chunkBytes of [1, 7, 4096]) {
      const reader = await openSafetensors(path, { chunkBytes });
      assert.deepEqual(reader.header.metadata, { note: "hi" });
      assert.deepEqual(Object.keys(reader.header.entries).sort(), Object.keys(TENSORS).sort());
      // Out of file order, one at a time.
      for (const name of ["ids", "b.weight", "empty", "a.bias"]) {
        assert.deepEqual(await reader.read(name), whole.tensors[name], `${name} in chunks of ${chunkBytes}`);
      }
      await reader.close();
    }
    assert.deepEqual(await readSafetensorsMetadata(path), { note: "hi" });
  });

  it("writes tensor by tensor exactly what the in-memory encoder writes", async () => {
    const dir = await tempDir();
    const pending = Object.fromEntries(
      Object.entries(TENSORS).map(([name, t]) => [
        name,
        { dtype: t.dtype, shape: t.shape, data: async () => t.data },
      ]),
    );
    for (const chunkBytes of [3, 1 << 20]) {
      const path = join(dir, `w${chunkBytes}.safetensors`);
      await writeSafetensors(path, pending, { format: "pt" }, { chunkBytes });
      assert.deepEqual(
        new Uint8Array(await readFile(path)),
        encodeSafetensors({ tensors: TENSORS, metadata: { format: "pt" } }),
      );
      assert.deepEqual((await readSafetensors(path)).tensors, TENSORS);
    }
  });

  it("refuses data of another dtype or size than the header promises", async () => {
    const path = join(await tempDir(), "bad.safetensors");
    const asInts = { dtype: "F32" as const, shape: [2], data: async () => Int32Array.from([1, 2]) };
    await assert.rejects(writeSafetensors(path, { x: asInts }, {}), /x: data is not F32/);
    const short = { dtype: "F32" as const, shape: [3], data: async () => new Float32Array(2) };
    await assert.rejects(writeSafetensors(path, { x: short }, {}), /x: data does not fit shape/);
  });

  it("reads files of other writers: unpadded headers, F16 and BF16", async () => {
    const path = join(await tempDir(), "half.safetensors");
    const values = Float32Array.from([0.5, -0.25, 0.375, 0]);
    await writeFile(path, safetensorsBytes({ h: { shape: [2, 2], values } }, "F16"));
    assert.deepEqual((await readSafetensors(path)).tensors.h, { dtype: "F32", shape: [2, 2], data: values });
    await writeFile(path, safetensorsBytes({ g: { shape: [4], values } }, "BF16"));
    assert.deepEqual((await readSafetensors(path)).tensors.g!.data, values);
  });

  it("widens every kind of half-precision value", async () => {
    const bits = [0x0001, 0x03ff, 0x0400, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x8000, 0x3555];
    const header = JSON.stringify({
      h: { dtype: "F16", shape: [bits.length], data_offsets: [0, 2 * bits.length] },
    });
    const buf = Buffer.alloc(8 + header.length + 2 * bits.length);
    buf.writeBigUInt64LE(BigInt(header.length));
    buf.write(header, 8);
    for (const [i, b] of bits.entries()) buf.writeUInt16LE(b, 8 + header.length + 2 * i);
    const data = decodeSafetensors(new Uint8Array(buf)).tensors.h!.data;
    const expected = [
      2 ** -24,
      1023 * 2 ** -24,
      2 ** -14,
      65504,
      Infinity,
      -Infinity,
      Number.NaN,
      -0,
      0.25 * (1 + 0x155 / 1024),
    ];
    assert.deepEqual([...data], expected.map(Math.fround));
  });

  it("says which file is truncated or not safetensors", async () => {
    const dir = await tempDir();
    const path = join(dir, "cut.safetensors");
    await writeFile(path, encodeSafetensors({ tensors: TENSORS, metadata: {} }));
    await truncate(path, (await readFile(path)).length - 3);
    await assert.rejects(openSafetensors(path), new RegExp(`${path}: safetensors: .*(offsets|gap)`));
    const text = join(dir, "text.safetensors");
    await writeFile(text, "this is not a safetensors file at all");
    await assert.rejects(openSafetensors(text), new RegExp(`${text}: safetensors: header runs past the end`));
  });
});
