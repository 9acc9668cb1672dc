/** What a result was made with: the command, the code (git commit) and the machine. */
import { execFile } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { isAbsolute, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

export const MachineSchema = z.object({
  cpu: z.string(),
  cores: z.number().int().positive(),
  memoryGiB: z.number().min(0),
  platform: z.string(),
  node: z.string(),
  backend: z.string(),
});
export type Machine = z.output<typeof MachineSchema>;

export const CodeSchema = z.object({
  commit: z.string(),
  /** Uncommitted changes to tracked files when it ran, outside the folders the study writes. */
  dirty: z.boolean(),
});
export type Code = z.output<typeof CodeSchema>;

export function machine(backend: string): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    backend,
  };
}

/**
 * The commit, and whether tracked files differ from it. The study's own outputs (`outputs`, such as
 * its report folder, whose records a running study rewrites) are not code and do not count.
 */
export async function code(outputs: readonly string[] = [], cwd = process.cwd()): Promise<Code> {
  const git = (...args: string[]) => promisify(execFile)("git", args, { cwd }).then((r) => r.stdout.trim());
  try {
    const commit = await git("rev-parse", "HEAD");
    const top = await git("rev-parse", "--show-toplevel");
    // Only outputs inside the repository can be excluded (git refuses a pathspec outside it).
    const excluded = outputs
      .map((path) => relative(top, resolve(cwd, path)))
      .filter((path) => path !== "" && !path.startsWith("..") && !isAbsolute(path))
      .map((path) => `:(top,exclude)${path}`);
    const status = await git("status", "--porcelain", "--untracked-files=no", "--", ".", ...excluded);
    return { commit, dirty: status !== "" };
  } catch {
    return { commit: "unknown (not a git checkout)", dirty: false };
  }
}

/** The command line as typed, from the `rlvr` entry point on. */
export function commandLine(argv: readonly string[] = process.argv): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
  return ["rlvr", ...argv.slice(2)].map(quote).join(" ");
}
