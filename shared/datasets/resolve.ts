/**
 * Turns what a user names on the command line (`--data`) into problem sets: the data root (with
 * `benchmarks/`), a folder of files, or single `.jsonl` / `.parquet` files.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { BENCHMARKS, type BenchmarkName } from "./benchmarks.ts";
import { DatasetError, type FieldMapping, loadProblemSet, type ProblemSet } from "./problems.ts";

const isBenchmark = (name: string): name is BenchmarkName => (BENCHMARKS as readonly string[]).includes(name);

/** One problem-set file. The six benchmarks are identified by position, as their samples files do. */
export async function loadSetFile(path: string, mapping: FieldMapping = {}): Promise<ProblemSet> {
  const name = basename(path, extname(path));
  const positional = isBenchmark(name) && mapping.id === undefined;
  return loadProblemSet(path, positional ? { ...mapping, id: null } : mapping);
}

export async function resolveProblemSets(paths: string[], mapping: FieldMapping = {}): Promise<ProblemSet[]> {
  const sets: ProblemSet[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new DatasetError(`no such file or folder: ${path}`);
    });
    if (!info.isDirectory()) {
      sets.push(await loadSetFile(path, mapping));
      continue;
    }
    const inner = (await stat(join(path, "benchmarks")).catch(() => null))?.isDirectory()
      ? join(path, "benchmarks")
      : path;
    const files = (await readdir(inner)).filter((f) => f.endsWith(".jsonl") || f.endsWith(".parquet")).sort();
    if (files.length === 0) throw new DatasetError(`${inner} holds no .jsonl or .parquet files`);
    // The paper's order, then anything else alphabetically.
    files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const file of files) sets.push(await loadSetFile(join(inner, file), mapping));
  }
  const names = sets.map((s) => s.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new DatasetError(`two problem sets are named ${repeated}: rename one file`);
  return sets;
}

function rank(file: string): number {
  const index = (BENCHMARKS as readonly string[]).indexOf(basename(file, extname(file)));
  return index < 0 ? BENCHMARKS.length : index;
}
