/**
 * The NATS front-end: the grading contract as a NATS micro-service (so `$SRV.PING/INFO/STATS` discovery
 * works) with endpoints `rlvr.grade` and `rlvr.grade.batch` in one queue group, so that replicas share
 * the load. Replies are JSON; errors carry the services protocol's error headers (the code is the HTTP
 * status the same error gets over HTTP) and a JSON body `{error, issues?, retryAfterMs?}`. A busy
 * grader (429, 503; see admission.ts) also sets a `Retry-After` header, in seconds, as over HTTP.
 */
import { type Service, type ServiceMsg, Svcm } from "@nats-io/services";
import { type NatsConnection, headers as natsHeaders } from "@nats-io/transport-node";
import { GRADER_NATS } from "../../../shared/contracts/grading.ts";
import { connectNats } from "../../../shared/nats/connection.ts";
import { errorBody, type Outcome, type Rejection, retryAfterSeconds } from "../../common/http/errors.ts";
import type { Admission } from "../admission.ts";
import type { GraderMetrics } from "../metrics.ts";
import type { GradingPipeline } from "../pipeline.ts";
import { natsClientTenant } from "./tenant.ts";

const SERVICE_NAME = GRADER_NATS.serviceName;
const QUEUE_GROUP = GRADER_NATS.queue;

export interface NatsFrontendOptions {
  url: string;
  user: string | null;
  password: string | null;
  pipeline: GradingPipeline;
  admission: Admission;
  metrics: GraderMetrics;
  version: string;
  log(message: string): void;
}

export interface NatsFrontend {
  /** Stops taking requests, lets the ones taken finish, then drains and closes the connection. */
  stop(): Promise<void>;
}

const encoder = new TextEncoder();

export async function startNatsFrontend(options: NatsFrontendOptions): Promise<NatsFrontend> {
  const { url, user, password, pipeline, admission, metrics, version, log } = options;
  // A grader outlives NATS restarts: it reconnects forever, including before the first connect.
  const nc = await connectNats(url, SERVICE_NAME, { user, password, role: "grader", waitForServer: true });
  void watchConnection(nc, log);

  const outcomes = new EndpointOutcomes();
  const service = await new Svcm(asServicesConnection(nc)).add({
    name: SERVICE_NAME,
    version,
    queue: QUEUE_GROUP,
    description: "Grades a language model's math answer against the gold answer",
    statsHandler: async (endpoint) => outcomes.of(endpoint.subject),
  });
  const inFlight = new InFlight();
  type Grade = (body: Uint8Array, tenant: string | undefined) => Promise<Outcome<object>>;
  const endpoint = (name: string, subject: string, grade: Grade) =>
    service.addEndpoint(name, {
      subject,
      handler: (error, msg) => {
        if (error) return log(`NATS endpoint ${name} failed: ${error.message}`);
        // A message published without a reply subject cannot get a verdict: grading it would be waste.
        if (!msg.reply) return;
        // One client's requests share a turn in the pool, whichever endpoint they go to.
        const tenant = natsClientTenant(msg.reply);
        const record = ({ code, seconds }: { code: number; seconds: number }) => {
          metrics.recordRequest({ transport: "nats", route: name, code: String(code) }, seconds);
          outcomes.record(subject, code, seconds);
        };
        const admitted = admission.enter(tenant, msg.data.byteLength);
        if (!admitted.ok) {
          respondRejection(msg, admitted.rejection);
          return record({ code: admitted.rejection.status, seconds: 0 });
        }
        inFlight.track(
          answer(msg, (body) => grade(body, tenant))
            .then(record)
            .finally(admitted.release),
        );
      },
    });
  endpoint("grade", GRADER_NATS.gradeSubject, (body, tenant) => pipeline.gradeOne(body, tenant));
  endpoint("grade_batch", GRADER_NATS.batchSubject, (body, tenant) => pipeline.gradeBatch(body, tenant));
  log(
    `serving NATS subjects ${GRADER_NATS.gradeSubject}, ${GRADER_NATS.batchSubject} on ${url} (${describe(service)})`,
  );

  return {
    stop: async () => {
      await service.stop();
      await inFlight.settled();
      await nc.drain();
    },
  };
}

/** Replies to one request; resolves with the status code sent and the time taken. */
async function answer(
  msg: ServiceMsg,
  grade: (body: Uint8Array) => Promise<Outcome<object>>,
): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  let code = 200;
  try {
    const outcome = await grade(msg.data);
    if (outcome.ok) {
      msg.respond(encoder.encode(JSON.stringify(outcome.value)));
    } else {
      code = outcome.rejection.status;
      respondRejection(msg, outcome.rejection);
    }
  } catch (error) {
    // Most likely the reply is over the server's max_payload; the requester must not wait in vain.
    code = 500;
    const description = `the reply could not be sent: ${(error as Error).message}`;
    try {
      msg.respondError(code, description, json({ error: description }));
    } catch {
      // the connection is gone; the requester's timeout will tell it
    }
  }
  return { code, seconds: (performance.now() - started) / 1000 };
}

/** A services-protocol error reply; a retry hint also goes in a `Retry-After` header (seconds). */
function respondRejection(msg: ServiceMsg, rejection: Rejection): void {
  const retryAfter = retryAfterSeconds(rejection);
  const headers = natsHeaders();
  if (retryAfter !== undefined) headers.set("Retry-After", retryAfter);
  msg.respondError(rejection.status, rejection.error, json(errorBody(rejection)), {
    headers: headers as unknown as ServicesPublishOptions["headers"],
  });
}

/** The publish options of the services library's own nats-core (see asServicesConnection). */
type ServicesPublishOptions = NonNullable<Parameters<ServiceMsg["respondError"]>[3]>;

/**
 * @nats-io/services (3.0.0-25, the latest) bundles its own prerelease of nats-core, whose types differ
 * from those of transport-node's nats-core in details the service does not use; at run time the
 * connection is the same object either way.
 */
function asServicesConnection(nc: NatsConnection): ConstructorParameters<typeof Svcm>[0] {
  return nc as unknown as ConstructorParameters<typeof Svcm>[0];
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function describe(service: Service): string {
  return `service ${SERVICE_NAME}, queue group ${QUEUE_GROUP}, id ${service.info().id}`;
}

async function watchConnection(nc: NatsConnection, log: (message: string) => void) {
  for await (const status of nc.status()) {
    if (status.type === "disconnect") log("NATS connection lost; reconnecting");
    if (status.type === "reconnect") {
      log("NATS connection restored");
    }
  }
}

/**
 * What each endpoint answered, for `$SRV.STATS` (as the endpoint's `data`): the services library counts
 * requests, but its error count and processing time only see the synchronous part of a handler.
 */
class EndpointOutcomes {
  private readonly bySubject = new Map<
    string,
    { graded: number; rejected: number; failed: number; seconds: number }
  >();

  record(subject: string, code: number, seconds: number): void {
    const outcome = this.of(subject);
    if (code === 200) outcome.graded++;
    else if (code < 500) outcome.rejected++;
    else outcome.failed++;
    outcome.seconds += seconds;
    this.bySubject.set(subject, outcome);
  }

  of(subject: string) {
    return this.bySubject.get(subject) ?? { graded: 0, rejected: 0, failed: 0, seconds: 0 };
  }
}

/** Requests being answered, so that shutdown can wait for them. */
class InFlight {
  private readonly pending = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
