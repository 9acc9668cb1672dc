import type { Rng } from "../../shared/random/seeded.ts";

export interface Sample {
  token: number;
  /** Log-prob of the token under the temperature-scaled distribution, before top-p truncation. */
  logProb: number;
}

/**
 * Draws one token from `softmax(logits / temperature)` restricted to its top-p nucleus (the most
 * probable tokens whose mass first reaches `topP`; ties broken by lower id). One `rng.next()` per
 * draw, so a seeded stream reproduces the same tokens.
 *
 * The returned log-prob ignores the truncation: the objectives compare it with log-probs the learner
 * recomputes from the full temperature-scaled distribution, and those two must agree.
 */
export function sampleToken(logits: Float32Array, temperature: number, topP: number, rng: Rng): Sample {
  const v = logits.length;
  let max = -Infinity;
  for (let i = 0; i < v; i++) max = Math.max(max, logits[i]! / temperature);
  const weights = new Float64Array(v);
  let total = 0;
  for (let i = 0; i < v; i++) {
    weights[i] = Math.exp(logits[i]! / temperature - max);
    total += weights[i]!;
  }
  const logTotal = Math.log(total);
  const logProbOf = (token: number) => logits[token]! / temperature - max - logTotal;

  let candidates: number[] | undefined;
  let mass = total;
  if (topP < 1) {
    const order = Array.from({ length: v }, (_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
    candidates = [];
    mass = 0;
    for (const i of order) {
      candidates.push(i);
      mass += weights[i]!;
      if (mass >= topP * total) break;
    }
  }
  const target = rng.next() * mass;
  const count = candidates ? candidates.length : v;
  let acc = 0;
  let token = candidates ? candidates[count - 1]! : v - 1;
  for (let k = 0; k < count; k++) {
    const i = candidates ? candidates[k]! : k;
    acc += weights[i]!;
    if (acc > target) {
      token = i;
      break;
    }
  }
  // Without a break (rounding left `target` above the accumulated mass) the last candidate stands.
  return { token, logProb: logProbOf(token) };
}
