/**
 * `Transpose` for the wasm backend: the stock kernel spends seconds on the 4- and 5-axis
 * permutations of attention heads (about 2.5 s of a 4 s reference step). Trailing axes that stay
 * in place are copied as contiguous runs; the moved axes become a strided copy.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TransposeAttrs } from "@tensorflow/tfjs-core";
import { Transpose, util } from "@tensorflow/tfjs-core";
import { copyStrided, type StridedCopy } from "./strided-copy.ts";
import { onHeap, type WasmHeapBackend } from "./wasm-heap.ts";

/** The strided copy that lays `shape` out as `shape` permuted by `perm`. */
export function permutation(shape: number[], perm: number[]): StridedCopy {
  let tail = perm.length;
  let run = 1;
  while (tail > 0 && perm[tail - 1] === tail - 1) {
    tail--;
    run *= shape[tail]!;
  }
  const inStrides = util.computeStrides(shape);
  const moved = perm.slice(0, tail);
  return {
    dims: moved.map((p) => shape[p]!),
    strides: moved.map((p) => (p < shape.length - 1 ? inStrides[p]! : 1)),
    run,
  };
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
    if (util.sizeFromShape(x.shape) > 0) copyStrided(backend, x, 0, out, permutation(x.shape, attrs.perm));
    return out;
  };
  return { kernelName: Transpose, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
