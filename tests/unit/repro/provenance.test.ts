import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { code } from "../../../learner/repro/provenance.ts";

describe("provenance: the code a study ran", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });

  before(async () => {
    repo = await mkdtemp(join(tmpdir(), "rlvr-provenance-"));
    await mkdir(join(repo, "docs/study"), { recursive: true });
    await writeFile(join(repo, "train.ts"), "export const lr = 1e-4;\n");
    await writeFile(join(repo, "docs/study/record.json"), "{}\n");
    git("init", "-q");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start");
  });
  after(() => rm(repo, { recursive: true, force: true }));

  it("is clean at the commit, and stays clean when only the study's outputs change", async () => {
    assert.equal((await code([], repo)).dirty, false);
    await writeFile(join(repo, "docs/study/record.json"), '{"run": 1}\n');
    assert.equal((await code(["docs/study"], repo)).dirty, false);
    assert.equal((await code([], repo)).dirty, true, "without the exclusion the change counts");
  });

  it("ignores an output folder outside the repository", async () => {
    const outside = await mkdtemp(join(tmpdir(), "rlvr-outside-"));
    try {
      const state = await code([outside], repo);
      assert.match(state.commit, /^[0-9a-f]{40}$/);
      assert.equal(state.dirty, true, "the change to docs/study still counts when it is not excluded");
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("is dirty when code changes", async () => {
    await writeFile(join(repo, "train.ts"), "export const lr = 3e-4;\n");
    const state = await code(["docs/study"], repo);
    assert.equal(state.dirty, true);
    assert.match(state.commit, /^[0-9a-f]{40}$/);
  });
});
