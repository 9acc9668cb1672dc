/**
 * `npm run bench:qwen2`: the learner at real Qwen2 sizes on this machine.
 *
 * 1. A random-initialised checkpoint with Qwen2.5-0.5B's exact shapes (494 M parameters, tied
 *    head, bfloat16 like the Hub's), written once under --dir: in a fresh process, its load time
 *    and peak RSS, then prefill (one 128-token prompt) and decode tokens/s (32 new tokens for one
 *    sequence, and for 8 rollouts of one prompt).
 * 2. A full REAL step, micro-batch 1: sampling 8 rollouts x 128 tokens of one 64-token prompt,
 *    π_old log-probs, one update (the rewards are made up: half right), on the largest Qwen2 shape
 *    over Qwen's vocabulary that the dry run's estimate fits into the backend (Qwen2.5-0.5B's widths
 *    or narrower ones, as many layers as fit); in a fresh process, its time by phase and peak RSS.
 *
 * Options: --backend auto|tensorflow|wasm|cpu (wasm), --dir (/tmp/rlvr-bench-qwen2), --hidden and
 * --layers (the step's shape, a hidden size of WIDTHS; default: the largest that fits),
 * --skip-inference, --skip-step.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BACKEND_CHOICES, type BackendChoice, selectBackend } from "../../learner/backends/select.ts";
import { loadCheckpoint } from "../../learner/model/checkpoint.ts";
import { type ModelConfig, parseModelConfig } from "../../learner/model/config.ts";
import { generate } from "../../learner/model/generate.ts";
import { hfShape } from "../../learner/model/hf/weights.ts";
import { createParams, disposeParams, paramSpecs } from "../../learner/model/params.ts";
import { createObjective } from "../../learner/objectives/index.ts";
import { AdamW } from "../../learner/optim/adamw.ts";
import { backendLimits } from "../../learner/train/dry-run.ts";
import { estimateTrainingMemory } from "../../learner/train/memory.ts";
import type { Group } from "../../learner/train/rollouts.ts";
import { updateOnGroups } from "../../learner/train/update.ts";
import { seededRng } from "../../shared/random/seeded.ts";
import { hfConfigJson } from "../support/hf-checkpoint.ts";

/** Qwen2.5-0.5B's config.json, shape for shape. */
const QWEN25_05B = parseModelConfig({
  vocabSize: 151936,
  hiddenSize: 896,
  numLayers: 24,
  numHeads: 14,
  numKvHeads: 2,
  intermediateSize: 4864,
  ropeTheta: 1000000,
  rmsNormEps: 1e-6,
  tieEmbeddings: true,
  maxPositions: 32768,
});
/** Qwen2 widths over Qwen's vocabulary: Qwen2.5-0.5B's, then narrower (head size 64, two KV heads). */
const WIDTHS = [
  { hiddenSize: 896, numHeads: 14, intermediateSize: 4864 },
  { hiddenSize: 768, numHeads: 12, intermediateSize: 4096 },
  { hiddenSize: 640, numHeads: 10, intermediateSize: 3456 },
  { hiddenSize: 512, numHeads: 8, intermediateSize: 2816 },
];
const PROMPT_TOKENS = { inference: 128, step: 64 };
const DECODE_TOKENS = 32;
const ROLLOUTS = 8;
const RESPONSE_TOKENS = 128;
const GIB = 2 ** 30;

const { values: args } = parseArgs({
  options: {
    backend: { type: "string", default: "wasm" },
    dir: { type: "string", default: "/tmp/rlvr-bench-qwen2" },
    hidden: { type: "string" },
    layers: { type: "string" },
    phase: { type: "string" },
    "skip-inference": { type: "boolean", default: false },
    "skip-step": { type: "boolean", default: false },
  },
});
const backend = args.backend as BackendChoice;
if (!BACKEND_CHOICES.includes(backend)) throw new Error(`--backend must be one of ${BACKEND_CHOICES}`);
const checkpointDir = join(args.dir!, "qwen2.5-0.5b-random");

const seconds = (start: number) => (performance.now() - start) / 1000;
const peakRssGib = () => (process.resourceUsage().maxRSS * 1024) / GIB;

function randomIds(n: number, seed: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => rng.int(QWEN25_05B.vocabSize));
}

/** bfloat16 bits of N(0, 0.02) values, a pool that tensors cycle through at random offsets. */
function bf16Pool(size: number, seed: number): Uint16Array {
  const rng = seededRng(seed);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  return Uint16Array.from({ length: size }, () => {
    f[0] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()) * 0.02;
    return u[0]! >>> 16;
  });
}

/** Writes Qwen2.5-0.5B's shapes with random bfloat16 weights, as a Hub checkpoint is laid out. */
async function writeCheckpoint(config: ModelConfig, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const pool = bf16Pool(1 << 16, 7);
  const rng = seededRng(11);
  const tensors = paramSpecs(config).map((spec) => ({ spec, shape: hfShape(spec) }));
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const { spec, shape } of tensors) {
    const bytes = 2 * shape.reduce((a, b) => a * b, 1);
    header[spec.name] = { dtype: "BF16", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(json.length));
  const handle = await open(join(dir, "model.safetensors"), "w");
  try {
    await handle.write(Buffer.concat([prefix, json]));
    for (const { spec, shape } of tensors) {
      const values = new Uint16Array(shape.reduce((a, b) => a * b, 1));
      if (spec.init === "ones") values.fill(0x3f80);
      else {
        const start = rng.int(pool.length);
        for (let i = 0; i < values.length; i++) values[i] = pool[(start + i * 7919) & 0xffff]!;
      }
      await handle.write(new Uint8Array(values.buffer));
    }
  } finally {
    await handle.close();
  }
  const hfConfig = hfConfigJson(config, {
    bos_token_id: 151643,
    eos_token_id: 151643,
    max_window_layers: 21,
    sliding_window: 32768,
    torch_dtype: "bfloat16",
  });
  writeFileSync(join(dir, "config.json"), JSON.stringify(hfConfig, null, 2));
}

async function inferencePhase(): Promise<Record<string, number>> {
  await selectBackend(backend);
  const start = performance.now();
  const { model } = await loadCheckpoint(checkpointDir);
  const loadSeconds = seconds(start);
  const loadRss = peakRssGib();
  const prompt = randomIds(PROMPT_TOKENS.inference, 3);
  const sample = (rows: number, newTokens: number) => {
    const began = performance.now();
    generate(model, [prompt], {
      groupSize: rows,
      maxNewTokens: newTokens,
      temperature: 0.6,
      eosIds: [],
      padId: 0,
      rng: seededRng(5),
    });
    return seconds(began);
  };
  // One new token is the prefill and one sample from its logits, without a decoding step.
  const prefill = sample(1, 1);
  const decodeOne = sample(1, DECODE_TOKENS + 1) - prefill;
  const decodeEight = sample(ROLLOUTS, DECODE_TOKENS + 1) - prefill;
  disposeParams(model.params);
  return {
    loadSeconds,
    loadPeakRssGib: loadRss,
    prefillTokensPerSecond: PROMPT_TOKENS.inference / prefill,
    decodeTokensPerSecond: DECODE_TOKENS / decodeOne,
    decodeTokensPerSecond8: (ROLLOUTS * DECODE_TOKENS) / decodeEight,
    peakRssGib: peakRssGib(),
  };
}

function stepConfig(hiddenSize: number, numLayers: number): ModelConfig {
  const width = WIDTHS.find((w) => w.hiddenSize === hiddenSize);
  if (!width) throw new Error(`--hidden must be one of ${WIDTHS.map((w) => w.hiddenSize)}`);
  return parseModelConfig({ ...QWEN25_05B, ...width, numLayers });
}

function stepEstimate(config: ModelConfig) {
  return estimateTrainingMemory(config, {
    microBatch: 1,
    accumulating: true,
    promptTokens: PROMPT_TOKENS.step,
    responseTokens: RESPONSE_TOKENS,
    samplingPrompts: 1,
    groupSize: ROLLOUTS,
    reference: false,
  });
}

/** The shape with the most parameters whose REAL step the estimate fits into `limit` bytes. */
function largestThatFits(limit: number): ModelConfig | undefined {
  let best: { config: ModelConfig; parameters: number } | undefined;
  for (const { hiddenSize } of WIDTHS) {
    for (let layers = 1; layers <= QWEN25_05B.numLayers; layers++) {
      const config = stepConfig(hiddenSize, layers);
      const { peak, parameters } = stepEstimate(config);
      if (peak > limit) break;
      if (!best || parameters > best.parameters) best = { config, parameters };
    }
  }
  return best?.config;
}

async function stepPhase(hiddenSize: number, layers: number): Promise<Record<string, number>> {
  const name = await selectBackend(backend);
  const config = stepConfig(hiddenSize, layers);
  const model = { config, params: createParams(config, 1) };
  const parameters = Object.values(model.params).reduce((n, v) => n + v.size, 0);
  const optimizer = new AdamW({ lr: 1e-6 });
  const prompt = randomIds(PROMPT_TOKENS.step, 4);
  let start = performance.now();
  const rollouts = generate(model, [prompt], {
    groupSize: ROLLOUTS,
    maxNewTokens: RESPONSE_TOKENS,
    temperature: 0.6,
    eosIds: [],
    padId: 0,
    rng: seededRng(6),
  });
  const samplingSeconds = seconds(start);
  const group: Group = {
    problem: { id: "bench", problem: "", gold: "" },
    rollouts: rollouts.responses.map((response) => ({ prompt, response, text: "", finished: false })),
    rewards: rollouts.responses.map((_, i) => i % 2),
  };
  start = performance.now();
  const metrics = await updateOnGroups(
    {
      model,
      padId: 0,
      optimizer,
      objective: createObjective("real"),
      temperature: 0.6,
      miniBatchPrompts: 1,
      microBatch: 1,
    },
    [group],
  );
  const updateSeconds = seconds(start);
  if (!(metrics.gradNorm > 0)) throw new Error(`the update saw no gradient: ${JSON.stringify(metrics)}`);
  optimizer.dispose();
  disposeParams(model.params);
  return {
    hiddenSize,
    layers,
    parameters,
    estimatedPeakGib: stepEstimate(config).peak / GIB,
    limitGib: backendLimits()[name].bytes / GIB,
    samplingSeconds,
    updateSeconds,
    stepSeconds: samplingSeconds + updateSeconds,
    peakRssGib: peakRssGib(),
  };
}

/** Runs a phase in a fresh process, so that its peak RSS is its own. */
function inChild(phase: string): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", new URL(import.meta.url).pathname, ...process.argv.slice(2), "--phase", phase],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`the ${phase} phase failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

const f = (x: number, digits = 2) => x.toFixed(digits);

async function main(): Promise<void> {
  if (args.phase === "inference") return console.log(JSON.stringify(await inferencePhase()));
  if (args.phase?.startsWith("step:")) {
    const [hidden, layers] = args.phase.slice(5).split("x").map(Number);
    return console.log(JSON.stringify(await stepPhase(hidden!, layers!)));
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}; backend ${backend}`,
  );
  if (!args["skip-inference"]) {
    if (!existsSync(join(checkpointDir, "config.json"))) {
      const start = performance.now();
      await writeCheckpoint(QWEN25_05B, checkpointDir);
      console.log(`wrote ${checkpointDir} in ${f(seconds(start), 1)} s`);
    }
    const r = inChild("inference");
    console.log(
      `Qwen2.5-0.5B shapes (bf16 checkpoint): load ${f(r.loadSeconds!, 1)} s (peak RSS ${f(r.loadPeakRssGib!)} GiB); ` +
        `prefill ${f(r.prefillTokensPerSecond!, 1)} tokens/s (${PROMPT_TOKENS.inference}-token prompt); ` +
        `decode ${f(r.decodeTokensPerSecond!)} tokens/s (1 sequence), ${f(r.decodeTokensPerSecond8!)} tokens/s (${ROLLOUTS} rollouts); ` +
        `peak RSS ${f(r.peakRssGib!)} GiB`,
    );
  }
  if (!args["skip-step"]) {
    const limits = backendLimits();
    const limit = backend === "auto" ? limits.wasm : limits[backend];
    const config =
      args.hidden && args.layers
        ? stepConfig(Number(args.hidden), Number(args.layers))
        : largestThatFits(limit.bytes);
    if (!config) throw new Error("no Qwen2 shape over Qwen's vocabulary fits");
    const r = inChild(`step:${config.hiddenSize}x${config.numLayers}`);
    console.log(
      `REAL step on Qwen's vocabulary, hidden ${r.hiddenSize}, ${r.layers} layers (${(r.parameters! / 1e6).toFixed(1)} M parameters, ` +
        `estimated peak ${f(r.estimatedPeakGib!)} GiB of ${f(r.limitGib!)}): ${ROLLOUTS} rollouts x ${RESPONSE_TOKENS} tokens sampled in ` +
        `${f(r.samplingSeconds!, 1)} s, update (micro-batch 1) ${f(r.updateSeconds!, 1)} s, step ${f(r.stepSeconds!, 1)} s; ` +
        `peak RSS ${f(r.peakRssGib!)} GiB`,
    );
  }
}

await main();
