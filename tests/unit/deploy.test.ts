/**
 * The three-host deployment (infra/deploy): the secrets script, the nats-server node configs with the
 * secrets they include (`nats-server -t`), and the systemd units: the right binaries, files that exist,
 * credentials only through owner-only environment files, and no two listeners on one port.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { natsServerExecutable, PROJECT_ROOT } from "../../infra/stack/binaries.ts";

const run = promisify(execFile);
const DEPLOY = join(PROJECT_ROOT, "infra", "deploy");
const HOSTS = ["rlvr-1", "rlvr-2", "rlvr-3"];
/** Grader replicas per host the port check covers. */
const GRADER_REPLICAS = 8;

/** Where the README installs things, and where they come from in the repository. */
const INSTALLED_FROM: [prefix: string, source: string][] = [
  ["/opt/real-rlvr/", `${PROJECT_ROOT}/`],
  ["/etc/rlvr/nats/", `${join(DEPLOY, "nats")}/`],
];

function sourceOf(installedPath: string): string | null {
  for (const [prefix, source] of INSTALLED_FROM) {
    if (installedPath.startsWith(prefix)) return source + installedPath.slice(prefix.length);
  }
  return null;
}

/** The `key=value` lines of a unit file, by key (a key may repeat). */
function unitSettings(name: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of readFileSync(join(DEPLOY, "systemd", name), "utf8").split("\n")) {
    const match = line.match(/^(\w+)=(.*)$/);
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  return settings;
}

const setting = (settings: Map<string, string[]>, key: string) => {
  const values = settings.get(key);
  assert.ok(values && values.length === 1, `exactly one ${key}=`);
  return values[0]!;
};

/** `NAME=value` assignments of `Environment=` lines. */
function environment(settings: Map<string, string[]>): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of settings.get("Environment") ?? []) {
    for (const pair of line.split(/\s+/)) {
      const [name, value] = pair.split("=");
      env.set(name!, value!);
    }
  }
  return env;
}

const UNITS = readdirSync(join(DEPLOY, "systemd"));
const SERVICE_UNITS = ["rlvr-grader@.service", "rlvr-evaluator.service"];

describe("deployment on three hosts (infra/deploy)", () => {
  let scratch: string;
  let secrets: string;
  let madeWith: { stdout: string; stderr: string };
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "rlvr-deploy-"));
    secrets = join(scratch, "secrets");
    madeWith = await run(process.execPath, ["--import", "tsx", join(DEPLOY, "make-secrets.ts"), secrets], {
      cwd: PROJECT_ROOT,
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("has the units the README installs", () => {
    assert.deepEqual(UNITS.sort(), ["rlvr-evaluator.service", "rlvr-grader@.service", "rlvr-nats@.service"]);
  });

  it("makes every secret once, owner-only, and prints none", async () => {
    const files = ["credentials.json", "client.env"];
    for (const host of HOSTS)
      files.push(`${host}/nats/secrets.conf`, `${host}/grader.env`, `${host}/evaluator.env`);
    for (const file of files) {
      assert.equal(statSync(join(secrets, file)).mode & 0o777, 0o600, `${file} is mode 0600`);
    }
    const passwords = [
      ...readFileSync(join(secrets, "credentials.json"), "utf8").matchAll(/"password": "([^"]+)"/g),
    ];
    assert.equal(passwords.length, 3);
    for (const [, password] of passwords)
      assert.ok(!madeWith.stdout.includes(password!), "no password printed");
    // A second run would replace what the hosts already have: refused.
    await assert.rejects(
      run(process.execPath, ["--import", "tsx", join(DEPLOY, "make-secrets.ts"), secrets], {
        cwd: PROJECT_ROOT,
      }),
      /exists: secrets are made once/,
    );
  });

  it("gives each host's services all three nodes, their own host's first", () => {
    for (const [i, host] of HOSTS.entries()) {
      for (const service of ["grader", "evaluator"]) {
        const env = readFileSync(join(secrets, host, `${service}.env`), "utf8");
        const url = env.match(/^NATS_URL=(.*)$/m)?.[1] ?? "";
        const order = [0, 1, 2].map((k) => `nats://${HOSTS[(i + k) % 3]}:4222`).join(",");
        assert.equal(url, order, `${host}/${service}.env`);
        assert.match(env, new RegExp(`^NATS_USER=${service}$`, "m"));
        assert.match(env, /^NATS_PASSWORD=\S{20,}$/m);
      }
    }
  });

  it("has node configs that nats-server accepts with the secrets beside them, and refuses without", {
    skip: natsServerExecutable() === null ? "nats-server is not installed" : undefined,
  }, async () => {
    const nats = natsServerExecutable()!;
    for (const [i, host] of HOSTS.entries()) {
      const node = `rlvr-${i + 1}.conf`;
      const etc = join(scratch, "etc", host);
      mkdirSync(etc, { recursive: true });
      copyFileSync(join(DEPLOY, "nats", node), join(etc, node));
      await assert.rejects(run(nats, ["-c", join(etc, node), "-t"]), /secrets\.conf/, "the include is read");
      copyFileSync(join(secrets, host, "nats", "secrets.conf"), join(etc, "secrets.conf"));
      const { stderr } = await run(nats, ["-c", join(etc, node), "-t"]);
      assert.match(stderr, /is valid/);
      assert.match(readFileSync(join(etc, node), "utf8"), new RegExp(`server_name: "rlvr-${i + 1}"`));
    }
  });

  it("runs Debian's nats-server with a node config from the repository", () => {
    const nats = unitSettings("rlvr-nats@.service");
    const [binary, flag, config] = setting(nats, "ExecStart").split(/\s+/);
    assert.equal(binary, "/usr/sbin/nats-server");
    assert.equal(flag, "-c");
    for (const node of [1, 2, 3]) {
      const source = sourceOf(config!.replace("%i", String(node)));
      assert.ok(source && existsSync(source), `${config} for node ${node} is in the repository`);
    }
  });

  it("runs the services from the repository, with credentials from environment files alone", () => {
    for (const unit of SERVICE_UNITS) {
      const settings = unitSettings(unit);
      const workDir = setting(settings, "WorkingDirectory");
      const command = setting(settings, "ExecStart");
      const paths = command.match(/(\/opt\/real-rlvr\/\S+|services\/\S+\.ts)/g) ?? [];
      assert.ok(paths.length >= 2, `${unit} names its runtime and its script`);
      for (const path of paths) {
        const source = sourceOf(path.startsWith("/") ? path : `${workDir}/${path}`);
        assert.ok(source && existsSync(source), `${unit}: ${path} is in the repository`);
      }
      assert.doesNotMatch(
        command,
        /PASSWORD|TOKEN|--user|--pass/i,
        `${unit}: no credentials on the command line`,
      );
      assert.doesNotMatch([...environment(settings).keys()].join(" "), /PASSWORD|TOKEN|NATS_USER/);
      const envFile = setting(settings, "EnvironmentFile");
      assert.ok(!envFile.startsWith("-"), `${unit}: its environment file is required`);
      const made = envFile.replace("/etc/rlvr/", "");
      for (const host of HOSTS)
        assert.ok(existsSync(join(secrets, host, made)), `make-secrets makes ${made}`);
    }
  });

  it("gives every listener on a host its own port, whatever the number of grader replicas", () => {
    const ports = new Map<number, string>();
    const claim = (port: number, who: string) => {
      assert.ok(!ports.has(port), `${who} and ${ports.get(port)} both take port ${port}`);
      ports.set(port, who);
    };
    const node = readFileSync(join(DEPLOY, "nats", "rlvr-1.conf"), "utf8");
    for (const [, what, port] of node.matchAll(/^\s*(listen|http): "[^"]*:(\d+)"/gm)) {
      claim(Number(port), `nats ${what}`);
    }
    assert.equal(ports.size, 3, "client, monitoring and route ports");
    claim(Number(environment(unitSettings("rlvr-evaluator.service")).get("EVALUATOR_PORT")), "evaluator");
    const grader = setting(unitSettings("rlvr-grader@.service"), "ExecStart");
    const base = Number(grader.match(/GRADER_PORT=\$\$\(\((\d+) \+ %i\)\)/)?.[1]);
    assert.ok(base > 0, "the grader's port is a base plus the replica number");
    for (let replica = 1; replica <= GRADER_REPLICAS; replica++)
      claim(base + replica, `rlvr-grader@${replica}`);
  });

  it("passes systemd-analyze verify where systemd is installed", {
    skip: existsSync("/usr/bin/systemd-analyze") ? undefined : "systemd-analyze is not installed",
  }, async () => {
    const dir = join(scratch, "units");
    mkdirSync(dir);
    const instances = {
      "rlvr-nats@1.service": "rlvr-nats@.service",
      "rlvr-grader@2.service": "rlvr-grader@.service",
      "rlvr-evaluator.service": "rlvr-evaluator.service",
    };
    for (const [instance, unit] of Object.entries(instances)) {
      copyFileSync(join(DEPLOY, "systemd", unit), join(dir, instance));
    }
    const result = await run("systemd-analyze", ["verify", "--man=no", ...Object.keys(instances)], {
      cwd: dir,
    }).catch((error: { stderr: string }) => ({ stderr: error.stderr }));
    // Only what the repository's README installs on the hosts may be missing here.
    const problems = result.stderr
      .split("\n")
      .filter((line) => line.trim() && !/Command \/opt\/real-rlvr\/\S+ is not executable/.test(line));
    assert.deepEqual(problems, []);
  });
});
