/**
 * `npm run bench:units`: what units cost the checker, under Node.
 * 1. The lazy load: importing the unit modules (no mathjs), then the first conversion (loads mathjs).
 * 2. Worker start-up: a fresh worker thread that imports the checker, alone, with mathjs loaded
 *    through the units module, and with mathjs's CommonJS entry instead (what a plain import costs).
 * 3. splitQuantity calls/s over every gold of the six benchmarks plus answers with units, next to
 *    the checker's own comparison of the same answers, for scale.
 * 4. conversionFactor calls/s once its factors are cached.
 * Load times are medians of alternating rounds: the machine may be shared.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { goldAlternatives } from "../../shared/checker/check.ts";
import { readAllBenchmarks } from "../../shared/datasets/benchmarks.ts";
import { defaultDataDir } from "../../shared/datasets/location.ts";

const ROUNDS = 5;
const RUN_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Answers as models write them with units, to mix with the golds (most of which have none). */
const WITH_UNITS = [
  "1.5\\text{ m}",
  "150 cm",
  "3 hours",
  "180 minutes",
  "2.5 \\text{ kJ}",
  "2500 J",
  "5\\text{ m}^2",
  "60 \\text{ km/h}",
  "9.8 \\mathrm{m/s^2}",
  "12 厘米",
  "3 часа",
  "\\frac{1}{2}\\text{ hour}",
  "2\\sqrt{3} \\text{ cm}",
  "\\$18.90",
  "5 \\text{ thousand}",
  "864 \\mbox{ inches}^2",
];

/** 1: one fresh thread, so that no measurement finds another's work done. */
const LAZY_LOAD = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.tsxApi).then(async (tsx) => {
  tsx.register();
  const lap = (() => { let last = performance.now(); return () => -last + (last = performance.now()); })();
  await import(workerData.check);
  const check = lap();
  const units = await import(workerData.units);
  const imported = lap();
  const before = units.mathjsLoaded();
  lap();
  units.conversionFactor("m", "cm");
  const first = lap();
  units.conversionFactor("h", "min");
  parentPort.postMessage({ check, imported, before, first, next: lap() });
});`;

/** 2: the pool's TypeScript worker bootstrap, then the checker, then optionally mathjs. */
const WORKER_START = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
import(workerData.tsxApi).then(async (tsx) => {
  tsx.register();
  await import(workerData.check);
  if (workerData.mathjs === "units") (await import(workerData.units)).conversionFactor("m", "cm");
  if (workerData.mathjs === "cjs") createRequire(workerData.units)("mathjs");
  parentPort.postMessage("ready");
});`;

const paths = {
  tsxApi: import.meta.resolve("tsx/esm/api"),
  units: new URL("../../shared/checker/units/index.ts", import.meta.url).href,
  check: new URL("../../shared/checker/check.ts", import.meta.url).href,
};

function runWorker<T>(source: string, workerData: object): Promise<{ message: T; elapsedMs: number }> {
  const started = performance.now();
  const worker = new Worker(source, { eval: true, workerData: { ...paths, ...workerData } });
  return new Promise((resolve, reject) => {
    worker.once("message", (message: T) => {
      const elapsedMs = performance.now() - started;
      void worker.terminate().then(() => resolve({ message, elapsedMs }));
    });
    worker.once("error", reject);
  });
}

interface LazyLoad {
  check: number;
  imported: number;
  before: boolean;
  first: number;
  next: number;
}

async function lazyLoad(): Promise<void> {
  const rounds: LazyLoad[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push((await runWorker<LazyLoad>(LAZY_LOAD, {})).message);
  const at = (key: "check" | "imported" | "first" | "next") => ms(median(rounds.map((r) => r[key])));
  console.log("1. lazy load (fresh thread, median)");
  console.log(`   import the checker (check.ts): ${at("check")}`);
  console.log(`   then the unit modules (if the checker has not already): ${at("imported")}`);
  console.log(`   mathjs loaded by these imports: ${rounds.some((r) => r.before) ? "yes" : "no"}`);
  console.log(`   first conversion, which loads mathjs: ${at("first")}`);
  console.log(`   a second new pair of units: ${at("next")}`);
}

async function workerStart(): Promise<void> {
  const variants = {
    "checker only": "none",
    "checker + mathjs (units module)": "units",
    "checker + mathjs (CommonJS entry)": "cjs",
  };
  const times = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, mathjs] of Object.entries(variants)) {
      times.get(name)!.push((await runWorker<string>(WORKER_START, { mathjs })).elapsedMs);
    }
  }
  console.log("2. worker thread start to ready (median)");
  for (const [name, xs] of times) console.log(`   ${name}: ${ms(median(xs))}`);
}

/** Calls of f over the inputs, round and round, for RUN_MS: calls per second. */
function rate<T>(inputs: T[], f: (input: T) => unknown): number {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < RUN_MS) {
    for (const input of inputs) f(input);
    calls += inputs.length;
  }
  return calls / ((performance.now() - started) / 1000);
}

const perSecond = (x: number) =>
  `${Math.round(x).toLocaleString("en-US")}/s (${(1e6 / x).toFixed(2)} µs each)`;

async function throughput(): Promise<void> {
  const { splitQuantity, conversionFactor } = await import("../../shared/checker/units/index.ts");
  const { compareAnswers } = await import("../../shared/checker/math/index.ts");
  const { resolveOptions } = await import("../../shared/contracts/grading.ts");
  const problems = await readAllBenchmarks(join(defaultDataDir(), "benchmarks"));
  const golds = problems.flatMap((p) => goldAlternatives(p.gold));
  const mix = [...golds, ...WITH_UNITS];
  const split = mix.filter((answer) => splitQuantity(answer) !== null).length;
  const options = resolveOptions();
  console.log(`3. splitQuantity over ${mix.length} answers (${split} with a unit)`);
  console.log(`   all: ${perSecond(rate(mix, splitQuantity))}`);
  console.log(`   with units only: ${perSecond(rate(WITH_UNITS, splitQuantity))}`);
  console.log(
    `   for scale, compareAnswers(answer, answer): ${perSecond(rate(mix, (a) => compareAnswers(a, `${a} `, options)))}`,
  );
  const pairs: [string, string][] = [
    ["m", "cm"],
    ["h", "min"],
    ["kJ", "J"],
    ["km/h", "m/s"],
    ["inch^2", "ft^2"],
    ["dollar", "cent"],
    ["m", "s"],
  ];
  for (const [from, to] of pairs) conversionFactor(from, to);
  console.log(
    `4. conversionFactor, cached: ${perSecond(rate(pairs, ([from, to]) => conversionFactor(from, to)))}`,
  );
}

await lazyLoad();
await workerStart();
await throughput();
