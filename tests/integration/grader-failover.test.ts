import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeFailover, runFailoverScenario } from "../support/failover.ts";
import { natsServerMissing } from "../support/processes.ts";

describe("a grader replica killed under load", { skip: natsServerMissing }, () => {
  it("loses no request and gives no wrong verdict; the other replica answers the rest", async (t) => {
    const report = await runFailoverScenario({ answeredBeforeKill: 200, sentAfterKill: 400 });
    for (const line of describeFailover([report])) t.diagnostic(line);

    assert.equal(report.killedWith, "SIGKILL");
    assert.deepEqual(
      report.lost.map((r) => r.error),
      [],
      "every request was answered",
    );
    assert.equal(report.wrong, 0, "verdicts that disagree with the known label");
    assert.equal(report.mismatched, 0, "verdicts that differ from the in-process checker's");
    assert.ok(report.inFlightAtKill.length > 0, "requests were in flight when the replica died");
    assert.ok(report.answeredAfterKill >= 400, `answered after the kill: ${report.answeredAfterKill}`);
  });
});
