/**
 * One AdamW update of a parameter as a single kernel (`RlvrAdamW`) on the wasm and cpu backends:
 * written with tfjs ops it is eleven elementwise kernels per parameter, each a pass over memory and
 * a tensor to allocate, about a tenth of the reference step. The arithmetic is PyTorch's AdamW
 * (learner/optim/adamw.ts says which), in float64 per element, rounded once to float32; on wasm
 * the addon runs the same loop in C when it is built.
 */
import type { DataId, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from "@tensorflow/tfjs-core";
import * as tf from "@tensorflow/tfjs-core";
import { nativeBlas } from "./native.ts";
import { byteOffset, heapView, type WasmHeapBackend } from "./wasm-heap.ts";

export const FUSED_ADAMW = "RlvrAdamW";

export interface AdamWStep {
  /** Multiplies the gradient first (global-norm clipping). */
  gradScale: number;
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** `1 - beta1^t` and `sqrt(1 - beta2^t)` at this step `t`. */
  correction1: number;
  correction2Root: number;
}

interface Slots<T> {
  param: T;
  grad: T;
  m: T;
  v: T;
}

/** Writes the updated parameter and moments into `out`; `out` may alias `input`. */
export function adamwUpdate(
  input: Slots<Float32Array>,
  out: Omit<Slots<Float32Array>, "grad">,
  h: AdamWStep,
) {
  const { param, grad, m, v } = input;
  const decay = 1 - h.lr * h.weightDecay;
  const stepSize = h.lr / h.correction1;
  const b1 = h.beta1;
  const b2 = h.beta2;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]! * h.gradScale;
    const mi = Math.fround(b1 * m[i]! + (1 - b1) * g);
    const vi = Math.fround(b2 * v[i]! + (1 - b2) * g * g);
    out.m[i] = mi;
    out.v[i] = vi;
    out.param[i] = param[i]! * decay - (stepSize * mi) / (Math.sqrt(vi) / h.correction2Root + h.eps);
  }
}

interface Args {
  inputs: Slots<TensorInfo>;
  attrs: AdamWStep;
}

function checkInputs({ param, grad, m, v }: Slots<TensorInfo>): void {
  const size = tf.util.sizeFromShape(param.shape);
  for (const t of [param, grad, m, v]) {
    if (t.dtype !== "float32" || tf.util.sizeFromShape(t.shape) !== size) {
      throw new Error(`${FUSED_ADAMW}: parameter, gradient and moments must be float32 of one size`);
    }
  }
}

/** The step's hyperparameters in the order the addon's adamw reads them. */
export function addonHyper(h: AdamWStep): Float64Array {
  return Float64Array.of(
    h.gradScale,
    h.lr,
    h.beta1,
    h.beta2,
    h.eps,
    h.weightDecay,
    h.correction1,
    h.correction2Root,
  );
}

const wasmKernel: KernelFunc = (raw) => {
  const { inputs, attrs } = raw as unknown as Args;
  const backend = raw.backend as unknown as WasmHeapBackend;
  checkInputs(inputs);
  const outs = [0, 1, 2].map(() => backend.makeOutput(inputs.param.shape, "float32"));
  const blas = nativeBlas();
  if (blas) {
    const { param, grad, m, v } = inputs;
    const offsets = Uint32Array.from([param, grad, m, v, ...outs], (t) => byteOffset(backend, t));
    blas.adamw(backend.wasm.HEAPU8.buffer, offsets, tf.util.sizeFromShape(param.shape), addonHyper(attrs));
    return outs;
  }
  const view = (t: TensorInfo) => heapView(backend, t) as Float32Array;
  const [param, m, v] = outs.map(view) as [Float32Array, Float32Array, Float32Array];
  adamwUpdate(
    { param: view(inputs.param), grad: view(inputs.grad), m: view(inputs.m), v: view(inputs.v) },
    { param, m, v },
    attrs,
  );
  return outs;
};

interface CpuBackend {
  readSync(dataId: DataId): unknown;
  makeTensorInfo(shape: number[], dtype: "float32", values: Float32Array): TensorInfo;
}

const cpuKernel: KernelFunc = (raw) => {
  const { inputs, attrs } = raw as unknown as Args;
  const backend = raw.backend as unknown as CpuBackend;
  checkInputs(inputs);
  const read = (t: TensorInfo) => backend.readSync(t.dataId) as Float32Array;
  const size = tf.util.sizeFromShape(inputs.param.shape);
  const out = { param: new Float32Array(size), m: new Float32Array(size), v: new Float32Array(size) };
  adamwUpdate(
    { param: read(inputs.param), grad: read(inputs.grad), m: read(inputs.m), v: read(inputs.v) },
    out,
    attrs,
  );
  return [out.param, out.m, out.v].map((values) =>
    backend.makeTensorInfo(inputs.param.shape, "float32", values),
  );
};

const CONFIGS: KernelConfig[] = [
  { kernelName: FUSED_ADAMW, backendName: "wasm", kernelFunc: wasmKernel },
  { kernelName: FUSED_ADAMW, backendName: "cpu", kernelFunc: cpuKernel },
];
for (const config of CONFIGS) {
  if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
}

/**
 * The updated parameter and moments, or undefined where the active backend has no fused kernel
 * (native TensorFlow), so the caller uses tfjs ops.
 */
export function fusedAdamW(
  slots: Slots<tf.Tensor>,
  step: AdamWStep,
): [tf.Tensor, tf.Tensor, tf.Tensor] | undefined {
  if (!tf.getKernel(FUSED_ADAMW, tf.getBackend())) return undefined;
  const outs = tf.engine().runKernel(FUSED_ADAMW, { ...slots }, step as unknown as NamedAttrMap);
  return outs as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
}
