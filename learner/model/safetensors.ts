import { endianness } from "node:os";
import { z } from "zod";

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each
 * tensor name to `{dtype, shape, data_offsets: [begin, end]}` (offsets into the data that follows,
 * which the tensors cover without gaps) plus an optional `__metadata__` string map, then the raw
 * little-endian data. Written: F32 and I32. Read: also F16 and BF16 (Hub checkpoints), widened to F32.
 * This module holds the format; `safetensors-stream.ts` reads and writes files of any size with it.
 */
export type StoredTensor =
  | { dtype: "F32"; shape: number[]; data: Float32Array }
  | { dtype: "I32"; shape: number[]; data: Int32Array };

export interface SafetensorsFile {
  tensors: Record<string, StoredTensor>;
  metadata: Record<string, string>;
}

const WIDTHS = { F32: 4, I32: 4, F16: 2, BF16: 2 } as const;
type FileDtype = keyof typeof WIDTHS;

/** Where a tensor's bytes lie in the data section, as the header says. */
export interface TensorEntry {
  dtype: FileDtype;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  entries: Record<string, TensorEntry>;
  metadata: Record<string, string>;
}

/** What the header needs to place a tensor: its bytes follow from dtype and shape. */
export interface TensorLayout {
  dtype: StoredTensor["dtype"];
  shape: number[];
}

const EntrySchema = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().min(0)),
  data_offsets: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
});
const MetadataSchema = z.record(z.string(), z.string());

export const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function assertLittleEndian(): void {
  // Typed arrays use the host's byte order; the format fixes little-endian.
  if (endianness() !== "LE") throw new Error("safetensors I/O assumes a little-endian host");
}

/** The header's bytes (padded so the data starts 8-byte aligned, as the reference writer does) and the data order. */
export function encodeHeader(
  tensors: Record<string, TensorLayout>,
  metadata: Record<string, string>,
): { bytes: Uint8Array; order: string[]; dataLength: number } {
  const order = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of order) {
    const { dtype, shape } = tensors[name]!;
    const length = elementCount(shape) * WIDTHS[dtype];
    header[name] = { dtype, shape, data_offsets: [offset, offset + length] };
    offset += length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const text = Buffer.from(json, "utf8");
  const bytes = new Uint8Array(8 + text.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
  bytes.set(text, 8);
  return { bytes, order, dataLength: offset };
}

/** The bytes of a tensor's data, checked against its shape. */
export function tensorBytes(name: string, t: StoredTensor): Uint8Array {
  if (t.data.length !== elementCount(t.shape)) throw new Error(`${name}: data does not fit shape`);
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

/** The header's JSON, validated against a data section of `dataLength` bytes. */
export function parseHeader(json: string, dataLength: number): SafetensorsHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("safetensors: the header is not JSON");
  }
  if (typeof raw !== "object" || raw === null) throw new Error("safetensors: the header is not an object");
  const { __metadata__, ...rest } = raw as Record<string, unknown>;
  const metadata = MetadataSchema.safeParse(__metadata__ ?? {});
  if (!metadata.success) throw new Error("safetensors: __metadata__ is not a map of strings");
  const entries: Record<string, TensorEntry> = {};
  for (const [name, value] of Object.entries(rest)) {
    const parsed = EntrySchema.safeParse(value);
    if (!parsed.success) throw new Error(`safetensors: ${name} has a malformed header entry`);
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = parsed.data;
    if (!(dtype in WIDTHS)) throw new Error(`safetensors: ${name} has unsupported dtype ${dtype}`);
    const width = WIDTHS[dtype as FileDtype];
    if (end - begin !== elementCount(shape) * width || end > dataLength)
      throw new Error(`safetensors: ${name} has bad offsets`);
    entries[name] = { dtype: dtype as FileDtype, shape, begin, end };
  }
  const spans = Object.values(entries).sort((a, b) => a.begin - b.begin);
  let covered = 0;
  for (const { begin, end } of spans) {
    if (begin !== covered) throw new Error("safetensors: tensor data overlaps or leaves a gap");
    covered = end;
  }
  if (covered !== dataLength) throw new Error("safetensors: trailing bytes after the last tensor");
  return { entries, metadata: metadata.data };
}

let f16Table: Float32Array | undefined;

/** Every half-precision value by bit pattern: one lookup per element instead of the arithmetic. */
function halfToFloat(): Float32Array {
  if (f16Table) return f16Table;
  f16Table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    f16Table[h] =
      exp === 0
        ? sign * 2 ** -14 * (frac / 1024)
        : exp === 31
          ? frac
            ? Number.NaN
            : sign * Infinity
          : sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return f16Table;
}

function widenHalf(bytes: Uint8Array, dtype: "F16" | "BF16"): Float32Array {
  const halves = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const out = new Float32Array(halves.length);
  if (dtype === "BF16") {
    // bfloat16 is the top half of a float32.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < halves.length; i++) bits[i] = halves[i]! << 16;
    return out;
  }
  const table = halfToFloat();
  for (let i = 0; i < halves.length; i++) out[i] = table[halves[i]!]!;
  return out;
}

/** A tensor from its raw bytes, which must start their own buffer (the result may alias it). */
export function storedTensor(entry: TensorEntry, raw: Uint8Array): StoredTensor {
  if (raw.byteOffset !== 0) throw new Error("storedTensor: the bytes must start their buffer");
  const { dtype, shape } = entry;
  if (dtype === "F32") return { dtype, shape, data: new Float32Array(raw.buffer, 0, raw.length / 4) };
  if (dtype === "I32") return { dtype, shape, data: new Int32Array(raw.buffer, 0, raw.length / 4) };
  return { dtype: "F32", shape, data: widenHalf(raw, dtype) };
}

/** A whole file in memory (small files; `safetensors-stream.ts` writes large ones). */
export function encodeSafetensors(file: SafetensorsFile): Uint8Array {
  assertLittleEndian();
  const header = encodeHeader(file.tensors, file.metadata);
  const out = new Uint8Array(header.bytes.length + header.dataLength);
  out.set(header.bytes);
  let at = header.bytes.length;
  for (const name of header.order) {
    const bytes = tensorBytes(name, file.tensors[name]!);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/** A whole file from memory (small files; `safetensors-stream.ts` reads large ones). */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  assertLittleEndian();
  if (bytes.length < 8) throw new Error("safetensors: file shorter than its header length");
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw new Error("safetensors: header runs past the end of the file");
  const json = Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8");
  const data = bytes.subarray(8 + headerLength);
  const header = parseHeader(json, data.length);
  const tensors: Record<string, StoredTensor> = {};
  for (const [name, entry] of Object.entries(header.entries)) {
    // A fresh copy (a Buffer's slice would be a view), so tensors neither alias the file nor need its alignment.
    tensors[name] = storedTensor(entry, new Uint8Array(data.subarray(entry.begin, entry.end)));
  }
  return { tensors, metadata: header.metadata };
}
