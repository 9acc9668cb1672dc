/**
 * Sampling metrics for verifiable answers: Pass@1 as the paper reports it, and the unbiased pass@k
 * estimator of Chen et al. (2021).
 */

/** The fraction of a problem's samples that are correct (the paper's per-problem Pass@1). */
export function passAt1(correct: number, samples: number): number {
  if (samples <= 0) throw new RangeError("a problem needs at least one sample");
  return correct / samples;
}

/**
 * Unbiased pass@k = 1 - C(n-c, k) / C(n, k) for n samples of which c are correct. Computed as a
 * product of ratios each in [0, 1), so it neither overflows nor loses precision for large n (C(n, k)
 * itself would overflow a double beyond n ≈ 1,000 with k = 16).
 */
export function passAtK(samples: number, correct: number, k: number): number {
  if (!Number.isInteger(samples) || !Number.isInteger(correct) || !Number.isInteger(k)) {
    throw new RangeError("pass@k takes whole numbers");
  }
  if (k < 1 || k > samples) throw new RangeError(`pass@${k} needs at least ${k} samples, got ${samples}`);
  if (correct < 0 || correct > samples) throw new RangeError(`${correct} correct of ${samples} samples`);
  if (samples - correct < k) return 1;
  // C(n-c, k) / C(n, k) = prod_{i=0}^{k-1} (n-c-i) / (n-i)
  let allWrong = 1;
  for (let i = 0; i < k; i++) allWrong *= (samples - correct - i) / (samples - i);
  return 1 - allWrong;
}

/** The k values the paper's tables report, limited to those the sample count allows. */
export const PASS_AT_K_VALUES = [1, 2, 4, 8, 16] as const;

export function passAtKTable(samples: number, correct: number): Record<string, number> {
  return Object.fromEntries(
    PASS_AT_K_VALUES.filter((k) => k <= samples).map((k) => [`pass@${k}`, passAtK(samples, correct, k)]),
  );
}
