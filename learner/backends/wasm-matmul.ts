/**
 * `BatchMatMul` for the wasm backend. The stock kernel is fast only for untransposed, unbatched
 * products; every gradient of a matmul passes a transpose flag and lands in its naive loop. This
 * one runs every product through OpenBLAS `cblas_sgemm` on the wasm heap (the native addon), or,
 * without the addon, sends unbatched products to the stock fast path after explicit transposes
 * and the rest to a blocked JavaScript matmul.
 */
import type {
  BatchMatMulAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import { BatchMatMul, getKernel, Reshape, Transpose, util } from "@tensorflow/tfjs-core";
import { gemm } from "./js-gemm.ts";
import { type MatMulPlan, planMatMul } from "./matmul-plan.ts";
import { nativeBlas } from "./native.ts";
import { byteOffset, type WasmHeapBackend } from "./wasm-heap.ts";

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: WasmHeapBackend;
  attrs: BatchMatMulAttrs;
}

type Call = (kernel: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo;

function callerFor(stock: Map<string, KernelFunc>, backend: WasmHeapBackend): Call {
  return (kernel, inputs, attrs) => {
    const func = stock.get(kernel);
    if (!func) throw new Error(`wasm kernel ${kernel} is not registered`);
    return func({ inputs, backend: backend as never, attrs }) as TensorInfo;
  };
}

function withOutput(
  backend: WasmHeapBackend,
  plan: MatMulPlan,
  fill: (heap: ArrayBufferLike, a: number, b: number, c: number) => void,
  a: TensorInfo,
  b: TensorInfo,
): TensorInfo {
  const out = backend.makeOutput(plan.outShape, "float32");
  if (util.sizeFromShape(plan.outShape) > 0) {
    fill(
      backend.wasm.HEAPU8.buffer,
      byteOffset(backend, a),
      byteOffset(backend, b),
      byteOffset(backend, out),
    );
  }
  return out;
}

function nativeProduct(args: Args, plan: MatMulPlan): TensorInfo | undefined {
  const blas = nativeBlas();
  if (!blas) return undefined;
  const { a, b } = args.inputs;
  const { transposeA, transposeB } = args.attrs;
  const bytes = (offsets: Uint32Array, base: number) => offsets.map((o) => base + o * 4);
  return withOutput(
    args.backend,
    plan,
    (heap, ao, bo, co) =>
      blas.sgemm(
        heap,
        transposeA,
        transposeB,
        plan.m,
        plan.n,
        plan.k,
        bytes(plan.aOffsets, ao),
        bytes(plan.bOffsets, bo),
        bytes(plan.cOffsets, co),
      ),
    a,
    b,
  );
}

function jsProduct(args: Args, plan: MatMulPlan): TensorInfo {
  const { a, b } = args.inputs;
  const { transposeA, transposeB } = args.attrs;
  return withOutput(
    args.backend,
    plan,
    (buffer, ao, bo, co) => {
      const heap = new Float32Array(buffer);
      for (let i = 0; i < plan.cOffsets.length; i++) {
        gemm({
          heap,
          a: ao / 4 + plan.aOffsets[i]!,
          b: bo / 4 + plan.bOffsets[i]!,
          c: co / 4 + plan.cOffsets[i]!,
          m: plan.m,
          n: plan.n,
          k: plan.k,
          transposeA,
          transposeB,
        });
      }
    },
    a,
    b,
  );
}

/** `[..., r, c]` to `[..., c, r]` through the stock Transpose kernel. */
function swapLastAxes(call: Call, x: TensorInfo): TensorInfo {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
  return call(Transpose, { x }, { perm });
}

/** One product as `[1, m, k] @ [1, k, n]` with no flags: the only case the stock kernel does fast. */
function stockProduct(args: Args, plan: MatMulPlan, call: Call): TensorInfo {
  const { backend, attrs } = args;
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => {
    temporaries.push(t);
    return t;
  };
  const a = attrs.transposeA ? keep(swapLastAxes(call, args.inputs.a)) : args.inputs.a;
  const b = attrs.transposeB ? keep(swapLastAxes(call, args.inputs.b)) : args.inputs.b;
  const a3 = keep(call(Reshape, { x: a }, { shape: [1, plan.m, plan.k] }));
  const b3 = keep(call(Reshape, { x: b }, { shape: [1, plan.k, plan.n] }));
  const out = call(BatchMatMul, { a: a3, b: b3 }, { transposeA: false, transposeB: false });
  for (const t of temporaries) backend.disposeData(t.dataId);
  out.shape = plan.outShape;
  return out;
}

export function batchMatMulKernel(stock: Map<string, KernelFunc>): KernelFunc {
  return (raw) => {
    const args = raw as unknown as Args;
    const { a, b } = args.inputs;
    const call = callerFor(stock, args.backend);
    if (a.dtype !== "float32" || b.dtype !== "float32") {
      return call(BatchMatMul, { a, b }, args.attrs as unknown as NamedAttrMap);
    }
    const plan = planMatMul(a.shape, b.shape, args.attrs.transposeA, args.attrs.transposeB);
    const native = nativeProduct(args, plan);
    if (native) return native;
    return plan.cOffsets.length === 1 ? stockProduct(args, plan, call) : jsProduct(args, plan);
  };
}

/** The replacement of `stock`, the wasm backend's own BatchMatMul, which it delegates to. */
export function batchMatMulConfig(stock: KernelConfig): KernelConfig {
  const reshape = getKernel(Reshape, "wasm");
  const transpose = getKernel(Transpose, "wasm");
  if (!reshape || !transpose) throw new Error("tfjs-backend-wasm's kernels are not registered");
  const funcs = new Map([
    [BatchMatMul, stock.kernelFunc],
    [Reshape, reshape.kernelFunc],
    [Transpose, transpose.kernelFunc],
  ]);
  return {
    kernelName: BatchMatMul,
    backendName: "wasm",
    // The stock kernel binds its wasm function in its setup; it still runs through this one.
    setupFunc: stock.setupFunc,
    kernelFunc: batchMatMulKernel(funcs),
  };
}
