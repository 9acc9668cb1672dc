import type { Objective } from "./batch.ts";
import type { ClipRange } from "./clipped-surrogate.ts";
import { dapoObjective } from "./dapo.ts";
import { GRPO_DEFAULT_KL, grpoObjective } from "./grpo.ts";
import { gspoObjective } from "./gspo.ts";
import { type KlConfig, withKlPenalty } from "./kl.ts";
import { realObjective } from "./real.ts";
import { realBceObjective } from "./real-bce.ts";
import { realNoAnchorObjective } from "./real-no-anchor.ts";

export type { Objective, ObjectiveMetrics, ObjectiveResult, RolloutBatch } from "./batch.ts";
export type { ClipRange } from "./clipped-surrogate.ts";
export { DAPO_CLIP } from "./dapo.ts";
export {
  dropUninformativeGroups,
  type RewardedGroup,
  sampleInformativeGroups,
} from "./dynamic-sampling.ts";
export { GRPO_CLIP, GRPO_DEFAULT_KL } from "./grpo.ts";
export { GSPO_CLIP, GSPO_LOG_RATIO_CAP } from "./gspo.ts";
export type { KlConfig } from "./kl.ts";
export { DEFAULT_TAU, realLossFromScores } from "./real.ts";

export const objectiveNames = ["real", "real-bce", "real-no-anchor", "grpo", "dapo", "gspo"] as const;
export type ObjectiveName = (typeof objectiveNames)[number];

export interface ObjectiveOptions {
  /** REAL family only: temperature of the scores (default 0.5). */
  tau?: number;
  /** GRPO, DAPO and GSPO only: ratio clip range (defaults per objective). */
  clip?: ClipRange;
  /** KL term added to any objective; null turns off GRPO's default (beta 0.001 against the reference). */
  kl?: KlConfig | null;
}

interface Entry {
  create: (options: ObjectiveOptions) => Objective;
  accepts: "tau" | "clip";
  defaultKl: KlConfig | null;
}

const registry: Record<ObjectiveName, Entry> = {
  real: { create: ({ tau }) => realObjective({ tau }), accepts: "tau", defaultKl: null },
  "real-bce": { create: ({ tau }) => realBceObjective({ tau }), accepts: "tau", defaultKl: null },
  "real-no-anchor": { create: ({ tau }) => realNoAnchorObjective({ tau }), accepts: "tau", defaultKl: null },
  grpo: { create: ({ clip }) => grpoObjective({ clip }), accepts: "clip", defaultKl: GRPO_DEFAULT_KL },
  dapo: { create: ({ clip }) => dapoObjective({ clip }), accepts: "clip", defaultKl: null },
  gspo: { create: ({ clip }) => gspoObjective({ clip }), accepts: "clip", defaultKl: null },
};

export function isObjectiveName(name: string): name is ObjectiveName {
  return (objectiveNames as readonly string[]).includes(name);
}

/** The objective called `name` (REAL by default), with its paper defaults unless overridden. */
export function createObjective(name: ObjectiveName = "real", options: ObjectiveOptions = {}): Objective {
  if (!isObjectiveName(name))
    throw new Error(`unknown objective "${name}"; known: ${objectiveNames.join(", ")}`);
  const entry = registry[name];
  const misplaced = entry.accepts === "tau" ? "clip" : "tau";
  if (options[misplaced] !== undefined) throw new Error(`objective "${name}" takes no ${misplaced} option`);
  const objective = entry.create(options);
  const kl = options.kl === undefined ? entry.defaultKl : options.kl;
  return kl ? withKlPenalty(objective, kl) : objective;
}
