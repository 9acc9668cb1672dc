import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { natsClientTenant } from "../../services/grader/nats/tenant.ts";

describe("the NATS client a request comes from", () => {
  it("is the reply subject's inbox: all but its last token", () => {
    const first = natsClientTenant("_INBOX.Xo9VbLuMJWbvnEVf0EUk5G.1");
    assert.equal(first, "nats:_INBOX.Xo9VbLuMJWbvnEVf0EUk5G");
    assert.equal(natsClientTenant("_INBOX.Xo9VbLuMJWbvnEVf0EUk5G.284"), first);
    assert.notEqual(natsClientTenant("_INBOX.4rHbqXk0zAUN3VcChyfJ2p.1"), first);
  });

  it("keeps a custom inbox prefix", () => {
    assert.equal(
      natsClientTenant("learner.inbox.Xo9VbLuMJWbvnEVf0EUk5G.7"),
      "nats:learner.inbox.Xo9VbLuMJWbvnEVf0EUk5G",
    );
  });

  it("is unknown for a reply subject of its own (a request sent without the shared inbox)", () => {
    assert.equal(natsClientTenant("_INBOX.Xo9VbLuMJWbvnEVf0EUk5G"), undefined);
    assert.equal(natsClientTenant("reply"), undefined);
  });
});
