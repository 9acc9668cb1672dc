/**
 * Every `rlvr` command line README.md shows runs as written: its subcommands exist and every flag it
 * uses is defined on that (sub)command. The lines come from the shell code blocks (backslash-continued
 * lines joined) and from inline code that starts with a call of the CLI; `npm run <script>` counts when
 * package.json's script runs the CLI. The checker is tested on snippets of its own first.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Command } from "commander";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { buildProgram } from "../../learner/cli/program.ts";

type Scripts = Record<string, string>;

interface CodeLine {
  /** 1-based line of the markdown where the command starts. */
  line: number;
  text: string;
}

/** Fences whose lines are shell commands; the untyped ones may hold some too. */
const SHELL_FENCES = new Set(["", "sh", "bash", "shell", "console", "zsh"]);
const CONTROL_OPERATORS = new Set(["&&", "||", "|", ";", "&"]);
const WRAPPERS = new Set(["nohup", "time", "exec", "sudo"]);

/** The command lines of the shell code blocks, and every inline code span. */
export function codeLines(markdown: string): CodeLine[] {
  const lines = markdown.split("\n");
  const found: CodeLine[] = [];
  let fence: string | undefined;
  let pending: CodeLine | undefined;
  lines.forEach((text, index) => {
    const opening = /^\s*```(\S*)/.exec(text);
    if (opening) {
      fence = fence === undefined ? opening[1]! : undefined;
      return;
    }
    if (fence === undefined) {
      for (const span of text.matchAll(/`([^`]+)`/g)) found.push({ line: index + 1, text: span[1]! });
      return;
    }
    if (!SHELL_FENCES.has(fence)) return;
    const current = pending
      ? { line: pending.line, text: `${pending.text} ${text.trim()}` }
      : { line: index + 1, text: text.replace(/^\s*\$ /, "") };
    if (/\\\s*$/.test(current.text)) pending = { ...current, text: current.text.replace(/\\\s*$/, "") };
    else {
      pending = undefined;
      found.push(current);
    }
  });
  return found;
}

/** Shell words, quotes removed; a `#` that starts a word starts a comment. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? "") + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= "";
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) {
      break;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The simple commands of a line: split at control operators, up to any redirection. */
function simpleCommands(words: string[]): string[][] {
  const commands: string[][] = [[]];
  for (const word of words) {
    if (CONTROL_OPERATORS.has(word)) commands.push([]);
    else commands[commands.length - 1]!.push(word);
  }
  return commands.map((command) => {
    const redirect = command.findIndex((w) => /^\d*[<>]/.test(w));
    return redirect < 0 ? command : command.slice(0, redirect);
  });
}

/** The arguments after `rlvr` when `words` call the CLI, else undefined. */
function rlvrArguments(words: string[], scripts: Scripts): string[] | undefined {
  let at = 0;
  while (at < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at]!) || WRAPPERS.has(words[at]!))) at++;
  const [first, second] = words.slice(at);
  if (first === "rlvr") return words.slice(at + 1);
  if (first === "npx" && second === "rlvr") return words.slice(at + 2);
  if (first === "node" && second?.endsWith("learner/cli/rlvr.js")) return words.slice(at + 2);
  if (first !== "npm" || second !== "run") return undefined;
  // npm's own flags (--silent) come before the script's name.
  let name = at + 2;
  while (words[name]?.startsWith("-")) name++;
  const script = words[name];
  if (!script || !(script in scripts)) return undefined;
  const fromScript = rlvrArguments(simpleCommands(shellWords(scripts[script]!)).at(-1)!, scripts);
  if (!fromScript) return undefined;
  const rest = words.indexOf("--", name + 1);
  return [...fromScript, ...(rest < 0 ? [] : words.slice(rest + 1))];
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}

function hasFlag(command: Command, flag: string): boolean {
  if (flag === "--help" || flag === "-h") return true;
  return command.options.some((o) => o.long === flag || o.short === flag);
}

/**
 * What is wrong with `rlvr <args>`: subcommands that do not exist, flags their command does not define.
 * A word like `grade/eval/train` or `grade|eval|train` (prose listing several) checks each of them.
 */
export function problemsOf(program: Command, args: string[]): string[] {
  const problems: string[] = [];
  let commands = [program];
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    // `--` ends the options; an ellipsis stands for "the rest", whatever it is.
    if (arg === "--" || arg === "…" || arg === "...") break;
    if (arg.startsWith("-") && arg !== "-") {
      const flag = arg.split("=")[0]!;
      for (const command of commands) {
        if (!hasFlag(command, flag)) problems.push(`\`${commandPath(command)}\` has no option ${flag}`);
      }
      const option = commands[0]!.options.find((o) => o.long === flag || o.short === flag);
      const next = args[i + 1];
      const takesNext = option?.required || (option?.optional && next !== undefined && !next.startsWith("-"));
      if (takesNext && !arg.includes("=")) i++;
      continue;
    }
    const withSubcommands = commands.filter((c) => c.commands.length > 0);
    if (positionals === 0 && withSubcommands.length === commands.length) {
      const names = arg.split(/[/|]/);
      const found = names.map((name) =>
        commands[0]!.commands.find((c) => c.name() === name || c.aliases().includes(name)),
      );
      found.forEach((sub, k) => {
        if (!sub) problems.push(`\`${commandPath(commands[0]!)}\` has no command ${names[k]}`);
      });
      commands = found.filter((c): c is Command => c !== undefined);
      if (commands.length === 0) return problems;
      continue;
    }
    positionals++;
  }
  return problems;
}

/** Every call of the CLI in `markdown`, with what is wrong with it. */
export function checkMarkdown(
  markdown: string,
  program: Command,
  scripts: Scripts,
): { calls: number; problems: string[] } {
  let calls = 0;
  const problems: string[] = [];
  for (const { line, text } of codeLines(markdown)) {
    for (const words of simpleCommands(shellWords(text))) {
      const args = rlvrArguments(words, scripts);
      if (!args) continue;
      calls++;
      const shown = text.trim().replace(/\s+/g, " ");
      for (const problem of problemsOf(program, args)) problems.push(`line ${line}: ${shown}: ${problem}`);
    }
  }
  return { calls, problems };
}

const program = buildProgram();
const SCRIPTS: Scripts = { rlvr: "node learner/cli/rlvr.js", repro: "node learner/cli/rlvr.js repro" };

describe("the README flags checker", () => {
  const check = (markdown: string) => checkMarkdown(markdown, program, SCRIPTS);

  it("finds a flag the command does not define (the old --grader-token)", () => {
    const { calls, problems } = check(
      "```sh\nnpm run rlvr -- grade x.jsonl --via http --grader-token t  # a bad one\n```\n",
    );
    assert.equal(calls, 1);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /line 2: .*`rlvr grade` has no option --grader-token/);
  });

  it("finds an unknown subcommand, and a flag defined on another command only", () => {
    const { problems } = check(
      "```bash\nrlvr stack down\nnpx rlvr grade x.jsonl --resume\nnode learner/cli/rlvr.js train --resume\n```\n",
    );
    assert.deepEqual(problems, [
      "line 2: rlvr stack down: `rlvr stack` has no command down",
      "line 3: npx rlvr grade x.jsonl --resume: `rlvr grade` has no option --resume",
    ]);
  });

  it("joins backslash-continued lines, and stops at comments, pipes and redirections", () => {
    const { calls, problems } = check(
      [
        "```sh",
        "NATS_URL=nats://127.0.0.1:4222 npm run rlvr -- train --steps 2 \\",
        "  --bogus-flag 1",
        "rlvr grade x.jsonl --quiet | head -1 --lines > out.txt 2>&1   # --not-a-flag",
        "```",
      ].join("\n"),
    );
    assert.equal(calls, 2);
    assert.deepEqual(problems, [
      "line 2: NATS_URL=nats://127.0.0.1:4222 npm run rlvr -- train --steps 2 --bogus-flag 1: `rlvr train` has no option --bogus-flag",
    ]);
  });

  it("follows npm scripts that run the CLI, and checks inline code that calls it", () => {
    const { calls, problems } = check(
      "Run `npm run --silent repro -- --quik`, or `rlvr grade/eval/train --via nats` and `rlvr grade|demo --via nats`.",
    );
    assert.equal(calls, 3);
    assert.deepEqual(problems, [
      "line 1: npm run --silent repro -- --quik: `rlvr repro` has no option --quik",
      "line 1: rlvr grade|demo --via nats: `rlvr demo` has no option --via",
    ]);
  });

  it("takes a flag's value as a value, not as a subcommand or a flag, and … as the rest", () => {
    const { problems } = check(
      "```sh\nrlvr grade --via http -o --weird.jsonl x.jsonl --tolerance=0.1\nrlvr …\n```",
    );
    assert.deepEqual(problems, []);
  });
});

describe("README.md", () => {
  it("uses only subcommands and flags the CLI defines", () => {
    const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), "utf8");
    const scripts = (JSON.parse(read("package.json")) as { scripts: Scripts }).scripts;
    const { calls, problems } = checkMarkdown(read("README.md"), program, scripts);
    assert.ok(calls >= 30, `only ${calls} calls of rlvr found: is the README parsed?`);
    assert.deepEqual(problems, []);
  });
});
