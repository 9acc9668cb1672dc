/** Problem sets the evaluator reads from its data folder, by name (default: the six benchmarks). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BENCHMARKS } from "../../../shared/datasets/benchmarks.ts";
import type { ProblemSet } from "../../../shared/datasets/problems.ts";
import { loadSetFile } from "../../../shared/datasets/resolve.ts";

const cache = new Map<string, Promise<ProblemSet>>();

export async function resolveNamedSets(
  dataDir: string,
  names: string[] = [...BENCHMARKS],
): Promise<ProblemSet[]> {
  return Promise.all(
    names.map((name) => {
      if (!/^[-_A-Za-z0-9]+$/.test(name)) throw new Error(`not a problem-set name: ${JSON.stringify(name)}`);
      const path = join(dataDir, "benchmarks", `${name}.jsonl`);
      if (!existsSync(path)) {
        throw new Error(
          `unknown benchmark ${JSON.stringify(name)}: no ${path} (known: ${BENCHMARKS.join(", ")})`,
        );
      }
      let set = cache.get(path);
      if (!set) {
        set = loadSetFile(path);
        cache.set(path, set);
        set.catch(() => cache.delete(path));
      }
      return set;
    }),
  );
}
