/**
 * The RL path of the learner on wasm against cpu: a Qwen2-style policy's token log-probs and
 * entropy, then `updateOnGroups` (the trainer's own step: pi_old and reference log-probs, every
 * objective's loss and gradients, AdamW per mini-batch), then sampling with a seeded stream.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../../learner/backends/select.ts";
import type { Model } from "../../../learner/model/forward.ts";
import { generate } from "../../../learner/model/generate.ts";
import { modelLogProbsAndEntropy } from "../../../learner/model/log-probs.ts";
import { createParams, disposeParams } from "../../../learner/model/params.ts";
import {
  createObjective,
  type ObjectiveName,
  type ObjectiveOptions,
} from "../../../learner/objectives/index.ts";
import { AdamW } from "../../../learner/optim/adamw.ts";
import { CHAR_EOS_ID, CHAR_PAD_ID, CHAR_VOCAB_SIZE } from "../../../learner/tokenizers/char.ts";
import type { Group } from "../../../learner/train/rollouts.ts";
import { packSequences } from "../../../learner/train/sequences.ts";
import { updateOnGroups } from "../../../learner/train/update.ts";
import { seededRng } from "../../../shared/random/seeded.ts";
import { MICRO_MODEL } from "../../support/micro-model.ts";
import { onBackend, withAndWithoutAddon } from "./compare.ts";

const TEMPERATURE = 0.7;
const LR = 1e-2;

/** Deterministic token ids in the printable range of the char vocabulary. */
function tokens(length: number, seed: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length }, () => 4 + rng.int(CHAR_VOCAB_SIZE - 4));
}

/**
 * Three prompts of different lengths (left padding) with four responses each of different lengths
 * (right padding; some end with EOS) and mixed rewards; the second group is all-correct (no signal
 * for the group-relative objectives, but it counts in REAL's denominator).
 */
function fixedGroups(): Group[] {
  const rewards = [
    [1, 0, 0, 1],
    [1, 1, 1, 1],
    [0, 1, 0, 0],
  ];
  return rewards.map((groupRewards, p) => {
    const prompt = tokens(3 + 2 * p, 100 + p);
    return {
      problem: { id: `p${p}`, problem: "", gold: "" },
      rewards: groupRewards,
      rollouts: groupRewards.map((_, j) => {
        const body = tokens(2 + ((3 * p + j) % 5), 200 + 10 * p + j);
        const response = j % 2 === 0 ? [...body, CHAR_EOS_ID] : body;
        return { prompt, response, text: "", finished: j % 2 === 0 };
      }),
    };
  });
}

interface Case {
  label: string;
  name: ObjectiveName;
  options?: ObjectiveOptions;
}

const CASES: Case[] = [
  { label: "real", name: "real" },
  { label: "real-bce", name: "real-bce" },
  { label: "real-no-anchor", name: "real-no-anchor" },
  { label: "grpo (KL 0.001 to the reference)", name: "grpo" },
  { label: "dapo", name: "dapo" },
  { label: "gspo", name: "gspo" },
  {
    label: "real + KL 0.1 to the reference",
    name: "real",
    options: { kl: { beta: 0.1, against: "reference" } },
  },
];

/** AdamW that keeps a copy of every gradient it is handed, keyed by mini-batch and parameter. */
class RecordingAdamW extends AdamW {
  readonly seen: Record<string, Float32Array> = {};

  override apply(params: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>) {
    for (const [name, grad] of Object.entries(grads)) {
      this.seen[`update ${this.step + 1} gradient: ${name}`] = grad.dataSync().slice() as Float32Array;
    }
    return super.apply(params, grads);
  }
}

type Observed = Record<string, ArrayLike<number>>;

function policy(seed: number): Model {
  return { config: MICRO_MODEL, params: createParams(MICRO_MODEL, seed) };
}

/** Log-probs and entropy of the initial policy on the packed groups, masked to the response tokens. */
function scoring(model: Model, groups: Group[]): Observed {
  const tensors = packSequences(
    groups.flatMap((g) => g.rollouts),
    CHAR_PAD_ID,
  );
  return tf.tidy(() => {
    const { logProbs, entropy } = modelLogProbsAndEntropy(model, tensors.batch, TEMPERATURE);
    const mask = tensors.responseMask;
    return {
      "token log-probs: response": tf.mul(logProbs, mask).dataSync(),
      "token entropy: response": tf.mul(entropy, mask).dataSync(),
    };
  });
}

/**
 * Two trainer steps on the fixed groups, each of two mini-batches (prompts 1-2, then prompt 3): every
 * update after the first sees pi_theta != pi_old (ratios off 1, clipping live), and the second step
 * recomputes pi_old and carries the optimizer's moments. The reference has its own weights so that
 * a KL term has a value and a gradient from the first update on.
 */
async function trainerStep(objective: Case): Promise<Observed> {
  const model = policy(7);
  const reference = policy(8);
  // Adam's step is lr * g / (|g| + eps) at first: with the usual eps of 1e-8, a gradient element near
  // 1e-8 that the backends round differently moves its parameter by a visibly different share of lr,
  // and the second mini-batch's gradients are then taken at parameters that differ. eps = 1e-3 bounds
  // that sensitivity at lr / eps, so the updated parameters can be held to float32 rounding too; a
  // large weight decay makes a kernel that drops it show.
  const optimizer = new RecordingAdamW({ lr: LR, eps: 1e-3, weightDecay: 0.1 });
  const groups = fixedGroups();
  try {
    const observed: Observed = {};
    const context = {
      model,
      reference,
      padId: CHAR_PAD_ID,
      optimizer,
      objective: createObjective(objective.name, objective.options),
      temperature: TEMPERATURE,
      miniBatchPrompts: 2,
    };
    for (const step of [1, 2]) {
      const metrics = await updateOnGroups(context, groups);
      for (const [key, value] of Object.entries(metrics)) {
        if (typeof value === "number") observed[`metric: step ${step} ${key}`] = [value];
      }
    }
    Object.assign(observed, optimizer.seen);
    for (const [name, param] of Object.entries(model.params)) observed[`updated: ${name}`] = param.dataSync();
    return observed;
  } finally {
    optimizer.dispose();
    disposeParams(model.params);
    disposeParams(reference.params);
  }
}

/** Prompts for sampling: different lengths, so the prefill left-pads and the cache carries padding. */
function sampling(model: Model): Observed {
  const prompts = [tokens(3, 300), tokens(6, 301)];
  const rollouts = generate(model, prompts, {
    groupSize: 3,
    maxNewTokens: 10,
    temperature: TEMPERATURE,
    topP: 0.95,
    eosIds: [CHAR_EOS_ID],
    padId: CHAR_PAD_ID,
    rng: seededRng(42),
  });
  return {
    "sampled ids: all rows": rollouts.ids.flat(),
    "sample log-probs: all rows": rollouts.sampleLogProbs.flat(),
  };
}

/**
 * Largest tolerated |wasm - cpu| for a quantity whose expected values peak at `scale` in magnitude.
 * float32 carries 7 digits; the backends sum in different orders (OpenBLAS blocks, JavaScript loops,
 * wasm's SIMD reductions), so a value computed by the same ops from the same inputs differs by a few
 * ulps of the largest terms entering it, compounded over some tens of ops: 1e-4 of the quantity's
 * largest magnitude leaves about a hundredfold margin over that, and a wrong kernel is off by O(1).
 */
function tolerance(quantity: string, scale: number): number {
  // Log-ratios, KL estimates and scores are differences of log-probs of magnitude ~5, whose ulp is
  // ~5e-7: their error is absolute, not relative to their (small) value.
  if (quantity === "metric") return 1e-4 * scale + 1e-6;
  // An all-zero entry (the gradient of a mini-batch whose ratios are all clipped) must stay ~zero.
  return 1e-4 * Math.max(scale, 1e-9);
}

/** `quantity: name` keys: a quantity is compared, and reported, over all of its names at once. */
const quantityOf = (key: string) => key.split(":")[0]!;

interface Difference {
  abs: number;
  rel: number;
}

/**
 * Asserts every entry within its quantity's tolerance; returns the largest differences per quantity,
 * relative ones against the largest magnitude of the entry's expected values.
 */
function compare(actual: Observed, expected: Observed, label: string): Map<string, Difference> {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${label}: entries`);
  const worst = new Map<string, Difference>();
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key]!;
    assert.equal(got.length, want.length, `${label}, ${key}: length`);
    let scale = 0;
    let abs = 0;
    for (let i = 0; i < want.length; i++) {
      scale = Math.max(scale, Math.abs(want[i]!));
      abs = Math.max(abs, Math.abs(got[i]! - want[i]!));
    }
    const quantity = quantityOf(key);
    assert.ok(
      abs <= tolerance(quantity, scale),
      `${label}, ${key}: max difference ${abs} against scale ${scale}`,
    );
    const rel = abs === 0 ? 0 : abs / scale;
    const seen = worst.get(quantity) ?? { abs: 0, rel: 0 };
    worst.set(quantity, { abs: Math.max(seen.abs, abs), rel: Math.max(seen.rel, rel) });
  }
  return worst;
}

function describeDifferences(worst: Map<string, Difference>): string {
  const e = (x: number) => x.toExponential(1);
  return [...worst].map(([quantity, { abs, rel }]) => `${quantity} ${e(abs)} / ${e(rel)}`).join(", ");
}

/** Compares `run` on wasm, with and without the addon, against cpu; reports the largest differences. */
async function agreeOnWasm(
  run: () => Observed | Promise<Observed>,
  report: (line: string) => void,
): Promise<void> {
  const expected = await onBackend("cpu", run);
  await withAndWithoutAddon(async (how) => {
    const worst = compare(await onBackend("wasm", run), expected, `wasm, ${how}`);
    report(`wasm, ${how}, max abs / rel difference: ${describeDifferences(worst)}`);
  });
}

function withPolicy(use: (model: Model) => Observed): () => Observed {
  return () => {
    const model = policy(7);
    try {
      return use(model);
    } finally {
      disposeParams(model.params);
    }
  };
}

describe("the RL path on wasm as on cpu", () => {
  before(async () => {
    await selectBackend("wasm", { log: () => {} });
  });
  after(async () => {
    await tf.setBackend("cpu");
  });

  it("scores response tokens: log-probs and entropy", async (t) => {
    await agreeOnWasm(
      withPolicy((model) => scoring(model, fixedGroups())),
      (line) => t.diagnostic(line),
    );
  });

  for (const objective of CASES) {
    it(`updates with ${objective.label}: loss, metrics, gradients, AdamW`, async (t) => {
      await agreeOnWasm(
        () => trainerStep(objective),
        (line) => t.diagnostic(line),
      );
    });
  }

  // Ids below 100 under a tolerance of 1e-4 of the largest: token for token equality. Safe here: a
  // draw flips only when the uniform falls within ~1e-7 of a bucket edge of the cumulative
  // distribution, and the seeded stream is fixed, so this either always passes or never does.
  it("samples the same tokens from a seeded stream", async (t) => {
    await agreeOnWasm(withPolicy(sampling), (line) => t.diagnostic(line));
  });
});
