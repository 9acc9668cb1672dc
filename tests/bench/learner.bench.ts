/**
 * `npm run bench:learner`: one full training step (forward, backward, AdamW) of the reference
 * decoder (4 layers, d 256, 4 heads, vocab 64, batch 64 x 64 tokens) and KV-cached sampling of 256
 * sequences x 64 tokens, on the selected TensorFlow.js backend, next to the PyTorch twin
 * (tests/bench/learner_torch.py, run with /usr/bin/python3 when it has torch).
 *
 * The machine is shared, so its load drifts within a run: the two sides take turns, `--rounds`
 * times `--steps` steps each, and each prints the median over all its rounds.
 *
 * Options: --backend auto|tensorflow|wasm|cpu (auto), --steps N (5 per round, after 2 warm-up
 * steps), --rounds N (3),
 * --threads N (OpenBLAS's thread count, and PyTorch's: both sides get the same; default what
 * OpenBLAS picked, 1 without the addon), --fallback (also time wasm without the OpenBLAS addon),
 * --stock (also time tfjs's own wasm matmul: about 25 s a step), --no-torch.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "../../learner/tf/gradients.ts";
import { nativeBlas, nativeBlasAvailable, useNativeBlas } from "../../learner/backends/native.ts";
import {
  createReferenceModel,
  REFERENCE,
  referenceForwardFlops,
  referenceGenerate,
  referenceTrainer,
} from "../../learner/backends/reference-model.ts";
import { BACKEND_CHOICES, type BackendChoice, selectBackend } from "../../learner/backends/select.ts";
import { registerFastWasmKernels, restoreStockWasmKernels } from "../../learner/backends/wasm.ts";

const BATCH = 64;
const SEQ = 64;
const WARMUP = 2;
const GEN_BATCH = 256;
const GEN_TOKENS = 64;
const TORCH_PYTHON = "/usr/bin/python3";
const TORCH_SCRIPT = new URL("./learner_torch.py", import.meta.url).pathname;

const { values: opts } = parseArgs({
  options: {
    backend: { type: "string", default: "auto" },
    steps: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    threads: { type: "string" },
    fallback: { type: "boolean", default: false },
    stock: { type: "boolean", default: false },
    "no-torch": { type: "boolean", default: false },
  },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stepFlops = 3 * referenceForwardFlops(REFERENCE, BATCH, SEQ);

function randomIds(b: number, t: number): tf.Tensor2D {
  return tf.randomUniform([b, t], 0, REFERENCE.vocab, "int32") as tf.Tensor2D;
}

/** A warmed-up trainer; each call times `steps` more steps. */
function stepTimer(): (steps: number) => number[] {
  const model = createReferenceModel();
  const step = referenceTrainer(model);
  const ids = randomIds(BATCH, SEQ);
  const targets = randomIds(BATCH, SEQ);
  for (let i = 0; i < WARMUP; i++) step(ids, targets);
  return (steps) =>
    Array.from({ length: steps }, () => {
      const start = performance.now();
      step(ids, targets);
      return performance.now() - start;
    });
}

function timeSteps(steps: number): number[] {
  return stepTimer()(steps);
}

function timeGeneration(): number {
  const model = createReferenceModel();
  const run = () => {
    const prompt = randomIds(GEN_BATCH, 1);
    const out = referenceGenerate(model, prompt, GEN_TOKENS);
    out.dataSync();
    tf.dispose([prompt, out]);
  };
  run();
  const start = performance.now();
  run();
  return (GEN_BATCH * GEN_TOKENS) / ((performance.now() - start) / 1000);
}

function trainLine(label: string, times: number[]): void {
  const ms = median(times);
  console.log(
    `${label.padEnd(34)} step median ${ms.toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms ` +
      `(${times.length} steps), ${(stepFlops / ms / 1e6).toFixed(1)} GFLOP/s`,
  );
}

interface TorchResult {
  torch: string;
  threads: number;
  step_ms: number[];
  gen_tokens_per_s: number | null;
}

function runTorch(steps: number, threads: number, generate: boolean): TorchResult | string {
  if (!existsSync(TORCH_PYTHON)) return `${TORCH_PYTHON} not found`;
  const args = [TORCH_SCRIPT, "--steps", String(steps), "--threads", String(threads)];
  if (!generate) args.push("--gen-tokens", "0");
  const run = spawnSync(TORCH_PYTHON, args, { encoding: "utf8" });
  if (run.status !== 0) return (run.stderr || run.error?.message || "failed").trim().split("\n").pop()!;
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as TorchResult;
}

/** The thread count both sides get: `--threads`, else OpenBLAS's own choice; 1 without OpenBLAS. */
function useThreads(native: boolean): number {
  const blas = native ? nativeBlas() : undefined;
  if (!blas) return 1;
  if (opts.threads !== undefined) blas.setThreads(Math.max(1, Number(opts.threads)));
  return blas.threads();
}

async function main(): Promise<void> {
  const steps = Math.max(5, Number(opts.steps));
  if (!(BACKEND_CHOICES as readonly string[]).includes(opts.backend)) {
    throw new Error(`--backend must be one of ${BACKEND_CHOICES.join(", ")}`);
  }
  console.log(
    `reference step: ${REFERENCE.layers} layers, d ${REFERENCE.d}, ${REFERENCE.heads} heads, vocab ${REFERENCE.vocab}, ` +
      `batch ${BATCH} x ${SEQ}, AdamW; ${(stepFlops / 1e9).toFixed(1)} GFLOP of matmuls per step; ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  const backend = await selectBackend(opts.backend as BackendChoice);
  const native = backend === "wasm" && nativeBlasAvailable();
  const threads = useThreads(native);
  const label =
    backend === "wasm"
      ? native
        ? `wasm + OpenBLAS (${threads} threads)`
        : "wasm + JS matmul fallback"
      : backend;
  const rounds = Math.max(1, Number(opts.rounds));
  const torchRounds = opts["no-torch"] ? 0 : rounds;
  const timer = stepTimer();
  const ours: number[] = [];
  const torch: TorchResult[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(...timer(steps));
    if (round >= torchRounds) continue;
    const result = runTorch(steps, threads, round === torchRounds - 1);
    if (typeof result === "string") {
      console.log(`PyTorch twin not run: ${result}`);
      break;
    }
    torch.push(result);
  }
  trainLine(label, ours);
  console.log(`${label.padEnd(34)} generation ${timeGeneration().toFixed(0)} tokens/s`);
  const last = torch.at(-1);
  if (last) {
    trainLine(
      `PyTorch ${last.torch} (${last.threads} threads)`,
      torch.flatMap((t) => t.step_ms),
    );
    console.log(`${"PyTorch".padEnd(34)} generation ${last.gen_tokens_per_s?.toFixed(0)} tokens/s`);
  }
  if (backend === "wasm" && native && opts.fallback) {
    useNativeBlas(false);
    trainLine("wasm + JS matmul fallback", timeSteps(steps));
    useNativeBlas(true);
  }
  if (backend === "wasm" && opts.stock) {
    restoreStockWasmKernels();
    trainLine("wasm, stock tfjs kernels", timeSteps(steps));
    registerFastWasmKernels();
  }
  console.log(
    `load average at the end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
}

await main();
