/**
 * The copy that Transpose and Unpack reduce to: runs of contiguous elements read at strided places
 * and written one after another. Done by the addon's `stridedCopy` (a memcpy per run) when it is
 * built, else in JavaScript on one typed array over the whole heap.
 */
import type { TensorInfo } from "@tensorflow/tfjs-core";
import { nativeBlas } from "./native.ts";
import { byteOffset, type HeapArray, type WasmHeapBackend, wholeHeap } from "./wasm-heap.ts";

export interface StridedCopy {
  /** Index ranges, last fastest; the source advances by `strides` (elements) along them. */
  dims: number[];
  strides: number[];
  /** Contiguous elements per copy. */
  run: number;
}

/** Below this many elements a run is copied by a loop: a `copyWithin` call costs more. */
const MEMMOVE_RUN = 16;

/** `copy` from `heap[src..]` to `heap[dst..]` in JavaScript. */
export function copyStridedInJs(heap: HeapArray, src: number, dst: number, copy: StridedCopy): void {
  const { dims, strides, run } = copy;
  if (dims.length === 0) {
    heap.copyWithin(dst, src, src + run);
    return;
  }
  const last = dims.length - 1;
  const innerDim = dims[last]!;
  const innerStride = strides[last]!;
  const counter = new Array<number>(last).fill(0);
  const outer = dims.slice(0, last).reduce((a, b) => a * b, 1);
  let out = dst;
  let base = src;
  for (let o = 0; o < outer; o++) {
    if (run >= MEMMOVE_RUN) {
      for (let i = 0, from = base; i < innerDim; i++, from += innerStride, out += run) {
        heap.copyWithin(out, from, from + run);
      }
    } else {
      for (let i = 0, from = base; i < innerDim; i++, from += innerStride) {
        for (let j = 0; j < run; j++) heap[out++] = heap[from + j]!;
      }
    }
    for (let axis = last - 1; axis >= 0; axis--) {
      base += strides[axis]!;
      if (++counter[axis]! < dims[axis]!) break;
      base -= strides[axis]! * dims[axis]!;
      counter[axis] = 0;
    }
  }
}

/** Copies from tensor `from` (starting `skip` elements in) into tensor `to`, both on the heap. */
export function copyStrided(
  backend: WasmHeapBackend,
  from: TensorInfo,
  skip: number,
  to: TensorInfo,
  copy: StridedCopy,
): void {
  const blas = nativeBlas();
  if (!blas) {
    const { heap, start } = wholeHeap(backend, from);
    copyStridedInJs(heap, start + skip, wholeHeap(backend, to).start, copy);
    return;
  }
  const element = from.dtype === "bool" ? 1 : 4;
  blas.stridedCopy(
    backend.wasm.HEAPU8.buffer,
    element,
    byteOffset(backend, from) + skip * element,
    byteOffset(backend, to),
    Int32Array.from(copy.dims),
    Int32Array.from(copy.strides),
    copy.run,
  );
}
