/**
 * RMSNorm over the last axis, `x * w / sqrt(mean(x^2) + eps)`, as one kernel forward
 * (`RlvrRmsNorm`) and one backward (`RlvrRmsNormGrad`) on the wasm and cpu backends. Written with
 * tfjs ops it is six kernels forward and about fifteen backward, each a pass over `[rows, d]`
 * (broadcast products, a mean, its gradient's division, sums): about a tenth of the reference
 * step's time outside its matmuls. Sums are accumulated in float64 and each output rounded once
 * to float32; on wasm the addon runs the same loops in C when it is built. The backward kernel
 * recomputes each row's `1 / rms` from `x` rather than keeping it from the forward pass.
 */
import type { DataId, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from "@tensorflow/tfjs-core";
import * as tf from "@tensorflow/tfjs-core";
import { nativeBlas } from "./native.ts";
import { byteOffset, heapView, type WasmHeapBackend } from "./wasm-heap.ts";

export const FUSED_RMS_NORM = "RlvrRmsNorm";
export const FUSED_RMS_NORM_GRAD = "RlvrRmsNormGrad";

/** `y = x * w * r` per row of `d`, `r = 1 / sqrt(mean(x^2) + eps)`. */
export function rmsNormForward(
  x: Float32Array,
  w: Float32Array,
  y: Float32Array,
  d: number,
  eps: number,
): void {
  for (let start = 0; start < x.length; start += d) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += x[start + j]! * x[start + j]!;
    const inv = 1 / Math.sqrt(sq / d + eps);
    for (let j = 0; j < d; j++) y[start + j] = x[start + j]! * inv * w[j]!;
  }
}

/** `dx = r * dy * w - x * r^3 * sum(dy * w * x) / d` per row; `dw` sums `dy * x * r` over rows. */
export function rmsNormBackward(
  dy: Float32Array,
  x: Float32Array,
  w: Float32Array,
  dx: Float32Array,
  dw: Float32Array,
  d: number,
  eps: number,
): void {
  const acc = new Float64Array(d);
  for (let start = 0; start < x.length; start += d) {
    let sq = 0;
    let dot = 0;
    for (let j = 0; j < d; j++) {
      const xj = x[start + j]!;
      sq += xj * xj;
      dot += dy[start + j]! * w[j]! * xj;
    }
    const inv = 1 / Math.sqrt(sq / d + eps);
    const k = (inv * inv * inv * dot) / d;
    for (let j = 0; j < d; j++) {
      const xj = x[start + j]!;
      const dyj = dy[start + j]!;
      dx[start + j] = inv * dyj * w[j]! - xj * k;
      acc[j]! += dyj * xj * inv;
    }
  }
  dw.set(acc);
}

interface Attrs {
  eps: number;
}

/** `[rows, d]` of `x` against `weight`'s `[d]`, both float32. */
function rowsAndWidth(x: TensorInfo, weight: TensorInfo, name: string): [number, number] {
  const d = x.shape.at(-1) ?? 0;
  if (
    x.dtype !== "float32" ||
    weight.dtype !== "float32" ||
    weight.shape.length !== 1 ||
    weight.shape[0] !== d
  ) {
    throw new Error(`${name}: x must be float32 [..., d] and the weight float32 [d]`);
  }
  return [d === 0 ? 0 : tf.util.sizeFromShape(x.shape) / d, d];
}

const wasmForward: KernelFunc = (raw) => {
  const { x, weight } = raw.inputs as { x: TensorInfo; weight: TensorInfo };
  const { eps } = raw.attrs as unknown as Attrs;
  const backend = raw.backend as unknown as WasmHeapBackend;
  const [rows, d] = rowsAndWidth(x, weight, FUSED_RMS_NORM);
  const y = backend.makeOutput(x.shape, "float32");
  if (rows === 0 || d === 0) return y;
  const blas = nativeBlas();
  if (blas) {
    const offsets = Uint32Array.from([x, weight, y], (t) => byteOffset(backend, t));
    blas.rmsNorm(backend.wasm.HEAPU8.buffer, offsets, rows, d, eps);
    return y;
  }
  const view = (t: TensorInfo) => heapView(backend, t) as Float32Array;
  rmsNormForward(view(x), view(weight), view(y), d, eps);
  return y;
};

const wasmBackward: KernelFunc = (raw) => {
  const { dy, x, weight } = raw.inputs as { dy: TensorInfo; x: TensorInfo; weight: TensorInfo };
  const { eps } = raw.attrs as unknown as Attrs;
  const backend = raw.backend as unknown as WasmHeapBackend;
  const [rows, d] = rowsAndWidth(x, weight, FUSED_RMS_NORM_GRAD);
  const dx = backend.makeOutput(x.shape, "float32");
  const dw = backend.makeOutput(weight.shape, "float32");
  const blas = nativeBlas();
  if (blas && rows > 0 && d > 0) {
    const offsets = Uint32Array.from([dy, x, weight, dx, dw], (t) => byteOffset(backend, t));
    blas.rmsNormGrad(backend.wasm.HEAPU8.buffer, offsets, rows, d, eps);
    return [dx, dw];
  }
  const view = (t: TensorInfo) => heapView(backend, t) as Float32Array;
  rmsNormBackward(view(dy), view(x), view(weight), view(dx), view(dw), d, eps);
  return [dx, dw];
};

interface CpuBackend {
  readSync(dataId: DataId): unknown;
  makeTensorInfo(shape: number[], dtype: "float32", values: Float32Array): TensorInfo;
}

const cpuForward: KernelFunc = (raw) => {
  const { x, weight } = raw.inputs as { x: TensorInfo; weight: TensorInfo };
  const { eps } = raw.attrs as unknown as Attrs;
  const backend = raw.backend as unknown as CpuBackend;
  const [, d] = rowsAndWidth(x, weight, FUSED_RMS_NORM);
  const read = (t: TensorInfo) => backend.readSync(t.dataId) as Float32Array;
  const y = new Float32Array(tf.util.sizeFromShape(x.shape));
  if (d > 0) rmsNormForward(read(x), read(weight), y, d, eps);
  return backend.makeTensorInfo(x.shape, "float32", y);
};

const cpuBackward: KernelFunc = (raw) => {
  const { dy, x, weight } = raw.inputs as { dy: TensorInfo; x: TensorInfo; weight: TensorInfo };
  const { eps } = raw.attrs as unknown as Attrs;
  const backend = raw.backend as unknown as CpuBackend;
  const [, d] = rowsAndWidth(x, weight, FUSED_RMS_NORM_GRAD);
  const read = (t: TensorInfo) => backend.readSync(t.dataId) as Float32Array;
  const dx = new Float32Array(tf.util.sizeFromShape(x.shape));
  const dw = new Float32Array(d);
  if (d > 0) rmsNormBackward(read(dy), read(x), read(weight), dx, dw, d, eps);
  return [
    backend.makeTensorInfo(x.shape, "float32", dx),
    backend.makeTensorInfo(weight.shape, "float32", dw),
  ];
};

const CONFIGS: KernelConfig[] = [
  { kernelName: FUSED_RMS_NORM, backendName: "wasm", kernelFunc: wasmForward },
  { kernelName: FUSED_RMS_NORM, backendName: "cpu", kernelFunc: cpuForward },
  { kernelName: FUSED_RMS_NORM_GRAD, backendName: "wasm", kernelFunc: wasmBackward },
  { kernelName: FUSED_RMS_NORM_GRAD, backendName: "cpu", kernelFunc: cpuBackward },
];
for (const config of CONFIGS) {
  if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
}

/** RMSNorm with tfjs ops: what backends without the fused kernels (native TensorFlow) run. */
export function rmsNormOps(x: tf.Tensor, weight: tf.Tensor, eps: number): tf.Tensor {
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))), weight);
}

/**
 * `x * w / sqrt(mean(x^2) + eps)` over the last axis of float32 `x`, `weight` `[d]`: the fused
 * kernels where the active backend has them, else `rmsNormOps`. Differentiable in both.
 */
export function rmsNorm(x: tf.Tensor, weight: tf.Tensor, eps: number): tf.Tensor {
  const backend = tf.getBackend();
  if (!tf.getKernel(FUSED_RMS_NORM, backend) || !tf.getKernel(FUSED_RMS_NORM_GRAD, backend)) {
    return rmsNormOps(x, weight, eps);
  }
  const attrs = { eps } as unknown as NamedAttrMap;
  const fused = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, w, save] = inputs as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([xs, w]);
    return {
      value: tf.engine().runKernel(FUSED_RMS_NORM, { x: xs, weight: w }, attrs) as tf.Tensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor, tf.Tensor];
        return tf.engine().runKernel(FUSED_RMS_NORM_GRAD, { dy, x: sx, weight: sw }, attrs) as tf.Tensor[];
      },
    };
  });
  return fused(x, weight);
}
