import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { denoExecutable, PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { DEFAULT_AUTH_THROTTLE } from "../../services/common/http/auth-throttle.ts";
import type { Verdict } from "../../shared/contracts/grading.ts";
import { postJsonFrom } from "../support/http.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";
import { expectedVerdict, sampleRequests, withoutTiming } from "../support/verdicts.ts";

const run = promisify(execFile);

/** Starts a service with `env` and returns how it ended (it is expected to refuse to start). */
async function startRefused(service: "grader" | "evaluator", env: Record<string, string>) {
  const main = join(PROJECT_ROOT, "services", service, "main.ts");
  try {
    await run(denoExecutable(), ["run", "-A", main], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("services off loopback", () => {
  it("the grader refuses to listen on a non-loopback address without GRADER_TOKEN, and says why", async () => {
    const { code, stderr } = await startRefused("grader", {
      GRADER_HOST: "0.0.0.0",
      GRADER_PORT: "0",
      GRADER_TOKEN: "",
    });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /GRADER_HOST=0\.0\.0\.0 is not a loopback address, so GRADER_TOKEN must be set/);
  });

  it("the evaluator refuses to listen on a non-loopback address without EVALUATOR_TOKEN, and says why", async () => {
    const { code, stderr } = await startRefused("evaluator", {
      EVALUATOR_HOST: "0.0.0.0",
      EVALUATOR_PORT: "0",
      EVALUATOR_TOKEN: "",
      NATS_URL: "nats://127.0.0.1:1",
    });
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /EVALUATOR_HOST=0\.0\.0\.0 is not a loopback address, so EVALUATOR_TOKEN must be set/,
    );
  });
});

describe("grader on all interfaces with a token", () => {
  const token = "a-long-random-token-0123456789";
  const right = { Authorization: `Bearer ${token}` };
  const wrong = { Authorization: "Bearer guess" };
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({ token, env: { GRADER_HOST: "0.0.0.0" } });
  });
  after(() => grader?.stop());

  const grade = (from: string, headers: Record<string, string>) =>
    postJsonFrom(`${grader.url}/v1/grade`, sampleRequests[0], { localAddress: from, headers });

  it("serves, and wants the token", async () => {
    assert.equal((await grade("127.0.0.1", {})).status, 401);
    const reply = await grade("127.0.0.1", right);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(withoutTiming(reply.body as Verdict), expectedVerdict(sampleRequests[0]!));
  });

  it("locks out an address after repeated wrong tokens: 429 + Retry-After whatever it sends, /healthz still open", async () => {
    const attacker = "127.0.0.5";
    for (let i = 0; i < DEFAULT_AUTH_THROTTLE.maxFailures; i++) {
      assert.equal((await grade(attacker, wrong)).status, 401, `guess ${i + 1}`);
    }
    for (const headers of [wrong, right, {}]) {
      const reply = await grade(attacker, headers);
      assert.equal(reply.status, 429, JSON.stringify(reply.body));
      const retryAfter = Number(reply.headers.get("retry-after"));
      assert.ok(retryAfter > 0 && retryAfter <= DEFAULT_AUTH_THROTTLE.lockoutMs / 1000, String(retryAfter));
      assert.match((reply.body as { error: string }).error, /too many wrong bearer tokens/);
    }
    const health = await fetch(`${grader.url}/healthz`);
    assert.equal(health.status, 200);
    // Another address is not held back by the attacker's lockout.
    assert.equal((await grade("127.0.0.6", right)).status, 200);
  });

  it("lets a guesser check only a handful of 9,000 guesses", async (t) => {
    const guesser = "127.0.0.7";
    const statuses = new Map<number, number>();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < 9_000) {
          next++;
          const { status } = await grade(guesser, { Authorization: `Bearer guess-${next}` });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Requests already past the lockout check when it began still get their token checked.
    const checked = statuses.get(401) ?? 0;
    assert.ok(
      checked >= DEFAULT_AUTH_THROTTLE.maxFailures && checked < DEFAULT_AUTH_THROTTLE.maxFailures + 16,
    );
    assert.equal(checked + (statuses.get(429) ?? 0), 9_000);
    t.diagnostic(
      `9,000 wrong tokens in ${seconds.toFixed(1)} s: ${checked} checked (401), ${statuses.get(429)} refused unchecked (429)`,
    );
  });
});
