import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import { type AdamWStep, fusedAdamW } from "../backends/fused-adamw.ts";
import type { StoredTensor } from "../model/safetensors.ts";
import { clipCoefficient, globalNorm } from "./clip.ts";
import { learningRateAt, ScheduleSchema } from "./schedule.ts";

export const OptimizerConfigSchema = z
  .object({
    lr: z.number().positive(),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    eps: z.number().positive().default(1e-8),
    weightDecay: z.number().min(0).default(0.01),
    /** Global gradient-norm clipping; null turns it off. */
    maxGradNorm: z.number().positive().nullable().default(1),
    schedule: ScheduleSchema.default({ kind: "constant", warmupSteps: 0, minRatio: 0 }),
  })
  .strict();
export type OptimizerConfig = z.output<typeof OptimizerConfigSchema>;
export type OptimizerConfigInput = z.input<typeof OptimizerConfigSchema>;

export interface StepReport {
  /** Norm of the gradients before clipping. */
  gradNorm: number;
  lr: number;
}

const MOMENT_PREFIXES = { m: "optim.exp_avg.", v: "optim.exp_avg_sq." } as const;

/**
 * AdamW as PyTorch computes it: decoupled weight decay (`p *= 1 - lr * wd` before the Adam step),
 * bias-corrected moments, `eps` added to the corrected root of the second moment. Gradients are
 * clipped by their global norm first. Moments live in float32 tensors that the optimizer owns.
 */
export class AdamW {
  readonly config: OptimizerConfig;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  /** Optimizer steps taken so far. */
  step = 0;

  constructor(config: OptimizerConfigInput) {
    this.config = OptimizerConfigSchema.parse(config);
  }

  /** Applies one update to `params` from `grads` (same names); the gradients are not disposed. */
  apply(params: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>): StepReport {
    const names = Object.keys(params).filter((name) => grads[name] !== undefined);
    const gradNorm = globalNorm(names.map((n) => grads[n]!));
    const scale = clipCoefficient(gradNorm, this.config.maxGradNorm);
    this.step++;
    const { beta1, beta2, eps, weightDecay } = this.config;
    const lr = learningRateAt(this.config.lr, this.config.schedule, this.step);
    const correction1 = 1 - beta1 ** this.step;
    const correction2Root = Math.sqrt(1 - beta2 ** this.step);
    const hyper: AdamWStep = {
      gradScale: scale,
      lr,
      beta1,
      beta2,
      eps,
      weightDecay,
      correction1,
      correction2Root,
    };
    for (const name of names) {
      const param = params[name]!;
      const m = this.moment(this.m, name, param);
      const v = this.moment(this.v, name, param);
      const fused = fusedAdamW({ param, grad: grads[name]!, m, v }, hyper);
      if (fused) {
        param.assign(fused[0]);
        m.assign(fused[1]);
        v.assign(fused[2]);
        tf.dispose(fused);
        continue;
      }
      tf.tidy(() => {
        const g = scale === 1 ? grads[name]! : tf.mul(grads[name]!, scale);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denom = tf.add(tf.div(tf.sqrt(v), correction2Root), eps);
        const decayed = tf.mul(param, 1 - lr * weightDecay);
        param.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), lr / correction1)));
      });
    }
    return { gradNorm, lr };
  }

  private moment(store: Map<string, tf.Variable>, name: string, like: tf.Tensor): tf.Variable {
    let moment = store.get(name);
    if (!moment) {
      const zeros = tf.zerosLike(like);
      moment = tf.variable(zeros, false);
      zeros.dispose();
      store.set(name, moment);
    }
    return moment;
  }

  /** The moments as checkpoint tensors (the step goes into the metadata). */
  async stateTensors(): Promise<Record<string, StoredTensor>> {
    const out: Record<string, StoredTensor> = {};
    for (const [key, store] of [
      ["m", this.m],
      ["v", this.v],
    ] as const) {
      for (const [name, t] of store) {
        out[`${MOMENT_PREFIXES[key]}${name}`] = {
          dtype: "F32",
          shape: [...t.shape],
          data: (await t.data()) as Float32Array,
        };
      }
    }
    return out;
  }

  /** Restores moments saved by `stateTensors` and the step counter. */
  loadState(tensors: Record<string, StoredTensor>, step: number): void {
    this.dispose();
    this.step = step;
    for (const [key, store] of [
      ["m", this.m],
      ["v", this.v],
    ] as const) {
      for (const [name, t] of Object.entries(tensors)) {
        if (!name.startsWith(MOMENT_PREFIXES[key])) continue;
        const initial = tf.tensor(t.data as Float32Array, t.shape, "float32");
        store.set(name.slice(MOMENT_PREFIXES[key].length), tf.variable(initial, false));
        initial.dispose();
      }
    }
  }

  dispose(): void {
    for (const store of [this.m, this.v]) {
      for (const t of store.values()) t.dispose();
      store.clear();
    }
  }
}
