/** Where the stack's executables are: Deno from the npm package, nats-server from the system. */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The real Deno executable, not the npm `bin` shim: the shim is a Node process that would outlive a
 * signal sent to it and leave Deno running.
 */
export function denoExecutable(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("deno/package.json"));
  const linked = join(packageDir, "deno");
  if (existsSync(linked)) return linked;
  // The package links its binary in a postinstall step; when scripts were skipped, it can still do so.
  return require(join(packageDir, "install_api.cjs")).runInstall() as string;
}

/** nats-server from PATH (Debian's package), or NATS_SERVER_BIN. */
export function natsServerExecutable(): string | null {
  const explicit = process.env.NATS_SERVER_BIN;
  if (explicit) return existsSync(explicit) ? explicit : null;
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "nats-server");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}
