/**
 * The OpenBLAS addon built by `native/build.mjs`, when it was built: sgemm, and the memory-bound
 * kernels of native/kernels.c. `RLVR_NATIVE_BLAS=0` or `useNativeBlas(false)` turns it off, so the
 * JavaScript fallbacks can be run and compared on a machine that has the addon.
 */
import { createRequire } from "node:module";

export interface NativeBlas {
  /**
   * `C_i = op(A_i) op(B_i)` for every i, row-major float32 operands inside `heap` at the given
   * byte offsets; `op` transposes when its flag is set. `A_i` is `m x k` after `op`, `B_i` `k x n`.
   */
  sgemm(
    heap: ArrayBufferLike,
    transposeA: boolean,
    transposeB: boolean,
    m: number,
    n: number,
    k: number,
    aOffsets: Uint32Array,
    bOffsets: Uint32Array,
    cOffsets: Uint32Array,
  ): void;
  setThreads(threads: number): void;
  threads(): number;
  /**
   * For each index tuple over `dims` (last fastest), copies `run` contiguous elements of
   * `elementBytes` bytes from `src + sum(index * strides)` to the next place in `dst`. Offsets
   * in bytes, strides in elements.
   */
  stridedCopy(
    heap: ArrayBufferLike,
    elementBytes: number,
    src: number,
    dst: number,
    dims: Int32Array,
    strides: Int32Array,
    run: number,
  ): void;
  /** float32 `dst[c] = sum over r of src[r * columns + c]`, accumulated in double. */
  columnSums(heap: ArrayBufferLike, src: number, dst: number, rows: number, columns: number): void;
  /**
   * AdamW on float32 arrays at byte `offsets` (param, grad, m, v, then the three outputs);
   * `hyper` holds gradScale, lr, beta1, beta2, eps, weightDecay, correction1, correction2Root.
   */
  adamw(heap: ArrayBufferLike, offsets: Uint32Array, size: number, hyper: Float64Array): void;
  /** RMSNorm over rows of `d`: `offsets` of x `[rows, d]`, weight `[d]` and y `[rows, d]`. */
  rmsNorm(heap: ArrayBufferLike, offsets: Uint32Array, rows: number, d: number, eps: number): void;
  /** Its gradient: `offsets` of dy, x, weight, dx (each as above) and dw `[d]`. */
  rmsNormGrad(heap: ArrayBufferLike, offsets: Uint32Array, rows: number, d: number, eps: number): void;
}

const ADDON_PATH = new URL("./native/build/Release/rlvr_blas.node", import.meta.url);

let loaded: { addon?: NativeBlas; error?: string } | undefined;
let enabled = process.env.RLVR_NATIVE_BLAS !== "0";

function load(): { addon?: NativeBlas; error?: string } {
  if (!loaded) {
    try {
      const addon = createRequire(import.meta.url)(ADDON_PATH.pathname) as NativeBlas;
      // A build from before a kernel of native/kernels.c existed lacks it: rebuild rather than half-use it.
      if (typeof addon.rmsNormGrad !== "function") throw new Error("addon predates its kernels; rebuild it");
      loaded = { addon };
    } catch (error) {
      loaded = { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
    }
  }
  return loaded;
}

/** The addon, or undefined when it is not built, failed to load, or is turned off. */
export function nativeBlas(): NativeBlas | undefined {
  return enabled ? load().addon : undefined;
}

/** Whether the addon exists on this machine, whatever `useNativeBlas` says. */
export function nativeBlasAvailable(): boolean {
  return load().addon !== undefined;
}

/** Why the addon is not used, for the backend's stderr note; undefined when it is. */
export function nativeBlasMissingReason(): string | undefined {
  if (!enabled) return "turned off (RLVR_NATIVE_BLAS=0)";
  const { error } = load();
  return error ? `not built (${error}); run node learner/backends/native/build.mjs` : undefined;
}

export function useNativeBlas(on: boolean): void {
  enabled = on;
}
