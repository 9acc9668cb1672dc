/**
 * Supervised warm start: teaches a fresh model the response format (a short worked step, then
 * `\boxed{answer}`, then EOS) by cross-entropy on the response tokens of curriculum problems, so that
 * RL starts from a policy that sometimes answers right instead of one that never does.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "../tf/gradients.ts";
import { z } from "zod";
import type { GraderClient } from "../../shared/clients/grader.ts";
import type { Problem } from "../../shared/datasets/problems.ts";
import { type Rng, seededRng } from "../../shared/random/seeded.ts";
import { saveCheckpoint, saveLayoutFor } from "../model/checkpoint.ts";
import { disposeParams } from "../model/params.ts";
import { AdamW, OptimizerConfigSchema } from "../optim/adamw.ts";
import { type CurriculumProblem, offByOne, targetText } from "../tasks/curriculum.ts";
import { DEFAULT_TASK, ModelSourceSchema, TaskConfigSchema, TokenizerConfigSchema } from "./config.ts";
import { loadTask, problemsAt } from "./data.ts";
import { passAtOne } from "./evaluate.ts";
import { loadPolicy } from "./load-policy.ts";
import { accumulateGradients, disposePacked, packMicroBatches } from "./micro-batches.ts";
import type { Policy } from "./policy.ts";

export const SftConfigSchema = z
  .object({
    seed: z.number().int().min(0).default(1),
    model: ModelSourceSchema.default({ preset: "tiny" }),
    /** Absent: the model checkpoint's own when it has a tokenizer.json, else the character tokenizer. */
    tokenizer: TokenizerConfigSchema.optional(),
    task: TaskConfigSchema.default(DEFAULT_TASK),
    steps: z.number().int().positive().default(600),
    /**
     * An unreliable demonstrator: this share of the demonstrations (drawn afresh every time one is
     * shown) ends in an answer off by one, so the policy learns to make that mistake now and then —
     * the kind of error RL with a verifier removes (the demo's starting point). Curriculum only.
     */
    wrongAnswerShare: z.number().min(0).max(1).default(0),
    batchSize: z.number().int().positive().default(64),
    /** Sequences per forward and backward pass, gradients summed over them; absent: the whole batch. */
    microBatch: z.number().int().positive().optional(),
    optimizer: OptimizerConfigSchema.default({
      lr: 3e-3,
      beta1: 0.9,
      beta2: 0.98,
      eps: 1e-8,
      weightDecay: 0.01,
      maxGradNorm: 1,
      schedule: { kind: "cosine", warmupSteps: 20, totalSteps: 600, minRatio: 0.1 },
    }),
    /** Pass@1 on the held-out split at the end (and every `every` steps when > 0). */
    eval: z
      .object({
        every: z.number().int().min(0).default(0),
        k: z.number().int().positive().default(4),
        problems: z.number().int().positive().default(100),
        temperature: z.number().positive().default(0.6),
        maxNewTokens: z.number().int().positive().default(40),
      })
      .strict()
      .default({ every: 0, k: 4, problems: 100, temperature: 0.6, maxNewTokens: 40 }),
  })
  .strict()
  .refine((c) => c.wrongAnswerShare === 0 || c.task.kind === "curriculum", {
    message: "wrong answers can only be made up for the built-in curriculum",
    path: ["wrongAnswerShare"],
  });
export type SftConfig = z.output<typeof SftConfigSchema>;
export type SftConfigInput = z.input<typeof SftConfigSchema>;

export interface SftStep {
  step: number;
  loss: number;
  gradNorm: number;
  lr: number;
  seconds: number;
  valPass1?: number;
}

export interface SftOptions {
  outDir: string;
  /** Grades the held-out evaluation; without one, nothing is evaluated. */
  grader?: GraderClient;
  onStep?: (step: SftStep, totalSteps: number) => void;
  shouldStop?: () => boolean;
}

export interface SftResult {
  steps: number;
  seconds: number;
  finalLoss: number;
  valPass1?: number;
  stopped: boolean;
}

/** What the model should answer: the curriculum's worked target, else the boxed gold. */
export function sftTarget(problem: Problem): string {
  if ("reasoning" in problem) return targetText(problem as CurriculumProblem);
  const gold = Array.isArray(problem.gold) ? problem.gold[0]! : String(problem.gold);
  return `\\boxed{${gold}}`;
}

export async function trainSft(config: SftConfig, options: SftOptions): Promise<SftResult> {
  const { policy, hf, tokenizer } = await loadPolicy(config.model, config.tokenizer, config.seed);
  const data = await loadTask(config.task, config.seed);
  const optimizer = new AdamW(config.optimizer);
  // Its own stream, so that a share of 0 leaves every other draw as it was.
  const demonstrator = seededRng(config.seed + 0x5eed);
  const started = performance.now();
  const evaluate = async (step: number) =>
    options.grader
      ? (
          await passAtOne(policy, data.test, options.grader, {
            k: config.eval.k,
            temperature: config.eval.temperature,
            maxNewTokens: config.eval.maxNewTokens,
            seed: config.seed + step,
            limit: config.eval.problems,
          })
        ).average
      : undefined;
  let finalLoss = Number.NaN;
  let step = 0;
  let stopped = false;
  try {
    while (step < config.steps) {
      const stepStarted = performance.now();
      const problems = withWrongAnswers(
        problemsAt(data.train, step * config.batchSize, config.batchSize, config.seed),
        config.wrongAnswerShare,
        demonstrator,
      );
      const { loss, gradNorm, lr } = sftUpdate(policy, optimizer, problems, config.microBatch);
      step++;
      finalLoss = loss;
      const report: SftStep = { step, loss, gradNorm, lr, seconds: (performance.now() - stepStarted) / 1000 };
      if (config.eval.every > 0 && step % config.eval.every === 0 && step < config.steps) {
        report.valPass1 = await evaluate(step);
      }
      options.onStep?.(report, config.steps);
      if (options.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const valPass1 = await evaluate(step);
    await mkdir(options.outDir, { recursive: true });
    await saveCheckpoint(
      options.outDir,
      policy.model,
      { metadata: { kind: "rlvr-sft", config: { ...config, tokenizer }, step, valPass1: valPass1 ?? null } },
      saveLayoutFor(undefined, hf),
    );
    const result = { steps: step, seconds, finalLoss, valPass1, stopped };
    await writeFile(join(options.outDir, "sft-result.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    disposeParams(policy.model.params);
    optimizer.dispose();
  }
}

/** The problems with the gold of about `share` of them (each drawn with that chance) off by one. */
export function withWrongAnswers(problems: readonly Problem[], share: number, rng: Rng): Problem[] {
  if (share === 0) return [...problems];
  return problems.map((p) => {
    if (rng.next() >= share) return p;
    const problem = p as CurriculumProblem;
    return { ...problem, gold: offByOne(problem.gold) };
  });
}

/**
 * One AdamW step on the mean cross-entropy of the target tokens (EOS included), `microBatch`
 * sequences per forward and backward pass (all at once when absent).
 */
export function sftUpdate(
  policy: Policy,
  optimizer: AdamW,
  problems: readonly Problem[],
  microBatch?: number,
) {
  const { model, tokenizer, prompts } = policy;
  const packed = packMicroBatches(
    problems.map((p) => ({
      prompt: prompts.encode(p),
      response: [...tokenizer.encode(sftTarget(p)), prompts.stopIds[0]],
    })),
    tokenizer.padId,
    microBatch,
  );
  try {
    // The loss, -sum(mask * logp) / sum(mask), is linear in the log-probs with these weights.
    const weights = tf.tidy(() => tf.div(packed.responseMask, tf.neg(tf.sum(packed.responseMask))));
    const { value, grads } = accumulateGradients(model, packed, weights as tf.Tensor2D, 1);
    weights.dispose();
    const report = optimizer.apply(model.params, grads);
    tf.dispose(Object.values(grads));
    return { loss: value, ...report };
  } finally {
    disposePacked(packed);
  }
}
