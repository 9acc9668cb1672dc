/**
 * The real `rlvr` program, parsed in-process: every command line that cannot run is a UsageError whose
 * message names what is wrong (the CLI prints it as one `rlvr: …` line and exits 2; see
 * tests/integration/cli-conventions.test.ts for the process itself).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CommanderError } from "commander";
import { z } from "zod";
import { exitStatusOf, failureMessage } from "../../../learner/cli/exit.ts";
import { UsageError } from "../../../learner/cli/options/usage.ts";
import { buildProgram } from "../../../learner/cli/program.ts";
import { objectiveNames } from "../../../learner/objectives/index.ts";

async function usageError(...args: string[]): Promise<string> {
  try {
    await buildProgram().parseAsync(args, { from: "user" });
  } catch (error) {
    assert.ok(error instanceof UsageError, `rlvr ${args.join(" ")}: ${String(error)}`);
    return error.message;
  }
  return assert.fail(`rlvr ${args.join(" ")} was accepted`);
}

describe("usage errors of the rlvr program", () => {
  it("name an unknown option, command or a missing argument, and where the help is", async () => {
    assert.equal(
      await usageError("grade", "x.jsonl", "--bogus"),
      "unknown option '--bogus' (see `rlvr grade --help`)",
    );
    assert.match(
      await usageError("train", "--step", "2"),
      /^unknown option '--step' \(Did you mean --steps\?\) \(see/,
    );
    assert.equal(await usageError("stack", "down"), "unknown command 'down' (see `rlvr stack --help`)");
    assert.equal(await usageError("grade"), "missing required argument 'input' (see `rlvr grade --help`)");
    assert.match(
      await usageError("logprobs", "x.jsonl"),
      /^required option '--checkpoint <dir>' not specified/,
    );
    assert.match(await usageError("repro", "--quick", "--config", "x.json"), /'--quick' cannot be used with/);
  });

  it("name the flag, the value and what it expects, on every command with such flags", async () => {
    const cases: [string[], string][] = [
      [["train", "--lr", "abc"], `--lr: expected a positive number, got "abc"`],
      [["train", "--seed", "-1"], `--seed: expected 0 or a positive integer, got "-1"`],
      [
        ["train", "--levels", "1,x"],
        `--levels: expected comma-separated positive integers, e.g. 1,2, got "1,x"`,
      ],
      [["train", "--loss", "ppo"], `--loss: expected one of ${objectiveNames.join(", ")}, got "ppo"`],
      [["sft", "--wrong-answer-share", "2"], `--wrong-answer-share: expected a number from 0 to 1, got "2"`],
      [["sft", "--via", "pigeon"], `--via: expected one of local, http, nats, got "pigeon"`],
      [["grade", "x", "--tolerance", "abc"], `--tolerance: expected 0 or a positive number, got "abc"`],
      [["grade", "x", "--batch-size", "1.5"], `--batch-size: expected a positive integer, got "1.5"`],
      [["stack", "up", "--nats-port", "70000"], `--nats-port: expected a port from 1 to 65535, got "70000"`],
      [["stack", "check", "--per-problem", "x"], `--per-problem: expected a positive integer, got "x"`],
      [
        ["logprobs", "x", "--checkpoint", "c", "--batch-size", "0"],
        `--batch-size: expected a positive integer, got "0"`,
      ],
      [["repro", "--backend", "gpu"], `--backend: expected one of auto, tensorflow, wasm, cpu, got "gpu"`],
      [["demo", "--eval-problems", "many"], `--eval-problems: expected a positive integer, got "many"`],
      [["eval", "x", "--percent", "often"], `--percent: expected one of both, number, fraction, got "often"`],
    ];
    for (const [args, message] of cases) assert.equal(await usageError(...args), message, args.join(" "));
  });

  it("name the flag when the grading contract refuses its value", async () => {
    assert.equal(
      await usageError("grade", "x.jsonl", "--tolerance", "0.7"),
      "--tolerance: Too big: expected number to be <=0.5, got 0.7",
    );
  });
});

describe("how a failure ends", () => {
  it("usage errors exit 2, failed runs 1, --help and --version 0", () => {
    assert.equal(exitStatusOf(new UsageError("--lr: …")), 2);
    assert.equal(exitStatusOf(new Error("the grader is down")), 1);
    assert.equal(exitStatusOf("a string thrown"), 1);
    assert.equal(exitStatusOf(new CommanderError(0, "commander.version", "0.1.0")), 0);
  });

  it("is one line naming a missing file, and zod's issues by path, never their JSON", () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y.jsonl'"), {
      code: "ENOENT",
      syscall: "open",
      path: "/x/y.jsonl",
    });
    assert.equal(failureMessage(missing), "rlvr: /x/y.jsonl: no such file or directory");
    const zodError = z.object({ k: z.number() }).safeParse({ k: "1" }).error!;
    assert.equal(
      failureMessage(zodError),
      "rlvr: invalid data: k: Invalid input: expected number, received string",
    );
  });
});
