/**
 * Builds the OpenBLAS addon (`build/Release/rlvr_blas.node`) with node-gyp. Run at install time; it
 * never fails the install: without a compiler or `libopenblas-dev` the learner uses its pure
 * JavaScript matmul instead, so this prints why and exits 0. `RLVR_SKIP_NATIVE=1` skips the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, "build", "Release", "rlvr_blas.node");

function note(message) {
  console.warn(`[rlvr native] ${message}`);
}

/** npm passes its bundled node-gyp to lifecycle scripts; a direct run looks for it next to node. */
function nodeGypPath() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      "..",
      "lib",
      "node_modules",
      "npm",
      "node_modules",
      "node-gyp",
      "bin",
      "node-gyp.js",
    ),
  ];
  return candidates.find((p) => p && existsSync(p));
}

/** Node's own headers, when installed beside it, spare node-gyp a download (CI has no network). */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = join(dirname(process.execPath), "..");
  return existsSync(join(prefix, "include", "node", "node_api.h")) ? [`--nodedir=${prefix}`] : [];
}

/** A build that loads but multiplies wrongly would be worse than none. */
function smokeTest() {
  const addon = createRequire(import.meta.url)(output);
  const heap = new ArrayBuffer(64);
  const f = new Float32Array(heap);
  f.set([1, 2, 3, 4], 0);
  f.set([5, 6, 7, 8], 4);
  addon.sgemm(heap, false, false, 2, 2, 2, Uint32Array.of(0), Uint32Array.of(16), Uint32Array.of(32));
  const got = Array.from(f.subarray(8, 12)).join(",");
  if (got !== "19,22,43,50") throw new Error(`2x2 product gave ${got}`);
}

function main() {
  if (process.env.RLVR_SKIP_NATIVE === "1")
    return note("RLVR_SKIP_NATIVE=1: not building the OpenBLAS addon");
  const gyp = nodeGypPath();
  if (!gyp) return note("node-gyp not found; the learner will use its JavaScript matmul");
  const run = spawnSync(process.execPath, [gyp, "rebuild", ...nodedirArgs()], {
    cwd: here,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (run.status !== 0) {
    const tail = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
    note(
      `OpenBLAS addon not built (needs a C compiler and libopenblas-dev); using the JavaScript matmul.\n${tail}`,
    );
    return;
  }
  try {
    smokeTest();
    note(`built ${output}`);
  } catch (error) {
    rmSync(join(here, "build"), { recursive: true, force: true });
    note(`OpenBLAS addon built but failed its check (${error.message}); removed it`);
  }
}

main();
