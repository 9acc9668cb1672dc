import type { WorkerRuntime } from "./types.ts";

export type { ParentPort, WorkerEvents, WorkerRuntime, WorkerThread } from "./types.ts";

/** The adapter for the runtime we are in, imported lazily so that Deno never loads `node:` modules. */
export async function currentRuntime(): Promise<WorkerRuntime> {
  if ("Deno" in globalThis) return (await import("./deno.ts")).denoRuntime;
  return (await import("./node.ts")).nodeRuntime;
}
