/**
 * Usage errors: a command line that cannot run as written ends with one line on stderr and exit status
 * 2, apart from a run that fails (1). Commander's own errors (an unknown option or command, a missing
 * argument, a bad value) become such a line on every subcommand too: commander copies no settings to
 * the commands added with addCommand, so they are applied down the tree here.
 */
import { type Command, type CommanderError, InvalidArgumentError, type Option } from "commander";
import { oneOf } from "./values.ts";

export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = "UsageError";
}

/** Applies the conventions to `command` and every command under it. */
export function applyUsageConventions(command: Command): Command {
  command
    .exitOverride((error) => {
      throw usageErrorOf(command, error);
    })
    // Whoever catches the error prints it, once and on one line.
    .configureOutput({ outputError: () => {} });
  for (const option of command.options) nameTheFlagOnBadValues(option);
  for (const subcommand of command.commands) applyUsageConventions(subcommand);
  return command;
}

/** `--help` and `--version` end the run as they are; anything else commander refuses is a usage error. */
function usageErrorOf(command: Command, error: CommanderError): Error {
  if (error.exitCode === 0) return error;
  const path = commandPath(command);
  // Commander has printed the command's help to stderr: its subcommands are listed there.
  if (error.code === "commander.help")
    return new UsageError(`a command is needed after \`${path}\` (listed above)`);
  const message = error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ");
  return new UsageError(`${message} (see \`${path} --help\`)`);
}

/**
 * Every value parser (values.ts, or commander's choices) throws what it expected; this adds the flag
 * and the text given, so that the line stands on its own.
 */
function nameTheFlagOnBadValues(option: Option): void {
  const parse = option.argChoices ? oneOf(option.argChoices) : option.parseArg;
  if (!parse) return;
  const flag = option.long ?? option.flags;
  option.argParser((value: string, previous: unknown) => {
    try {
      return parse(value, previous);
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
      throw new UsageError(`${flag}: ${error.message}, got ${JSON.stringify(value)}`);
    }
  });
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}
