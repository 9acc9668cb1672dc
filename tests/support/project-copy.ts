/** A copy of the project as a fresh clone would hold it: tracked files and new files git does not ignore. */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";

const run = promisify(execFile);

async function projectFiles(): Promise<string[]> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: PROJECT_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split("\0").filter((file) => file && existsSync(join(PROJECT_ROOT, file)));
}

/** Copies the project's files (no node_modules, nothing ignored) into `dir`. */
export async function copyProject(dir: string): Promise<void> {
  for (const file of await projectFiles()) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(PROJECT_ROOT, file), join(dir, file));
  }
}
