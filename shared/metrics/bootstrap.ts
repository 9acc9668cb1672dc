/**
 * Confidence intervals for Pass@1 by the bootstrap over problems. A problem's k samples are
 * correlated (an easy problem is solved by most of them), so treating n problems × k samples as
 * independent draws, as a Wilson interval over samples would, makes the interval too narrow: the
 * problem is the unit that is resampled. The seed is fixed, so a report renders the same interval
 * every time.
 */
import { type Rng, seededRng } from "../random/seeded.ts";

export interface Interval {
  lo: number;
  hi: number;
}

export interface BootstrapOptions {
  resamples: number;
  /** Central coverage, e.g. 0.95. */
  level: number;
  seed: number;
}

export const BOOTSTRAP_DEFAULTS: BootstrapOptions = { resamples: 2000, level: 0.95, seed: 20240917 };

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The percentile interval of the unweighted mean over strata of each stratum's mean, resampling
 * problems with replacement within each stratum (a task family, a benchmark): one stratum gives the
 * interval of its Pass@1, several the interval of their average ("Avg."). Each value is one problem's
 * share of correct samples.
 */
export function bootstrapInterval(
  strata: readonly (readonly number[])[],
  options: BootstrapOptions = BOOTSTRAP_DEFAULTS,
): Interval {
  if (strata.length === 0 || strata.some((s) => s.length === 0))
    throw new RangeError("the bootstrap needs at least one problem in every stratum");
  const rng = seededRng(options.seed);
  const statistics = Array.from({ length: options.resamples }, () =>
    mean(
      strata.map((values) => {
        let sum = 0;
        for (let i = 0; i < values.length; i++) sum += values[rng.int(values.length)]!;
        return sum / values.length;
      }),
    ),
  );
  return percentileInterval(statistics, options.level);
}

function percentileInterval(statistics: number[], level: number): Interval {
  statistics.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const at = (q: number) => statistics[Math.min(statistics.length - 1, Math.floor(q * statistics.length))]!;
  return { lo: at(tail), hi: at(1 - tail) };
}

/**
 * One training seed's (or one seed pair's) per-problem values, stratified as `bootstrapInterval`'s:
 * per task family, per held-out problem.
 */
export type SeedStrata = readonly (readonly number[])[];

/** The unweighted mean over strata of each stratum's mean, over the seeds' mean. */
export function seedsMean(seeds: readonly SeedStrata[]): number {
  return mean(seeds.map((strata) => mean(strata.map(mean))));
}

/** One two-level resample: seeds with replacement, then within each drawn seed its problems. */
function resampledSeedsMean(seeds: readonly SeedStrata[], rng: Rng): number {
  let total = 0;
  for (let s = 0; s < seeds.length; s++) {
    const strata = seeds[rng.int(seeds.length)]!;
    let sum = 0;
    for (const values of strata) {
      let stratum = 0;
      for (let i = 0; i < values.length; i++) stratum += values[rng.int(values.length)]!;
      sum += stratum / values.length;
    }
    total += sum / strata.length;
  }
  return total / seeds.length;
}

function assertSeeds(groups: readonly (readonly SeedStrata[])[]): void {
  for (const seeds of groups) {
    if (seeds.length === 0) throw new RangeError("the bootstrap needs at least one seed in every group");
    if (seeds.some((strata) => strata.length === 0 || strata.some((v) => v.length === 0)))
      throw new RangeError("the bootstrap needs at least one problem in every stratum");
  }
}

/**
 * The interval of a mean over training seeds when both the seed and the problem draw are noise: a
 * two-level bootstrap that resamples seeds, then problems within each resampled seed. With paired
 * differences as values (method A's per-problem value minus method B's, same seed, same problems),
 * it is the interval of the paired difference.
 */
export function seedBootstrapInterval(
  seeds: readonly SeedStrata[],
  options: BootstrapOptions = BOOTSTRAP_DEFAULTS,
): Interval {
  assertSeeds([seeds]);
  const rng = seededRng(options.seed);
  return percentileInterval(
    Array.from({ length: options.resamples }, () => resampledSeedsMean(seeds, rng)),
    options.level,
  );
}

/**
 * The interval of the spread (highest minus lowest) of several groups' means over seeds, e.g. one
 * method's final Pass@1 at several learning rates, each group resampled as `seedBootstrapInterval`.
 */
export function spreadBootstrapInterval(
  groups: readonly (readonly SeedStrata[])[],
  options: BootstrapOptions = BOOTSTRAP_DEFAULTS,
): Interval {
  assertSeeds(groups);
  const rng = seededRng(options.seed);
  return percentileInterval(
    Array.from({ length: options.resamples }, () => {
      const means = groups.map((seeds) => resampledSeedsMean(seeds, rng));
      return Math.max(...means) - Math.min(...means);
    }),
    options.level,
  );
}
