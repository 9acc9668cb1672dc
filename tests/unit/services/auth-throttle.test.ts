import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuthThrottle, type AuthThrottleLimits } from "../../../services/common/http/auth-throttle.ts";

const LIMITS: AuthThrottleLimits = {
  maxFailures: 3,
  windowMs: 1_000,
  lockoutMs: 10_000,
  maxLockoutMs: 35_000,
  maxTracked: 100,
};

function throttleWithClock(limits = LIMITS) {
  const clock = { now: 0 };
  return { throttle: new AuthThrottle(limits, () => clock.now), clock };
}

describe("the wrong-token throttle", () => {
  it("locks an address out after maxFailures wrong tokens within the window, and only that address", () => {
    const { throttle } = throttleWithClock();
    assert.equal(throttle.failed("10.0.0.1"), 0);
    assert.equal(throttle.failed("10.0.0.1"), 0);
    assert.equal(throttle.lockedForMs("10.0.0.1"), 0);
    assert.equal(throttle.failed("10.0.0.1"), 10_000);
    assert.equal(throttle.lockedForMs("10.0.0.1"), 10_000);
    assert.equal(throttle.lockedForMs("10.0.0.2"), 0);
  });

  it("does not lock out failures spread wider than the window", () => {
    const { throttle, clock } = throttleWithClock();
    for (let i = 0; i < 10; i++) {
      throttle.failed("10.0.0.1");
      throttle.failed("10.0.0.1");
      clock.now += 1_000;
    }
    assert.equal(throttle.lockedForMs("10.0.0.1"), 0);
  });

  it("locks out for twice as long each time again, up to the cap, and the lockout ends", () => {
    const { throttle, clock } = throttleWithClock();
    const lockouts: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < LIMITS.maxFailures; i++) throttle.failed("10.0.0.1");
      const locked = throttle.lockedForMs("10.0.0.1");
      lockouts.push(locked);
      clock.now += locked - 1;
      assert.ok(throttle.lockedForMs("10.0.0.1") > 0);
      clock.now += 1;
      assert.equal(throttle.lockedForMs("10.0.0.1"), 0);
    }
    assert.deepEqual(lockouts, [10_000, 20_000, 35_000, 35_000]);
  });

  it("forgets an address's failures once it sends the right token", () => {
    const { throttle } = throttleWithClock();
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.succeeded("10.0.0.1");
    assert.equal(throttle.failed("10.0.0.1"), 0);
    assert.equal(throttle.failed("10.0.0.1"), 0);
  });

  it("remembers at most maxTracked addresses, forgetting the least recently heard from", () => {
    const { throttle } = throttleWithClock({ ...LIMITS, maxTracked: 50 });
    for (let i = 0; i < LIMITS.maxFailures; i++) throttle.failed("attacker");
    for (let i = 0; i < 10_000; i++) {
      throttle.failed(`spoofed-${i}`);
      assert.ok(throttle.tracked <= 50);
    }
    assert.equal(throttle.lockedForMs("attacker"), 0, "the oldest address is the one forgotten");
    assert.equal(throttle.tracked, 50);
  });

  it("forgets addresses silent for longer than the longest lockout", () => {
    const { throttle, clock } = throttleWithClock();
    throttle.failed("10.0.0.1");
    clock.now += LIMITS.maxLockoutMs + 1;
    throttle.failed("10.0.0.2");
    assert.equal(throttle.tracked, 1);
  });
});
