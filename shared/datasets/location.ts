/** Where the data sets are: `RLVR_DATA_DIR`, else `../shared/data` beside the project. */
export function defaultDataDir(): string {
  const fromEnv = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
    .RLVR_DATA_DIR;
  return fromEnv ?? decodeURIComponent(new URL("../../../shared/data/", import.meta.url).pathname);
}
