/**
 * `UnsortedSegmentSum` for the wasm backend, which lacks it: it is the gradient of `tf.gather`.
 * A scatter-add over the heap in JavaScript; ids outside `[0, numSegments)` are dropped, as in
 * TensorFlow.
 */
import type { KernelConfig, KernelFunc, TensorInfo, UnsortedSegmentSumAttrs } from "@tensorflow/tfjs-core";
import { UnsortedSegmentSum, util } from "@tensorflow/tfjs-core";
import { byteOffset, type WasmHeapBackend } from "./wasm-heap.ts";

const unsortedSegmentSum: KernelFunc = (raw) => {
  const { inputs, backend, attrs } = raw as unknown as {
    inputs: { x: TensorInfo; segmentIds: TensorInfo };
    backend: WasmHeapBackend;
    attrs: UnsortedSegmentSumAttrs;
  };
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  if ((x.dtype !== "float32" && x.dtype !== "int32") || segmentIds.dtype !== "int32") {
    throw new Error(`UnsortedSegmentSum on wasm: ${x.dtype} values with ${segmentIds.dtype} ids`);
  }
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const inner = util.sizeFromShape(outShape) / numSegments;
  const count = util.sizeFromShape(segmentIds.shape);
  const out = backend.makeOutput(outShape, x.dtype);
  const buffer = backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const view = (t: TensorInfo, length: number) =>
    t.dtype === "float32"
      ? new Float32Array(buffer, byteOffset(backend, t), length)
      : new Int32Array(buffer, byteOffset(backend, t), length);
  const src = view(x, count * inner);
  const dst = view(out, numSegments * inner);
  const ids = new Int32Array(buffer, byteOffset(backend, segmentIds), count);
  dst.fill(0);
  for (let i = 0; i < count; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) dst[to + j] += src[from + j];
  }
  return out;
};

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: "wasm",
  kernelFunc: unsortedSegmentSum,
};
