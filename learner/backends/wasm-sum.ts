/**
 * `Sum` over leading axes for the wasm backend: the stock kernel reduces only innermost axes, so it
 * first transposes the whole input. Gradients of broadcast operands (a norm's weight, a bias, the
 * position table, the attention mask) all sum over leading axes: here they are column sums of the
 * input read in place, accumulated in float64 (by the addon for float32, when it is built). Other
 * reductions go to the stock kernel.
 */
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from "@tensorflow/tfjs-core";
import { backend_util, Sum, util } from "@tensorflow/tfjs-core";
import { nativeBlas } from "./native.ts";
import { byteOffset, heapView, type WasmHeapBackend } from "./wasm-heap.ts";

/** `out[c] = sum over r of x[r * columns + c]`. */
export function columnSums(
  x: ArrayLike<number>,
  rows: number,
  columns: number,
  out: { [i: number]: number },
): void {
  const acc = new Float64Array(columns);
  for (let r = 0, base = 0; r < rows; r++, base += columns) {
    for (let c = 0; c < columns; c++) acc[c] += x[base + c]!;
  }
  for (let c = 0; c < columns; c++) out[c] = acc[c]!;
}

/** How many leading axes `axes` names, or -1 when they are not exactly the first ones. */
function leadingAxes(axes: number[]): number {
  const sorted = [...axes].sort((a, b) => a - b);
  return sorted.every((a, i) => a === i) ? sorted.length : -1;
}

export function sumConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (raw) => {
    const { inputs, backend, attrs } = raw as unknown as {
      inputs: { x: TensorInfo };
      backend: WasmHeapBackend;
      attrs: SumAttrs;
    };
    const { x } = inputs;
    const axes = util.parseAxisParam(attrs.axis, x.shape);
    const lead = leadingAxes(axes);
    if ((x.dtype !== "float32" && x.dtype !== "int32") || lead <= 0 || lead === x.shape.length) {
      return stock.kernelFunc(raw);
    }
    const kept = x.shape.slice(lead);
    const outShape = attrs.keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept;
    const out = backend.makeOutput(outShape, x.dtype);
    const columns = util.sizeFromShape(kept);
    const rows = util.sizeFromShape(x.shape) / (columns || 1);
    const blas = nativeBlas();
    if (columns === 0) return out;
    if (blas && x.dtype === "float32") {
      blas.columnSums(
        backend.wasm.HEAPU8.buffer,
        byteOffset(backend, x),
        byteOffset(backend, out),
        rows,
        columns,
      );
    } else {
      columnSums(heapView(backend, x), rows, columns, heapView(backend, out));
    }
    return out;
  };
  return { kernelName: Sum, backendName: "wasm", setupFunc: stock.setupFunc, kernelFunc };
}
