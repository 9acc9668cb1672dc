import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  ensureStackCredentials,
  ROLE_PERMISSIONS,
  renderAuthorization,
} from "../../../infra/stack/nats-auth.ts";
import { findNatsLogin, type LoginSources, NATS_ROLES } from "../../../shared/nats/credentials.ts";

const scratch = mkdtempSync(join(tmpdir(), "rlvr-nats-auth-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const newStateDir = () => join(scratch, `state-${++dirs}`);

describe("ensureStackCredentials", () => {
  it("generates a user per role on first start, owner-only, and reuses them afterwards", () => {
    const stateDir = newStateDir();
    const first = ensureStackCredentials(stateDir);
    assert.equal(first.created, true);
    assert.equal(first.file, join(stateDir, "credentials.json"));
    assert.equal(statSync(stateDir).mode & 0o777, 0o700);
    assert.equal(statSync(first.file).mode & 0o777, 0o600);
    const passwords = NATS_ROLES.map((role) => first.credentials.nats[role].password);
    assert.equal(new Set(passwords).size, 3, "each role has its own password");
    for (const password of passwords) assert.ok(password.length >= 32, password);

    const again = ensureStackCredentials(stateDir);
    assert.equal(again.created, false);
    assert.deepEqual(again.credentials, first.credentials);
    assert.notDeepEqual(ensureStackCredentials(newStateDir()).credentials, first.credentials);
  });

  it("makes an existing state directory and credentials file owner-only", () => {
    const stateDir = newStateDir();
    const { file } = ensureStackCredentials(stateDir);
    chmodSync(stateDir, 0o755);
    chmodSync(file, 0o644);
    ensureStackCredentials(stateDir);
    assert.equal(statSync(stateDir).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it("names the file when it is not JSON or not a credentials file", () => {
    const stateDir = newStateDir();
    const { file } = ensureStackCredentials(stateDir);
    writeFileSync(file, "{ not json");
    assert.throws(
      () => ensureStackCredentials(stateDir),
      (error: Error) => {
        assert.ok(error.message.includes(file), error.message);
        assert.match(error.message, /not valid JSON.*delete it/);
        return true;
      },
    );
    writeFileSync(file, JSON.stringify({ nats: { grader: { user: "g", password: "p" } } }));
    assert.throws(
      () => ensureStackCredentials(stateDir),
      (error: Error) => {
        assert.ok(error.message.includes(file), error.message);
        assert.match(error.message, /nats\.evaluator/);
        return true;
      },
    );
  });
});

describe("renderAuthorization", () => {
  const credentials = ensureStackCredentials(newStateDir()).credentials;
  const block = renderAuthorization(credentials);

  it("lists every role's user with its password", () => {
    for (const role of NATS_ROLES) {
      const { user, password } = credentials.nats[role];
      assert.ok(block.includes(`user: "${user}", password: "${password}"`), role);
    }
  });

  it("lets graders alone subscribe to the grading subjects and only reply", () => {
    assert.deepEqual(ROLE_PERMISSIONS.grader.publish, { allow: [], deny: [">"] });
    assert.equal(ROLE_PERMISSIONS.grader.allowResponses, true);
    assert.equal((block.match(/allow_responses: true/g) ?? []).length, 1);
    for (const role of ["evaluator", "client"] as const) {
      const { subscribe, publish } = ROLE_PERMISSIONS[role];
      assert.ok(!subscribe.allow.some((s) => s.startsWith("rlvr.grade")), role);
      assert.ok(subscribe.deny.includes("rlvr.grade") && subscribe.deny.includes("rlvr.grade.batch"), role);
      assert.ok(publish.deny.includes("_INBOX.>"), `${role} may not answer requests`);
    }
  });

  it("keeps clients off the job consumer and the results bucket's writes", () => {
    const { allow } = ROLE_PERMISSIONS.client.publish;
    assert.ok(!allow.some((s) => s.startsWith("$JS.API.CONSUMER") || s.startsWith("$KV.")), allow.join(" "));
  });

  it("writes no empty allow list, which nats-server reads as no restriction", () => {
    assert.doesNotMatch(block, /allow: \[\]/);
  });
});

describe("findNatsLogin", () => {
  const credentials = ensureStackCredentials(newStateDir());
  const other = ensureStackCredentials(newStateDir());
  const sources = (overrides: Partial<LoginSources>, env: Record<string, string> = {}): LoginSources => ({
    url: null,
    role: "client",
    env: (name) => env[name],
    loopback: false,
    ...overrides,
  });

  it("takes the URL's user first, then NATS_USER / NATS_PASSWORD, then a credentials file", () => {
    const env = { NATS_USER: "env-user", NATS_PASSWORD: "env-pass", NATS_CREDENTIALS: other.file };
    const url = { user: "url-user", password: "url-pass" };
    assert.deepEqual(findNatsLogin(sources({ url }, env)), { ...url, source: "the server URL" });
    assert.deepEqual(findNatsLogin(sources({}, env)), {
      user: "env-user",
      password: "env-pass",
      source: "NATS_USER / NATS_PASSWORD",
    });
    assert.equal(findNatsLogin(sources({ given: { user: "svc", password: "p" } }, env))?.user, "svc");
    const { NATS_CREDENTIALS } = env;
    assert.deepEqual(findNatsLogin(sources({}, { NATS_CREDENTIALS })), {
      ...other.credentials.nats.client,
      source: `${other.file} (role client)`,
    });
  });

  it("prefers the caller's credentials file to NATS_CREDENTIALS and picks the role's user", () => {
    const login = findNatsLogin(
      sources({ credentialsFile: credentials.file, role: "evaluator" }, { NATS_CREDENTIALS: other.file }),
    );
    assert.equal(login?.password, credentials.credentials.nats.evaluator.password);
  });

  it("offers the default stack's credentials to no server off this machine", () => {
    assert.equal(findNatsLogin(sources({ loopback: false })), null);
  });

  it("says which file is broken", () => {
    const broken = join(scratch, "broken.json");
    writeFileSync(broken, "[]");
    assert.throws(() => findNatsLogin(sources({ credentialsFile: broken })), new RegExp(broken));
  });
});
