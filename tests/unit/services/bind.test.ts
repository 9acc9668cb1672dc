import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLoopbackHost, requireTokenOffLoopback } from "../../../services/common/config/bind.ts";

const NAMES = { host: "GRADER_HOST", token: "GRADER_TOKEN" };

describe("where a service may listen without a token", () => {
  it("is loopback in any spelling", () => {
    for (const host of [
      "127.0.0.1",
      "127.3.2.1",
      "127.1",
      "localhost",
      "LOCALHOST",
      "::1",
      "[::1]",
      "0:0:0:0:0:0:0:1",
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it("is nothing else", () => {
    for (const host of [
      "0.0.0.0",
      "::",
      "10.0.0.5",
      "192.168.1.2",
      "128.0.0.1",
      "127.0.0.1.example.com",
      "example.com",
      "::ffff:10.0.0.1",
      "not a host",
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  it("refuses a non-loopback address without a token, naming both variables and what to do", () => {
    assert.throws(
      () => requireTokenOffLoopback("0.0.0.0", null, NAMES),
      /GRADER_HOST=0\.0\.0\.0 is not a loopback address, so GRADER_TOKEN must be set.*listen on 127\.0\.0\.1/,
    );
    assert.doesNotThrow(() => requireTokenOffLoopback("0.0.0.0", "s3cret", NAMES));
    assert.doesNotThrow(() => requireTokenOffLoopback("127.0.0.1", null, NAMES));
  });
});
