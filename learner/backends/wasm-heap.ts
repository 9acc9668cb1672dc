/**
 * The parts of tfjs-backend-wasm's BackendWasm that kernels written in JavaScript need: every
 * tensor is a block of the wasm heap at `memoryOffset`. Not in the package's public types, so
 * named here once.
 */
import type { DataId, DataType, TensorInfo } from "@tensorflow/tfjs-core";
import { util } from "@tensorflow/tfjs-core";

export interface WasmHeapBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: DataId): boolean;
  incRef(dataId: DataId): void;
}

export type HeapArray = Float32Array | Int32Array | Uint8Array;

/** Byte offset of a tensor's data; resolve it after allocating outputs, which may grow the heap. */
export function byteOffset(backend: WasmHeapBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error("tensor is not on the wasm backend");
  return data.memoryOffset;
}

/** Whether a JavaScript kernel can address the tensor's data as numbers on the heap. */
export function onHeap(t: TensorInfo): boolean {
  return t.dtype === "float32" || t.dtype === "int32" || t.dtype === "bool";
}

/** The tensor's data as a typed array over the heap (valid until the next allocation). */
export function heapView(backend: WasmHeapBackend, t: TensorInfo): HeapArray {
  const buffer = backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const size = util.sizeFromShape(t.shape);
  const offset = byteOffset(backend, t);
  if (t.dtype === "float32") return new Float32Array(buffer, offset, size);
  if (t.dtype === "int32") return new Int32Array(buffer, offset, size);
  return new Uint8Array(buffer, offset, size);
}

/**
 * The whole heap in the tensor's element type, and where the tensor starts in it: one array for
 * copies between tensors with `copyWithin` (a memmove, with no view made per run).
 */
export function wholeHeap(backend: WasmHeapBackend, t: TensorInfo): { heap: HeapArray; start: number } {
  const buffer = backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const offset = byteOffset(backend, t);
  if (t.dtype === "bool") return { heap: new Uint8Array(buffer), start: offset };
  const heap = t.dtype === "int32" ? new Int32Array(buffer) : new Float32Array(buffer);
  return { heap, start: offset / 4 };
}
