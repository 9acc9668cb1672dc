/**
 * Picks the TensorFlow.js backend the learner runs on. `auto` prefers native TensorFlow
 * (`@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node`: optional dependencies that only
 * install where libtensorflow can be downloaded), then wasm with the fast kernels of this folder,
 * then the pure JavaScript cpu backend, and says on one stderr line which it took and why. A named
 * backend that cannot start is an error naming the reason: whoever asked for it by name would
 * otherwise measure or train on another one without noticing.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { nativeBlas, nativeBlasMissingReason } from "./native.ts";
import { startWasm } from "./wasm.ts";

export const BACKEND_CHOICES = ["auto", "tensorflow", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface SelectOptions {
  /** Imports a package (tests pass one that fails to simulate a missing backend). */
  load?: (specifier: string) => Promise<unknown>;
  log?: (line: string) => void;
}

const ORDER: BackendName[] = ["tensorflow", "wasm", "cpu"];
const TENSORFLOW_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"];

/** Whether a tfjs-node package has its native binding, which its install step builds only where it can download libtensorflow. */
function hasNativeBinding(pkg: string): boolean {
  const lib = join(dirname(fileURLToPath(import.meta.resolve(pkg))), "..", "lib");
  return existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, "tfjs_binding.node")));
}

async function importPackage(specifier: string): Promise<unknown> {
  // Without its binding a tfjs-node package fails only after registering its kernels, and the
  // next one then prints a warning for each of them again.
  if (TENSORFLOW_PACKAGES.includes(specifier) && !hasNativeBinding(specifier)) {
    throw new Error(
      "installed without its native binding (libtensorflow could not be downloaded at install)",
    );
  }
  return import(specifier);
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

async function startTensorflow(load: (specifier: string) => Promise<unknown>): Promise<string> {
  const failures: string[] = [];
  for (const pkg of TENSORFLOW_PACKAGES) {
    try {
      await load(pkg);
      if (await tf.setBackend("tensorflow")) return pkg;
      failures.push(`${pkg}: loaded but the tensorflow backend did not start`);
    } catch (error) {
      failures.push(`${pkg}: ${reason(error)}`);
    }
  }
  throw new Error(failures.join("; "));
}

async function start(name: BackendName, load: (specifier: string) => Promise<unknown>): Promise<string> {
  if (name === "tensorflow") return `native TensorFlow via ${await startTensorflow(load)}`;
  if (name === "wasm") {
    await startWasm(load);
    const missing = nativeBlasMissingReason();
    const blas = nativeBlas();
    return missing
      ? `wasm with JavaScript matmuls (OpenBLAS addon ${missing})`
      : `wasm with OpenBLAS matmuls (${blas?.threads()} threads)`;
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend did not start");
  return "cpu (pure JavaScript, slowest)";
}

export async function selectBackend(
  choice: BackendChoice = "auto",
  options: SelectOptions = {},
): Promise<BackendName> {
  const load = options.load ?? importPackage;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (choice !== "auto") {
    try {
      log(`[backend] ${await start(choice, load)}`);
      return choice;
    } catch (error) {
      throw new Error(`the ${choice} backend cannot start: ${reason(error)}`);
    }
  }
  const skipped: string[] = [];
  for (const name of ORDER) {
    try {
      const how = await start(name, load);
      const why = skipped.length ? ` (${skipped.join("; ")})` : "";
      log(`[backend] ${how}; asked for auto${why}`);
      return name;
    } catch (error) {
      skipped.push(`${name} unavailable: ${reason(error)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join("; ")}`);
}
