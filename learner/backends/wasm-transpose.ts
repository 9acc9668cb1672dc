/**
 * `Transpose` for the wasm backend in JavaScript: the stock kernel spends seconds on the 4- and
 * 5-axis permutations of attention heads (about 2.5 s of a 4 s reference step). Trailing axes
 * that stay in place are copied as contiguous runs; the innermost moved axis is a strided loop.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TransposeAttrs } from "@tensorflow/tfjs-core";
import { Transpose, util } from "@tensorflow/tfjs-core";
import { byteOffset, type WasmHeapBackend } from "./wasm-heap.ts";

type Heap = Float32Array | Int32Array | Uint8Array;

function view(backend: WasmHeapBackend, t: TensorInfo): Heap {
  const buffer = backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const size = util.sizeFromShape(t.shape);
  const offset = byteOffset(backend, t);
  if (t.dtype === "float32") return new Float32Array(buffer, offset, size);
  if (t.dtype === "int32") return new Int32Array(buffer, offset, size);
  return new Uint8Array(buffer, offset, size);
}

/** Copies `src` laid out as `shape` into `dst` laid out as `shape` permuted by `perm`. */
export function permute(src: Heap, dst: Heap, shape: number[], perm: number[]): void {
  let tail = perm.length;
  let run = 1;
  while (tail > 0 && perm[tail - 1] === tail - 1) {
    tail--;
    run *= shape[tail];
  }
  if (tail === 0) {
    dst.set(src);
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
  let out = 0;
  let base = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0, from = base; i < innerDim; i++, from += innerStride) {
      for (let j = 0; j < run; j++) dst[out++] = src[from + j];
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
    if (x.dtype !== "float32" && x.dtype !== "int32" && x.dtype !== "bool") return stock.kernelFunc(raw);
    const out = backend.makeOutput(
      attrs.perm.map((p) => x.shape[p]),
      x.dtype,
    );
    if (util.sizeFromShape(x.shape) > 0) permute(view(backend, x), view(backend, out), x.shape, attrs.perm);
    return out;
  };
  return { kernelName: Transpose, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
