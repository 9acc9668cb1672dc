/**
 * `OneHot` for the wasm backend: the stock kernel writes int32 bit patterns whatever the dtype, so
 * a float32 one-hot reads as denormals (1 becomes 1.4e-45), which silently zeroed the reference
 * model's embedding and its cross-entropy on wasm. Indices outside `[0, depth)` give an all-off row,
 * as on cpu.
 */
import type { KernelConfig, KernelFunc, OneHotAttrs, TensorInfo } from "@tensorflow/tfjs-core";
import { OneHot, util } from "@tensorflow/tfjs-core";
import { heapView, onHeap, type WasmHeapBackend } from "./wasm-heap.ts";

export function oneHotConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (raw) => {
    const { inputs, backend, attrs } = raw as unknown as {
      inputs: { indices: TensorInfo };
      backend: WasmHeapBackend;
      attrs: OneHotAttrs;
    };
    const { indices } = inputs;
    const { depth, onValue, offValue, dtype } = attrs;
    const out = backend.makeOutput([...indices.shape, depth], dtype);
    if (indices.dtype !== "int32" || !onHeap(out)) {
      backend.disposeData(out.dataId);
      return stock.kernelFunc(raw);
    }
    const count = util.sizeFromShape(indices.shape);
    if (count * depth === 0) return out;
    const ids = heapView(backend, indices);
    const values = heapView(backend, out);
    values.fill(offValue);
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (id >= 0 && id < depth) values[i * depth + id] = onValue;
    }
    return out;
  };
  return { kernelName: OneHot, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
