/**
 * The README's two commands in order, as a newcomer runs them on a fresh clone with no `../shared`
 * beside it: the demo (its smoke-test size), then `rlvr eval` on the six shipped benchmarks, then the
 * test command's lint. What the commands write must be ignored by git, and so by the linter, whatever
 * the user ran before (the demo's JSON once failed `npm test`'s lint).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import { EvaluationResultSchema } from "../../shared/contracts/evaluation.ts";
import { BENCHMARKS, readAllBenchmarks } from "../../shared/datasets/benchmarks.ts";
import { natsServerMissing } from "../support/processes.ts";
import { copyProject } from "../support/project-copy.ts";

const run = promisify(execFile);

/** The environment of a newcomer: none of this project's overrides or a running stack. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const { RLVR_DATA_DIR: _data, NATS_URL: _nats, RLVR_TOKEN: _token, ...env } = process.env;
  return env;
}

describe("a newcomer's first run on a fresh clone", { skip: natsServerMissing }, () => {
  let root = "";
  let clone = "";
  const inClone = (command: string, args: string[]) =>
    run(command, args, { cwd: clone, env: newcomerEnv(), maxBuffer: 64 * 1024 * 1024 });
  const git = (...args: string[]) =>
    inClone("git", ["-c", "user.name=newcomer", "-c", "user.email=newcomer@example.invalid", ...args]);

  before(async () => {
    // The clone sits alone in a scratch folder: no `../shared` beside it.
    root = mkdtempSync(join(tmpdir(), "rlvr-newcomer-"));
    clone = join(root, "real-rlvr");
    mkdirSync(clone);
    await copyProject(clone);
    // Stands in for `npm ci` (minutes, and identical to this checkout's install).
    symlinkSync(join(PROJECT_ROOT, "node_modules"), join(clone, "node_modules"), "dir");
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-q", "-m", "clone");
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test("the first command (the demo) runs and leaves nothing git would pick up", async () => {
    await inClone(process.execPath, ["learner/cli/rlvr.js", "demo", "--quick"]);
    const runs = readdirSync(join(clone, "runs", "demo"));
    assert.equal(runs.length, 1, "the demo writes one run folder under runs/demo");
    const { stdout } = await git("status", "--porcelain", "--untracked-files=all");
    assert.equal(stdout, "", `files the demo wrote are not ignored:\n${stdout}`);
  });

  test("rlvr eval scores the six shipped benchmarks without ../shared", async () => {
    const problems = await readAllBenchmarks(join(clone, "shared", "data", "benchmarks"));
    const samplesFile = join(root, "golds.jsonl");
    writeFileSync(
      samplesFile,
      problems
        .map((p) => {
          const gold = Array.isArray(p.gold) ? p.gold[0] : String(p.gold);
          return JSON.stringify({ benchmark: p.benchmark, index: p.index, response: `\\boxed{${gold}}` });
        })
        .join("\n"),
    );
    await inClone(process.execPath, ["learner/cli/rlvr.js", "eval", samplesFile, "--k", "1"]);
    const [evalRun] = readdirSync(join(clone, "runs", "eval"));
    const result = EvaluationResultSchema.parse(
      JSON.parse(readFileSync(join(clone, "runs", "eval", evalRun, "result.json"), "utf8")),
    );
    assert.deepEqual(result.benchmarks.map((b) => b.benchmark).sort(), [...BENCHMARKS].sort());
    for (const score of result.benchmarks) {
      assert.equal(score.pass1, 1, `${score.benchmark}: its own golds score ${score.pass1}`);
      assert.equal(score.problems, problems.filter((p) => p.benchmark === score.benchmark).length);
    }
    const { stdout } = await git("status", "--porcelain", "--untracked-files=all");
    assert.equal(stdout, "", `files rlvr eval wrote are not ignored:\n${stdout}`);
  });

  test("the second command's lint passes after both", async () => {
    await inClone("npm", ["run", "--silent", "lint"]).catch((error: { stdout?: string; stderr?: string }) => {
      assert.fail(`lint failed after the first command:\n${error.stdout}\n${error.stderr}`);
    });
  });
});
