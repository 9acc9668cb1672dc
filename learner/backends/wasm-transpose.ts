/**
 * `Transpose` for the wasm backend in JavaScript: the stock kernel spends seconds on the 4- and
 * 5-axis permutations of attention heads (about 2.5 s of a 4 s reference step). Trailing axes
 * that stay in place are copied as contiguous runs (a memmove when long); the innermost moved axis
 * is a strided loop.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TransposeAttrs } from "@tensorflow/tfjs-core";
import { Transpose, util } from "@tensorflow/tfjs-core";
import { type HeapArray, onHeap, type WasmHeapBackend, wholeHeap } from "./wasm-heap.ts";

/** Below this many elements a run is copied by a loop: a `copyWithin` call costs more. */
const MEMMOVE_RUN = 16;

/**
 * Copies the tensor at `heap[src..]` laid out as `shape` to `heap[dst..]` laid out as `shape`
 * permuted by `perm`.
 */
export function permute(heap: HeapArray, src: number, dst: number, shape: number[], perm: number[]): void {
  let tail = perm.length;
  let run = 1;
  while (tail > 0 && perm[tail - 1] === tail - 1) {
    tail--;
    run *= shape[tail];
  }
  if (tail === 0) {
    heap.copyWithin(dst, src, src + run);
    return;
  }
  const inStrides = util.computeStrides(shape);
  const strides = perm.slice(0, tail).map((p) => (p < shape.length - 1 ? inStrides[p] : 1));
  const dims = perm.slice(0, tail).map((p) => shape[p]);
  const last = tail - 1;
  const innerDim = dims[last];
  const innerStride = strides[last];
  const counter = new Array<number>(last).fill(0);
  const outer = util.sizeFromShape(dims.slice(0, last));
  let out = dst;
  let base = src;
  for (let o = 0; o < outer; o++) {
    if (run >= MEMMOVE_RUN) {
      for (let i = 0, from = base; i < innerDim; i++, from += innerStride, out += run) {
        heap.copyWithin(out, from, from + run);
      }
    } else {
      for (let i = 0, from = base; i < innerDim; i++, from += innerStride) {
        for (let j = 0; j < run; j++) heap[out++] = heap[from + j];
      }
    }
    for (let axis = last - 1; axis >= 0; axis--) {
      base += strides[axis];
      if (++counter[axis] < dims[axis]) break;
      base -= strides[axis] * dims[axis];
      counter[axis] = 0;
    }
  }
}

export function transposeConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (raw) => {
    const { inputs, backend, attrs } = raw as unknown as {
      inputs: { x: TensorInfo };
      backend: WasmHeapBackend;
      attrs: TransposeAttrs;
    };
    const { x } = inputs;
    if (!onHeap(x)) return stock.kernelFunc(raw);
    const out = backend.makeOutput(
      attrs.perm.map((p) => x.shape[p]),
      x.dtype,
    );
    if (util.sizeFromShape(x.shape) > 0) {
      const { heap, start } = wholeHeap(backend, x);
      permute(heap, start, wholeHeap(backend, out).start, x.shape, attrs.perm);
    }
    return out;
  };
  return { kernelName: Transpose, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
