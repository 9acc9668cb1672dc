/**
 * A production install (`npm ci --omit=dev`) runs the CLI and the services: everything they import at
 * run time, tsx and Deno included, is a dependency, not a devDependency. The project's files are copied
 * to a scratch directory and installed from npm's cache (`--offline`: nothing downloads), as a clean
 * clone would be.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { natsServerMissing } from "../support/processes.ts";
import { copyProject } from "../support/project-copy.ts";

const run = promisify(execFile);

describe("a production install (npm ci --omit=dev)", { skip: natsServerMissing }, () => {
  let dir = "";
  let installError: string | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rlvr-prod-install-"));
    await copyProject(dir);
    await run("npm", ["ci", "--omit=dev", "--offline", "--no-audit", "--no-fund"], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      installError = error.stderr || error.message;
    });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("installs from the lockfile without the devDependencies", () => {
    assert.equal(installError, undefined, `npm ci --omit=dev failed:\n${installError}`);
    assert.ok(!existsSync(join(dir, "node_modules", "typescript")), "typescript is a devDependency");
    assert.ok(!existsSync(join(dir, "node_modules", "@biomejs")), "biome is a devDependency");
  });

  test("the CLI grades a file", async () => {
    const input = join(dir, "one.jsonl");
    writeFileSync(input, `${JSON.stringify({ response: "so \\boxed{4}", gold: "4" })}\n`);
    const { stdout } = await run(process.execPath, [join(dir, "learner/cli/rlvr.js"), "grade", input], {
      cwd: dir,
    });
    assert.match(stdout, /"correct":true/);
  });

  test("the stack (nats-server, the Deno services) starts and grades the shipped benchmarks' golds", async () => {
    const { RLVR_DATA_DIR: _, ...env } = process.env;
    const { stdout } = await run(process.execPath, [join(dir, "learner/cli/rlvr.js"), "stack", "check"], {
      cwd: dir,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    assert.match(stdout, /all\s+\d+\s+100\.0%\s+100\.0%/);
  });
});
