import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import type { GradeRequest, Verdict } from "../../shared/contracts/grading.ts";
import { postJson } from "../support/http.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";
import { expectedVerdict, sampleRequests, withoutTiming } from "../support/verdicts.ts";

const nestedBraces = `\\boxed{${"{".repeat(10_000)}1${"}".repeat(10_000)}}`;

const pathological: Record<string, GradeRequest> = {
  "a huge power": { response: "The answer is \\boxed{(x+1)^{100000}}", gold: "(x+1)^{100000} + 1" },
  "a tower of exponents": { response: "\\boxed{10^{10^{10}}}", gold: "10^{10^{10}} + 1" },
  "a plain-text huge power": { response: "(x+1)^100000", gold: "x^100000" },
  "10,000 nested braces": { response: nestedBraces, gold: "1" },
  "a 1 MB response": { response: `${"Let me think. 1 + 1 = 2. ".repeat(40_000)} \\boxed{2}`, gold: "2" },
  "a 1 MB answer": { response: `\\boxed{${"9".repeat(1_000_000)}}`, gold: `${"9".repeat(9_999)}` },
};

function assertAnswered(reply: { status: number; body: unknown }, what: string): void {
  if (reply.status === 200) {
    const verdict = reply.body as Verdict;
    assert.ok(["ok", "timeout", "error"].includes(verdict.status), `${what}: ${JSON.stringify(verdict)}`);
  } else {
    assert.ok(reply.status >= 400 && reply.status < 500, `${what}: HTTP ${reply.status}`);
  }
}

describe("grader under pathological input", () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({ workers: 2 });
  });
  after(() => grader.stop());

  it("answers each pathological request while another client's normal requests keep being graded right", async () => {
    let attacking = true;
    const normalClient = (async () => {
      let answered = 0;
      for (let i = 0; attacking || answered < 20; i++) {
        const request = sampleRequests[i % sampleRequests.length];
        const reply = await postJson(`${grader.url}/v1/grade`, request);
        assert.equal(reply.status, 200);
        assert.deepEqual(withoutTiming(reply.body as Verdict), expectedVerdict(request));
        answered++;
      }
      return answered;
    })();
    try {
      for (const [what, request] of Object.entries(pathological)) {
        assertAnswered(await postJson(`${grader.url}/v1/grade`, request), what);
        // The same again with a tight budget: a check that cannot finish in 10 ms must be stopped.
        assertAnswered(
          await postJson(`${grader.url}/v1/grade`, { ...request, options: { timeoutMs: 10 } }),
          `${what} in 10 ms`,
        );
      }
      const batch = await postJson(`${grader.url}/v1/grade/batch`, {
        items: [...Object.values(pathological), ...sampleRequests],
      });
      assert.equal(batch.status, 200);
      const { verdicts } = batch.body as { verdicts: Verdict[] };
      const normal = verdicts.slice(Object.keys(pathological).length);
      assert.deepEqual(normal.map(withoutTiming), sampleRequests.map(expectedVerdict));
    } finally {
      attacking = false;
    }
    assert.ok((await normalClient) >= 20);
    assert.equal((await fetch(`${grader.url}/healthz`)).status, 200);
  });
});
