/**
 * Confidence intervals for Pass@1 by the bootstrap over problems. A problem's k samples are
 * correlated (an easy problem is solved by most of them), so treating n problems × k samples as
 * independent draws, as a Wilson interval over samples would, makes the interval too narrow: the
 * problem is the unit that is resampled. The seed is fixed, so a report renders the same interval
 * every time.
 */
import { seededRng } from "../random/seeded.ts";

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
  ).sort((a, b) => a - b);
  const tail = (1 - options.level) / 2;
  const at = (q: number) => statistics[Math.min(statistics.length - 1, Math.floor(q * statistics.length))]!;
  return { lo: at(tail), hi: at(1 - tail) };
}
