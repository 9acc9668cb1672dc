/** Runs the `rlvr` command as a user would, as a subprocess, and returns how it ended. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";

const run = promisify(execFile);
export const RLVR = join(PROJECT_ROOT, "learner", "cli", "rlvr.js");

export interface RlvrResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function rlvr(...args: string[]): Promise<RlvrResult> {
  return rlvrWithEnv({}, ...args);
}

/** `rlvr` with `env` added to this process's environment. */
export async function rlvrWithEnv(env: Record<string, string>, ...args: string[]): Promise<RlvrResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [RLVR, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as RlvrResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
