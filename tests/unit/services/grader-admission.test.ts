import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Admission, type AdmissionLimits } from "../../../services/grader/admission.ts";

const LIMITS: AdmissionLimits = { maxQueuedItems: 100, maxRequestsPerClient: 2, maxBodyBytesInFlight: 1_000 };

function admissionWithQueue(limits = LIMITS) {
  const queue = { items: 0 };
  return { admission: new Admission(limits, () => queue.items), queue };
}

describe("grader admission", () => {
  it("refuses a client's request beyond its limit in flight with 429 and a retry hint, others still pass", () => {
    const { admission } = admissionWithQueue();
    const first = admission.enter("a", 10);
    const second = admission.enter("a", 10);
    assert.ok(first.ok && second.ok);
    const third = admission.enter("a", 10);
    assert.equal(third.ok, false);
    if (!third.ok) {
      assert.equal(third.rejection.status, 429);
      assert.ok((third.rejection.retryAfterMs ?? 0) > 0);
      assert.match(third.rejection.error, /too many requests in flight from this client/);
    }
    assert.ok(admission.enter("b", 10).ok);
    first.release();
    assert.ok(admission.enter("a", 10).ok);
  });

  it("does not limit requests of unknown clients one by one", () => {
    const { admission } = admissionWithQueue();
    for (let i = 0; i < 10; i++) assert.ok(admission.enter(undefined, 1).ok);
    assert.equal(admission.stats().requestsInFlight, 10);
  });

  it("bounds the body bytes held at once with 503, but admits any body when none is held", () => {
    const { admission } = admissionWithQueue();
    const big = admission.enter("a", 5_000);
    assert.ok(big.ok, "nothing held: admitted however large");
    const refused = admission.enter("b", 1);
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.equal(refused.rejection.status, 503);
      assert.ok((refused.rejection.retryAfterMs ?? 0) > 0);
    }
    big.release();
    big.release();
    assert.equal(admission.stats().bodyBytesInFlight, 0, "release is idempotent");
    const a = admission.enter("a", 600);
    assert.ok(a.ok);
    assert.equal(admission.enter("b", 500).ok, false);
    assert.ok(admission.enter("b", 400).ok);
  });

  it("refuses checks that would make the pool's queue too long with 503, unless the queue is empty", () => {
    const { admission, queue } = admissionWithQueue();
    assert.equal(admission.queueRefusal(1_000), null, "an empty queue takes any request");
    queue.items = 60;
    assert.equal(admission.queueRefusal(40), null);
    const busy = admission.queueRefusal(41);
    assert.equal(busy?.status, 503);
    assert.match(busy?.error ?? "", /60 checks are waiting \(at most 100\)/);
    assert.ok((busy?.retryAfterMs ?? 0) > 0);
    assert.deepEqual(admission.stats().refused, { queue: 1, client: 0, "body-bytes": 0 });
  });
});
