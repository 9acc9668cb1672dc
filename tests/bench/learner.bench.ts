/**
 * `npm run bench:learner`: one full training step (forward, backward, AdamW) of the reference
 * decoder (4 layers, d 256, 4 heads, vocab 64, batch 64 x 64 tokens) and KV-cached sampling of 256
 * sequences x 64 tokens, on the selected TensorFlow.js backend, next to the PyTorch twin
 * (tests/bench/learner_torch.py, run with /usr/bin/python3 when it has torch).
 *
 * The step is timed three ways: in one thread (one OpenBLAS thread), in one process with N OpenBLAS
 * threads, and data-parallel over N lanes of one thread each, the main thread and N − 1 workers
 * (learner/parallel: one shard of the batch's rows per lane, gradients summed in shard order);
 * PyTorch at 1 and at N threads.
 *
 * The machine is shared, so its load drifts within a run: the sides take turns, `--rounds` times
 * `--steps` steps each, and each prints the median over all its rounds.
 *
 * Options: --backend auto|tensorflow|wasm|cpu (auto), --steps N (5 per round, after 2 warm-up
 * steps), --rounds N (3), --workers N (the cores: the thread count of the parallel rows, PyTorch's
 * too), --fallback (also time wasm without the OpenBLAS addon), --stock (also time tfjs's own wasm
 * matmul: about 25 s a step), --no-torch.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
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
import { startParallelReferenceTrainer } from "../../learner/parallel/reference-trainer.ts";

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
    workers: { type: "string" },
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

/** A warmed-up data-parallel trainer over `workers` lanes; each call times `steps` more steps. */
async function parallelStepTimer(workers: number) {
  const trainer = await startParallelReferenceTrainer(createReferenceModel(), workers);
  const ids = randomIds(BATCH, SEQ);
  const targets = randomIds(BATCH, SEQ);
  for (let i = 0; i < WARMUP; i++) await trainer.step(ids, targets);
  return {
    time: async (steps: number) => {
      const times: number[] = [];
      for (let i = 0; i < steps; i++) {
        const start = performance.now();
        await trainer.step(ids, targets);
        times.push(performance.now() - start);
      }
      return times;
    },
    close: () => trainer.close(),
  };
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
    `${label.padEnd(40)} step median ${ms.toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms ` +
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

/** Sets OpenBLAS's thread count (process-wide) when the addon is in use; the count it runs with. */
function useThreads(native: boolean, threads: number): number {
  const blas = native ? nativeBlas() : undefined;
  blas?.setThreads(threads);
  return blas ? blas.threads() : 1;
}

const loadLine = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

async function main(): Promise<void> {
  const steps = Math.max(5, Number(opts.steps));
  const workers = Math.max(1, Number(opts.workers ?? availableParallelism()));
  if (!(BACKEND_CHOICES as readonly string[]).includes(opts.backend)) {
    throw new Error(`--backend must be one of ${BACKEND_CHOICES.join(", ")}`);
  }
  console.log(
    `reference step: ${REFERENCE.layers} layers, d ${REFERENCE.d}, ${REFERENCE.heads} heads, vocab ${REFERENCE.vocab}, ` +
      `batch ${BATCH} x ${SEQ}, AdamW; ${(stepFlops / 1e9).toFixed(1)} GFLOP of matmuls per step; ` +
      `load average ${loadLine()}`,
  );
  const backend = await selectBackend(opts.backend as BackendChoice);
  const native = backend === "wasm" && nativeBlasAvailable();
  const name = backend === "wasm" ? (native ? "wasm + OpenBLAS" : "wasm + JS matmul") : backend;
  const rounds = Math.max(1, Number(opts.rounds));
  const withTorch = !opts["no-torch"];
  const single = stepTimer();
  const parallel = workers > 1 ? await parallelStepTimer(workers) : undefined;
  const ours = { one: [] as number[], threaded: [] as number[], parallel: [] as number[] };
  const torch = new Map<number, TorchResult[]>([
    [1, []],
    [workers, []],
  ]);
  let torchMissing: string | undefined;
  const timeTorch = (threads: number, generate: boolean) => {
    if (!withTorch || torchMissing) return;
    const result = runTorch(steps, threads, generate);
    if (typeof result === "string") torchMissing = result;
    else torch.get(threads)!.push(result);
  };
  try {
    for (let round = 0; round < rounds; round++) {
      useThreads(native, 1);
      ours.one.push(...single(steps));
      timeTorch(1, false);
      if (!parallel) continue;
      if (native) {
        useThreads(native, workers);
        ours.threaded.push(...single(steps));
      }
      useThreads(native, 1);
      ours.parallel.push(...(await parallel.time(steps)));
      timeTorch(workers, round === rounds - 1);
    }
  } finally {
    await parallel?.close();
  }
  if (torchMissing) console.log(`PyTorch twin not run: ${torchMissing}`);
  const torchTimes = (threads: number) => torch.get(threads)!.flatMap((t) => t.step_ms);
  const torchVersion = torch.get(1)![0]?.torch;
  trainLine(`${name}, 1 thread`, ours.one);
  if (torchVersion) trainLine(`PyTorch ${torchVersion}, 1 thread`, torchTimes(1));
  if (parallel) {
    if (native) trainLine(`${name}, 1 process, ${workers} threads`, ours.threaded);
    trainLine(`${name}, ${workers} lanes (main + ${workers - 1} workers) x 1 thread`, ours.parallel);
    if (torchVersion) trainLine(`PyTorch ${torchVersion}, ${workers} threads`, torchTimes(workers));
    const speedup = (times: number[]) => (median(times) / median(ours.parallel)).toFixed(2);
    console.log(
      `${workers} lanes: ${speedup(ours.one)}x the 1-thread step` +
        (native ? `, ${speedup(ours.threaded)}x the ${workers}-thread one` : "") +
        (torchVersion
          ? `; ${(median(ours.parallel) / median(torchTimes(workers))).toFixed(2)}x PyTorch's time at ${workers} threads`
          : ""),
    );
  }
  const genThreads = useThreads(native, workers);
  console.log(
    `${`${name}, ${genThreads} threads`.padEnd(40)} generation ${timeGeneration().toFixed(0)} tokens/s`,
  );
  const torchGeneration = torch.get(workers)!.at(-1)?.gen_tokens_per_s;
  if (torchGeneration) {
    console.log(
      `${`PyTorch, ${workers} threads`.padEnd(40)} generation ${torchGeneration.toFixed(0)} tokens/s`,
    );
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
  console.log(`load average at the end ${loadLine()}`);
}

await main();
