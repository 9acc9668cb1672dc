/**
 * `Unpack` (`tf.unstack`) for the wasm backend: the stock kernel runs one strided `Slice` per
 * output, about 40 ms to split the reference model's `[3, B, heads, T, dh]` qkv tensor. Here each
 * output is one strided copy of contiguous runs.
 */
import type { KernelConfig, KernelFunc, TensorInfo, UnpackAttrs } from "@tensorflow/tfjs-core";
import { Unpack, util } from "@tensorflow/tfjs-core";
import { copyStrided } from "./strided-copy.ts";
import { onHeap, type WasmHeapBackend } from "./wasm-heap.ts";

export function unpackConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (raw) => {
    const { inputs, backend, attrs } = raw as unknown as {
      inputs: { value: TensorInfo };
      backend: WasmHeapBackend;
      attrs: UnpackAttrs;
    };
    const { value } = inputs;
    if (!onHeap(value)) return stock.kernelFunc(raw);
    const { shape } = value;
    const axis = attrs.axis < 0 ? attrs.axis + shape.length : attrs.axis;
    const count = shape[axis]!;
    const outer = util.sizeFromShape(shape.slice(0, axis));
    const run = util.sizeFromShape(shape.slice(axis + 1));
    const outShape = shape.filter((_, i) => i !== axis);
    const outs = Array.from({ length: count }, () => backend.makeOutput(outShape, value.dtype));
    if (outer * run === 0) return outs;
    const copy = { dims: [outer], strides: [count * run], run };
    outs.forEach((out, i) => {
      copyStrided(backend, value, i * run, out, copy);
    });
    return outs;
  };
  return { kernelName: Unpack, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
