/**
 * Where the data root is: `RLVR_DATA_DIR`, else the project's own `shared/data`, which ships the six
 * evaluation benchmarks (`benchmarks/<name>.jsonl`) so that a clone evaluates with nothing beside it.
 */
export function defaultDataDir(): string {
  const fromEnv = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
    .RLVR_DATA_DIR;
  return fromEnv ?? decodeURIComponent(new URL("../data/", import.meta.url).pathname);
}
