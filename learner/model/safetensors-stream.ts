/**
 * safetensors files of any size: the header first, then each tensor's byte range through a file
 * handle. Nothing holds a whole file (Node cannot read one over 2 GiB into a buffer), and a loader
 * turns each tensor into a weight before it reads the next, so the peak is one tensor.
 */
import { type FileHandle, open } from "node:fs/promises";
import {
  assertLittleEndian,
  encodeHeader,
  parseHeader,
  type SafetensorsFile,
  type SafetensorsHeader,
  type StoredTensor,
  storedTensor,
  type TensorLayout,
  tensorBytes,
} from "./safetensors.ts";

/** Node reads and writes at most 2 GiB per call; an embedding table of a 7B model is larger. */
const CHUNK_BYTES = 64 * 1024 * 1024;
/** Headers of real checkpoints are well under a megabyte; a larger length means a corrupt file. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export interface StreamOptions {
  /** Bytes per read or write call. */
  chunkBytes?: number;
}

export interface SafetensorsReader {
  readonly path: string;
  readonly header: SafetensorsHeader;
  /** One tensor, F16 and BF16 widened to F32. */
  read(name: string): Promise<StoredTensor>;
  close(): Promise<void>;
}

/** A tensor to write whose data is produced when its turn comes (a weight read off the backend, say). */
export interface PendingTensor extends TensorLayout {
  data: () => Promise<StoredTensor["data"]>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function readRange(handle: FileHandle, position: number, length: number, chunk: number) {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await handle.read(out, done, Math.min(chunk, length - done), position + done);
    if (bytesRead === 0) throw new Error("the file ended early");
    done += bytesRead;
  }
  return out;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number, chunk: number) {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(
      bytes,
      done,
      Math.min(chunk, bytes.length - done),
      position + done,
    );
    done += bytesWritten;
  }
}

/** Opens a file and reads its header; tensors are read on request. */
export async function openSafetensors(path: string, options: StreamOptions = {}): Promise<SafetensorsReader> {
  assertLittleEndian();
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    if (size < 8) throw new Error("safetensors: file shorter than its header length");
    const prefix = await readRange(handle, 0, 8, chunk);
    const headerLength = Number(new DataView(prefix.buffer).getBigUint64(0, true));
    if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > size)
      throw new Error("safetensors: header runs past the end of the file");
    const json = Buffer.from(await readRange(handle, 8, headerLength, chunk)).toString("utf8");
    const dataStart = 8 + headerLength;
    const header = parseHeader(json, size - dataStart);
    return {
      path,
      header,
      read: async (name) => {
        const entry = header.entries[name];
        if (!entry) throw new Error(`${path} has no tensor ${name}`);
        try {
          return storedTensor(
            entry,
            await readRange(handle, dataStart + entry.begin, entry.end - entry.begin, chunk),
          );
        } catch (error) {
          throw new Error(`${path}: ${name}: ${messageOf(error)}`);
        }
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw new Error(`${path}: ${messageOf(error)}`);
  }
}

/** The metadata of a file, from its header alone. */
export async function readSafetensorsMetadata(path: string): Promise<Record<string, string>> {
  const reader = await openSafetensors(path);
  await reader.close();
  return reader.header.metadata;
}

/** Writes a file one tensor at a time (not atomically: see `replaceAtomically`). */
export async function writeSafetensors(
  path: string,
  tensors: Record<string, PendingTensor>,
  metadata: Record<string, string>,
  options: StreamOptions = {},
): Promise<void> {
  assertLittleEndian();
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const header = encodeHeader(tensors, metadata);
  const handle = await open(path, "w");
  try {
    await writeAll(handle, header.bytes, 0, chunk);
    let at = header.bytes.length;
    for (const name of header.order) {
      const { dtype, shape, data } = tensors[name]!;
      const values = await data();
      const matches = dtype === "F32" ? values instanceof Float32Array : values instanceof Int32Array;
      if (!matches) throw new Error(`${name}: data is not ${dtype}`);
      const bytes = tensorBytes(name, { dtype, shape, data: values } as StoredTensor);
      await writeAll(handle, bytes, at, chunk);
      at += bytes.length;
    }
  } finally {
    await handle.close();
  }
}

/** Every tensor of a file, and its metadata. */
export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  const reader = await openSafetensors(path);
  try {
    const tensors: Record<string, StoredTensor> = {};
    for (const name of Object.keys(reader.header.entries)) tensors[name] = await reader.read(name);
    return { tensors, metadata: reader.header.metadata };
  } finally {
    await reader.close();
  }
}
