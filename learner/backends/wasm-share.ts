/**
 * `Identity` and same-type `Cast` for the wasm backend without a copy. tfjs's engine clones every
 * tensor it saves for the backward pass, and the multiply and square gradients cast float32 to
 * float32; the stock kernels copy the data each time (about 200 copies, 0.15 s of the reference
 * step). Sharing the data under a reference count, as the cpu backend and wasm's own Reshape do,
 * is safe because no wasm kernel writes into its inputs.
 */
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { Cast, Identity } from "@tensorflow/tfjs-core";
import { onHeap, type WasmHeapBackend } from "./wasm-heap.ts";

interface Args {
  inputs: { x: TensorInfo };
  backend: WasmHeapBackend;
  attrs: Partial<CastAttrs>;
}

function share(backend: WasmHeapBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function sharingKernel(stock: KernelConfig, shares: (args: Args) => boolean): KernelFunc {
  return (raw) => {
    const args = raw as unknown as Args;
    return shares(args) ? share(args.backend, args.inputs.x) : stock.kernelFunc(raw);
  };
}

export function identityConfig(stock: KernelConfig): KernelConfig {
  return {
    kernelName: Identity,
    backendName: "wasm",
    setupFunc: stock.setupFunc,
    kernelFunc: sharingKernel(stock, ({ inputs }) => onHeap(inputs.x)),
  };
}

export function castConfig(stock: KernelConfig): KernelConfig {
  return {
    kernelName: Cast,
    backendName: "wasm",
    setupFunc: stock.setupFunc,
    kernelFunc: sharingKernel(
      stock,
      ({ inputs, attrs }) => onHeap(inputs.x) && inputs.x.dtype === attrs.dtype,
    ),
  };
}
