/**
 * The one place training picks a TensorFlow.js backend. `learner/backends/` will own backend
 * selection; until then: wasm when it initialises (10-25x faster than cpu here), else cpu.
 */
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";

export const BACKEND_NAMES = ["auto", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Activates the backend and returns the name of the one in use. */
export async function selectBackend(name: BackendName = "auto"): Promise<string> {
  const wanted = name === "auto" ? ["wasm", "cpu"] : [name];
  for (const backend of wanted) {
    if (await tf.setBackend(backend).catch(() => false)) {
      await tf.ready();
      return backend;
    }
  }
  throw new Error(`backend ${name} did not initialise`);
}
