import { endianness } from "node:os";

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each
 * tensor name to `{dtype, shape, data_offsets: [begin, end]}` (offsets into the data that follows,
 * which the tensors cover without gaps) plus an optional `__metadata__` string map, then the raw
 * little-endian data. Written: F32 and I32. Read: also F16 and BF16 (Hub checkpoints), widened to F32.
 */
export type StoredTensor =
  | { dtype: "F32"; shape: number[]; data: Float32Array }
  | { dtype: "I32"; shape: number[]; data: Int32Array };

export interface SafetensorsFile {
  tensors: Record<string, StoredTensor>;
  metadata: Record<string, string>;
}

const BYTES: Record<string, number> = { F32: 4, I32: 4, F16: 2, BF16: 2 };

function assertLittleEndian(): void {
  // Typed arrays use the host's byte order; the format fixes little-endian.
  if (endianness() !== "LE") throw new Error("safetensors I/O assumes a little-endian host");
}

export function encodeSafetensors(file: SafetensorsFile): Uint8Array {
  assertLittleEndian();
  const names = Object.keys(file.tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(file.metadata).length) header.__metadata__ = file.metadata;
  let offset = 0;
  for (const name of names) {
    const t = file.tensors[name]!;
    if (t.data.length !== t.shape.reduce((a, b) => a * b, 1))
      throw new Error(`${name}: data does not fit shape`);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const { data } = file.tensors[name]!;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

function widenHalf(bytes: Uint8Array, dtype: "F16" | "BF16"): Float32Array {
  const halves = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const out = new Float32Array(halves.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i]!;
    if (dtype === "BF16") {
      bits[i] = h << 16;
      continue;
    }
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    out[i] =
      exp === 0
        ? sign * 2 ** -14 * (frac / 1024)
        : exp === 31
          ? frac
            ? Number.NaN
            : sign * Infinity
          : sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  assertLittleEndian();
  if (bytes.length < 8) throw new Error("safetensors: file shorter than its header length");
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw new Error("safetensors: header runs past the end of the file");
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8")) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const data = bytes.subarray(8 + headerLength);
  const { __metadata__: metadata = {}, ...entries } = header as Record<string, never>;
  const spans: [number, number][] = [];
  const tensors: Record<string, StoredTensor> = {};
  for (const [name, entry] of Object.entries(entries) as [string, (typeof header)[string]][]) {
    const [begin, end] = entry.data_offsets;
    const width = BYTES[entry.dtype];
    if (width === undefined) throw new Error(`safetensors: ${name} has unsupported dtype ${entry.dtype}`);
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * width || end > data.length)
      throw new Error(`safetensors: ${name} has bad offsets`);
    spans.push([begin, end]);
    // A fresh copy (a Buffer's slice would be a view), so tensors neither alias the file nor need its alignment.
    const raw = new Uint8Array(end - begin);
    raw.set(data.subarray(begin, end));
    if (entry.dtype === "F32")
      tensors[name] = { dtype: "F32", shape: entry.shape, data: new Float32Array(raw.buffer) };
    else if (entry.dtype === "I32")
      tensors[name] = { dtype: "I32", shape: entry.shape, data: new Int32Array(raw.buffer) };
    else
      tensors[name] = {
        dtype: "F32",
        shape: entry.shape,
        data: widenHalf(raw, entry.dtype as "F16" | "BF16"),
      };
  }
  spans.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  for (const [begin, end] of spans) {
    if (begin !== covered) throw new Error("safetensors: tensor data overlaps or leaves a gap");
    covered = end;
  }
  if (covered !== data.length) throw new Error("safetensors: trailing bytes after the last tensor");
  return { tensors, metadata };
}
