/**
 * How `rlvr` ends. A failure is one `rlvr: …` message on stderr, never a stack trace, with exit status
 * 2 for a command line that cannot run as written (options/usage.ts) and 1 for a run that failed.
 */
import { CommanderError } from "commander";
import { z } from "zod";
import { describeIssues } from "../model/config.ts";
import { EXIT_USAGE, UsageError } from "./options/usage.ts";

export const EXIT_FAILURE = 1;

/** Prints why the run failed and returns its exit status (0 after --help and --version). */
export function reportFailure(error: unknown): number {
  const status = exitStatusOf(error);
  if (status !== 0) console.error(failureMessage(error));
  return status;
}

export function exitStatusOf(error: unknown): number {
  if (error instanceof CommanderError && error.exitCode === 0) return 0;
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/** The line (or, for a list of problems, the lines) a failure prints. */
export function failureMessage(error: unknown): string {
  return `rlvr: ${describeFailure(error)}`;
}

/**
 * A reader that stops early (`rlvr grade … | head -1`) closes the pipe: that is no failure, so the run
 * ends at once, quietly, with status 0.
 */
export function exitQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      console.error(`rlvr: cannot write the output: ${error.message}`);
      process.exit(EXIT_FAILURE);
    });
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof z.ZodError) return `invalid data: ${describeIssues(error)}`;
  if (isFileError(error)) return `${error.path}: ${fileErrorReason(error)}`;
  return error instanceof Error ? error.message : String(error);
}

/** Node's errors from the file system name the path; their message repeats it with the syscall. */
function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).path === "string";
}

/** `ENOENT: no such file or directory, open '/x'` → `no such file or directory`. */
function fileErrorReason(error: NodeJS.ErrnoException): string {
  return /^[A-Z]+: (.+?), \w+ '/.exec(error.message)?.[1] ?? error.message;
}
