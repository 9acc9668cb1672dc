import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { spawnManaged } from "../../../infra/stack/managed-process.ts";

const printEnv = (names: string[]) =>
  `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null]))))`;

describe("spawnManaged", () => {
  it("passes overrides and keeps inherited variables whose override is undefined", async () => {
    process.env.RLVR_TEST_INHERITED = "from-parent";
    try {
      const proc = spawnManaged({
        name: "env-probe",
        command: process.execPath,
        args: ["-e", printEnv(["RLVR_TEST_INHERITED", "RLVR_TEST_SET"])],
        env: { RLVR_TEST_INHERITED: undefined, RLVR_TEST_SET: "override" },
        logFile: join(mkdtempSync(join(tmpdir(), "rlvr-spawn-")), "probe.log"),
      });
      assert.equal(await proc.exited, 0);
      // "exit" can come before the last stdout chunk is read.
      for (let i = 0; i < 100 && !proc.output().includes("}"); i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(JSON.parse(proc.output()), {
        RLVR_TEST_INHERITED: "from-parent",
        RLVR_TEST_SET: "override",
      });
    } finally {
      delete process.env.RLVR_TEST_INHERITED;
    }
  });
});
