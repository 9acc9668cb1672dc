/**
 * Starts tfjs's wasm backend from the .wasm files inside node_modules (never the network) with the
 * fast kernels of this folder in place of, or beside, the stock ones.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { batchMatMulConfig } from "./wasm-matmul.ts";
import { oneHotConfig } from "./wasm-one-hot.ts";
import { unsortedSegmentSumConfig } from "./wasm-segment-sum.ts";
import { castConfig, identityConfig } from "./wasm-share.ts";
import { sumConfig } from "./wasm-sum.ts";
import { transposeConfig } from "./wasm-transpose.ts";
import { unpackConfig } from "./wasm-unpack.ts";

/** Kernels replaced by faster ones, and how to build each replacement from the stock kernel. */
const REPLACED: Array<[string, (stock: tf.KernelConfig) => tf.KernelConfig]> = [
  [tf.BatchMatMul, batchMatMulConfig],
  [tf.Transpose, transposeConfig],
  [tf.Unpack, unpackConfig],
  [tf.Identity, identityConfig],
  [tf.Cast, castConfig],
  [tf.Sum, sumConfig],
  [tf.OneHot, oneHotConfig],
];

/** tfjs's own kernels, kept once replaced. */
const stock = new Map<string, tf.KernelConfig>();
let fast = false;

/** The folder of tfjs-backend-wasm's main file, which holds the .wasm binaries. */
function wasmFolder(): string {
  return `${dirname(fileURLToPath(import.meta.resolve("@tensorflow/tfjs-backend-wasm")))}/`;
}

function swapIn(config: tf.KernelConfig): void {
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
  // A backend started before the swap ran the kernels' setup already; setBackend runs it later.
  const running = tf.findBackend("wasm");
  if (running) config.setupFunc?.(running);
}

/** Idempotent. Must run after `@tensorflow/tfjs-backend-wasm` has registered its kernels. */
export function registerFastWasmKernels(): void {
  if (fast) return;
  for (const [name, replace] of REPLACED) {
    const original = stock.get(name) ?? tf.getKernel(name, "wasm");
    if (!original) throw new Error(`tfjs-backend-wasm's ${name} is not registered`);
    stock.set(name, original);
    swapIn(replace(original));
  }
  if (!tf.getKernel(unsortedSegmentSumConfig.kernelName, "wasm")) tf.registerKernel(unsortedSegmentSumConfig);
  fast = true;
}

/** Puts tfjs's own kernels back (the benchmark's "stock wasm" figure). */
export function restoreStockWasmKernels(): void {
  if (!fast) return;
  for (const config of stock.values()) swapIn(config);
  fast = false;
}

/** Loads the wasm backend module, registers the fast kernels and makes it the active backend. */
export async function startWasm(load: (specifier: string) => Promise<unknown>): Promise<void> {
  const wasm = (await load(
    "@tensorflow/tfjs-backend-wasm",
  )) as typeof import("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(wasmFolder());
  registerFastWasmKernels();
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend failed to initialise");
}
