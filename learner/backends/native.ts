/**
 * The OpenBLAS addon built by `native/build.mjs`, when it was built. `RLVR_NATIVE_BLAS=0` or
 * `useNativeBlas(false)` turns it off, so the JavaScript fallback can be run and compared on a
 * machine that has the addon.
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
}

const ADDON_PATH = new URL("./native/build/Release/rlvr_blas.node", import.meta.url);

let loaded: { addon?: NativeBlas; error?: string } | undefined;
let enabled = process.env.RLVR_NATIVE_BLAS !== "0";

function load(): { addon?: NativeBlas; error?: string } {
  if (!loaded) {
    try {
      loaded = { addon: createRequire(import.meta.url)(ADDON_PATH.pathname) as NativeBlas };
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
