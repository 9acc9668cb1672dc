/** Options the learner's commands share: which tfjs backend runs, which curriculum levels. */
import { Option } from "commander";
import { BACKEND_NAMES } from "../../train/backend.ts";
import { listOf, positiveInt } from "./values.ts";

export function backendOption(): Option {
  return new Option(
    "--backend <name>",
    "tfjs backend (auto: tensorflow, else wasm, else cpu; a named one that cannot start is an error)",
  )
    .choices(BACKEND_NAMES)
    .default("auto");
}

/**
 * Worker threads of the RL update (learner/parallel); results do not depend on their number. Not
 * `--workers`: that names the in-process grader's threads.
 */
export function learnerWorkersOption(): Option {
  return new Option(
    "--learner-workers <n>",
    "threads sharing out each update's micro-batches (needs a micro-batch) and rollout shards; the same results for any n",
  )
    .argParser(positiveInt)
    .default(1);
}

export function levelsOption(): Option {
  return new Option("--levels <list>", "curriculum difficulty levels, e.g. 1,2").argParser(
    listOf(positiveInt, "comma-separated positive integers, e.g. 1,2"),
  );
}
