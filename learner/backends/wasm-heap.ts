/**
 * The parts of tfjs-backend-wasm's BackendWasm that kernels written in JavaScript need: every
 * tensor is a block of the wasm heap at `memoryOffset`. Not in the package's public types, so
 * named here once.
 */
import type { DataId, DataType, TensorInfo } from "@tensorflow/tfjs-core";

export interface WasmHeapBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: DataId): boolean;
}

/** Byte offset of a tensor's data; resolve it after allocating outputs, which may grow the heap. */
export function byteOffset(backend: WasmHeapBackend, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error("tensor is not on the wasm backend");
  return data.memoryOffset;
}
