/**
 * The stack's NATS is secured by default: nobody logs in without a user, a client cannot take or answer
 * grading requests (so it cannot forge rewards), each service identity does only its job, the
 * credentials are owner-only and on no command line, and the whole path still works with them.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { jetstream } from "@nats-io/jetstream";
import { connect, errors, type NatsConnection } from "@nats-io/transport-node";

type PermissionViolationError = InstanceType<typeof errors.PermissionViolationError>;

import { type RunningStack, startStack } from "../../infra/stack/stack.ts";
import { natsGrader } from "../../shared/clients/grader-nats.ts";
import { EVALUATOR_NATS } from "../../shared/contracts/evaluation.ts";
import { GRADER_NATS, type GradeRequest } from "../../shared/contracts/grading.ts";
import { runEvaluationJob } from "../../shared/evaluation/jobs/client.ts";
import { openJobStore } from "../../shared/evaluation/jobs/infrastructure.ts";
import { connectNats } from "../../shared/nats/connection.ts";
import { type NatsRole, readCredentialsFile, type StackCredentials } from "../../shared/nats/credentials.ts";
import { inProcessResult, K, TOY_SAMPLES, TOY_SET } from "../support/evaluator-fixtures.ts";
import { natsServerMissing } from "../support/processes.ts";

/** A verdict a rogue would like a learner to believe. */
const FORGED_VERDICT = JSON.stringify({ correct: true, status: "ok", extracted: "forged", elapsedMs: 0 });

describe("the stack's NATS, secured by default", { skip: natsServerMissing }, () => {
  let stateDir: string;
  let stack: RunningStack;
  let credentials: StackCredentials;
  const connections: NatsConnection[] = [];
  /** Connects as one of the stack's users, with the user given apart from the URL. */
  const connectAs = async (role: NatsRole, name: string) => {
    const nc = await connectNats(stack.natsUrl, name, { ...loginOf(credentials, role) });
    connections.push(nc);
    return nc;
  };

  before(async () => {
    stateDir = await mkdtemp(join(tmpdir(), "rlvr-nats-auth-"));
    stack = await startStack({ stateDir, graderWorkers: 1 });
    credentials = readCredentialsFile(stack.credentialsFile!);
  });
  after(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await stack?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("refuses a connection without a user, and says which user was refused and from where", async () => {
    const anonymous = await connect({ servers: serverOf(stack.natsUrl) }).then(
      () => null,
      (error: Error) => error,
    );
    assert.ok(anonymous instanceof errors.AuthorizationError, String(anonymous));

    const url = stack.natsUrl.replace("//", "//client:wrong-password@");
    await assert.rejects(connectNats(url, "wrong-password"), /refused user "client" from the server URL/);
  });

  it("keeps a rogue client out of the grader queue group and its inboxes: 300 wrong answers stay wrong", async () => {
    const rogue = await connectAs("client", "rogue");
    const rogueErrors = permissionErrors(rogue);
    // Try to join the graders' queue group and to answer whatever arrives, as the rogue of the issue did.
    const joined = [GRADER_NATS.gradeSubject, GRADER_NATS.batchSubject].map((subject) =>
      rogue.subscribe(subject, {
        queue: GRADER_NATS.queue,
        // Called with the server's refusal instead, if it refuses the subscription.
        callback: (error, msg) => {
          if (!error) msg.respond(FORGED_VERDICT);
        },
      }),
    );
    // Clients may read their own replies, so a rogue can see others' reply inboxes; it must not post to them.
    let forgedReplies = 0;
    rogue.subscribe("_INBOX.>", {
      callback: (error, msg) => {
        if (error) return;
        forgedReplies++;
        rogue.publish(msg.subject, FORGED_VERDICT);
      },
    });

    const learner = await connectAs("client", "learner");
    const grader = await natsGrader({ connection: learner });
    const wrong: GradeRequest[] = Array.from({ length: 300 }, (_, i) => ({
      response: `\\boxed{${i + 1}}`,
      gold: String(-(i + 1)),
    }));
    const right: GradeRequest[] = Array.from({ length: 30 }, (_, i) => ({
      response: `\\boxed{${i}}`,
      gold: String(i),
    }));
    const verdicts = await Promise.all([...wrong, ...right].map((request) => grader.grade(request)));
    await grader.close();

    const wronglyCorrect = verdicts.slice(0, wrong.length).filter((v) => v.correct).length;
    assert.equal(wronglyCorrect, 0, `${wronglyCorrect} of ${wrong.length} wrong answers came back correct`);
    assert.ok(verdicts.slice(wrong.length).every((v) => v.correct && v.extracted !== "forged"));

    for (const subscription of joined) {
      const closedWith = await subscription.closed;
      assert.ok(closedWith instanceof errors.PermissionViolationError, String(closedWith));
      assert.equal(closedWith.operation, "subscription");
    }
    assert.ok(forgedReplies > 0, "the rogue saw replies on _INBOX.> and tried to answer");
    const refusedInbox = await rogueErrors.next(
      (error) => error.operation === "publish" && error.subject.startsWith("_INBOX."),
    );
    assert.ok(refusedInbox, "the rogue's replies were refused");
    console.log(`rogue: ${forgedReplies} forged replies refused; 0 of ${wrong.length} wrong answers passed`);
  });

  it("keeps the grader identity off the job stream and the evaluator identity off the grading subjects", async () => {
    const grader = await connectAs("grader", "as-grader");
    const consume = jetstream(grader).consumers.get(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer);
    await assert.rejects(consume, /Permissions Violation/);

    const evaluator = await connectAs("evaluator", "as-evaluator");
    for (const subject of [GRADER_NATS.gradeSubject, GRADER_NATS.batchSubject]) {
      const closedWith = await evaluator.subscribe(subject, { queue: GRADER_NATS.queue }).closed;
      assert.ok(closedWith instanceof errors.PermissionViolationError, `${subject}: ${closedWith}`);
    }
  });

  it("lets a client neither consume the job stream nor write a job's status", async () => {
    const client = await connectAs("client", "as-client");
    const consume = jetstream(client).consumers.get(EVALUATOR_NATS.stream, EVALUATOR_NATS.consumer);
    await assert.rejects(consume, /Permissions Violation for Publish to "\$JS\.API\.CONSUMER/);
    const store = await openJobStore(client);
    await assert.rejects(store.results.put("some-job", "{}"), /Permissions Violation/);
  });

  it("keeps the credentials owner-only and out of every command line", () => {
    assert.equal(statSync(stateDir).mode & 0o777, 0o700);
    assert.equal(statSync(stack.credentialsFile!).mode & 0o777, 0o600);
    const passwords = Object.values(credentials.nats).map((login) => login.password);
    const processes = [
      ...stack.natsServers.map((server) => server.process.pid),
      ...stack.graders.map((grader) => grader.process.pid),
      stack.evaluator!.process.pid,
    ].flatMap((pid) => [pid, ...descendantsOf(pid)]);
    assert.ok(processes.length >= 4, String(processes));
    for (const pid of processes) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      for (const password of passwords) assert.ok(!argv.includes(password), `pid ${pid}: ${argv}`);
    }
    // The services got their identities, in their environment.
    const environment = (pid: number) => readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    assert.ok(
      environment(stack.graders[0]!.process.pid).includes(`NATS_USER=${credentials.nats.grader.user}`),
    );
    assert.ok(
      environment(stack.evaluator!.process.pid).includes(
        `NATS_PASSWORD=${credentials.nats.evaluator.password}`,
      ),
    );
  });

  it("runs an evaluation job a client submits, with no permission refused to a legitimate user", async () => {
    const learner = await connectNats(stack.natsUrl, "learner-eval", {
      credentialsFile: stack.credentialsFile,
    });
    connections.push(learner);
    const result = await runEvaluationJob(learner, { problemSets: [TOY_SET], k: K }, TOY_SAMPLES);
    assert.deepEqual(result, await inProcessResult([TOY_SET], TOY_SAMPLES, K));

    const log = readFileSync(stack.natsServers[0]!.process.logFile, "utf8");
    const refused = log.split("\n").filter((line) => /Violation/.test(line));
    const legitimate = refused.filter(
      (line) => !/nats\.js:(as-grader|as-evaluator|as-client|rogue)"/.test(line),
    );
    assert.deepEqual(legitimate, []);
    assert.ok(refused.length > 0, "the rogue's attempts are in the server's log");
  });
});

function loginOf(credentials: StackCredentials, role: NatsRole) {
  return { user: credentials.nats[role].user, password: credentials.nats[role].password };
}

function serverOf(url: string): string {
  return new URL(url).host;
}

/** The permission errors the server sent to `nc`, as they come. */
function permissionErrors(nc: NatsConnection) {
  const seen: PermissionViolationError[] = [];
  const waiting = new Set<() => void>();
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "error" && status.error instanceof errors.PermissionViolationError) {
        seen.push(status.error);
        for (const wake of waiting) wake();
      }
    }
  })();
  return {
    /** Resolves with the first error that `matches` (waiting for it as long as it takes). */
    async next(matches: (error: PermissionViolationError) => boolean) {
      for (;;) {
        const found = seen.find(matches);
        if (found) return found;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiting.delete(wake);
            resolve();
          };
          waiting.add(wake);
        });
      }
    },
  };
}

/** Every process below `pid` (the checker workers of a grader, for one). */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the parent pid follows the last ")".
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (id: number) => {
    for (const child of parents.get(id) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}
