/**
 * Requests to a NATS service's queue group that neither stall on a dead replica nor fail while the
 * server restarts. When an attempt's deadline passes the request is sent again (the queue group routes
 * it to a live replica once the dead one's subscription is gone) while the earlier attempts' replies are
 * still awaited, and the first reply wins: a slow but alive replica costs nothing, a dead one costs one
 * deadline. No responders (every replica restarting), a connection that is down, and a service that says
 * it is full (503, 429) are retried after a pause, until the request's overall limit. This suits only
 * requests that may be answered twice without harm, as grading (a pure function) may.
 *
 * Every client shares the `client` NATS user, which may read replies on `_INBOX.>`: a reply subject is
 * therefore public once answered. Each attempt replies to a fresh random token, and a token that has
 * been answered (even "busy") is never accepted again, so nobody can aim a verdict for a request of
 * their own at a request of someone else's that is still waiting.
 */
import { createInbox, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { connectionState } from "../nats/connection-state.ts";
import { GraderRequestError, GraderUnavailableError } from "./grader.ts";
import { parseRetryAfter, retryDelayMs } from "./retry-policy.ts";

/** Service error codes that mean "not now": the same request may succeed after a pause. */
const BUSY_CODES = new Set([429, 503]);
/**
 * Each attempt that runs into its deadline doubles the next one's, up to this many times: a replica
 * that is merely overloaded must not get its work sent again and again.
 */
const MAX_DEADLINE_DOUBLINGS = 5;

export interface HedgedRequester {
  /**
   * Sends `payload` to `subject`, again whenever `attemptDeadlineMs` passes without a reply; resolves
   * with the first reply that is not a "busy" refusal. Rejects with GraderRequestError when the service
   * refuses the request, GraderUnavailableError when nothing answered within the overall limit.
   */
  request(subject: string, payload: Uint8Array | string, attemptDeadlineMs: number): Promise<Msg>;
  /** Stops listening; requests still waiting are rejected. */
  close(): void;
}

type ErrorBody = GraderRequestError["body"] & { retryAfterMs?: unknown };

interface Waiting {
  onReply(msg: Msg): void;
  abort(error: Error): void;
}

export function hedgedRequester(nc: NatsConnection, totalTimeoutMs: number): HedgedRequester {
  // Every attempt of every request replies to `<inbox>.<request number>`: one subscription serves the
  // client, and the service sees all its requests come from one client (one tenant of its pool).
  const inbox = createInbox();
  const waiting = new Map<string, Waiting>();
  const replies = nc.subscribe(`${inbox}.*`, {
    callback: (error, msg) => {
      if (!error) waiting.get(msg.subject.slice(inbox.length + 1))?.onReply(msg);
    },
  });
  const link = connectionState(nc);
  let closed = false;

  function request(subject: string, payload: Uint8Array | string, attemptDeadlineMs: number): Promise<Msg> {
    if (closed) return Promise.reject(new Error("the grading client was closed"));
    return new Promise<Msg>((resolve, reject) => {
      const tokens = new Set<string>();
      let sent = 0;
      let expired = 0;
      let pauses = 0;
      let lastProblem = "no reply yet";
      const nobodyListens = `no service listens on ${subject}`;
      let nextSend: ReturnType<typeof setTimeout> | undefined;
      const settle = (outcome: () => void) => {
        clearTimeout(nextSend);
        clearTimeout(giveUp);
        stopOnReconnect();
        for (const token of tokens) waiting.delete(token);
        outcome();
      };
      const sendAfter = (ms: number) => {
        clearTimeout(nextSend);
        nextSend = setTimeout(send, ms);
      };
      const send = () => {
        clearTimeout(nextSend);
        if (!link.online) {
          // What is published now is dropped; the reconnect sends it.
          lastProblem = "the NATS connection is down";
          return;
        }
        const token = unguessableToken();
        tokens.add(token);
        waiting.set(token, replyHandler(token));
        try {
          nc.publish(subject, payload, { reply: `${inbox}.${token}` });
        } catch (error) {
          settle(() => reject(error));
          return;
        }
        sent++;
        nextSend = setTimeout(
          () => {
            expired++;
            lastProblem = "no reply within the attempt deadline";
            send();
          },
          attemptDeadlineMs * 2 ** Math.min(expired, MAX_DEADLINE_DOUBLINGS),
        );
      };
      const giveUp = setTimeout(() => {
        if (!link.online) lastProblem = "the NATS connection is down";
        const attempts = `${sent} attempt${sent === 1 ? "" : "s"}`;
        const advice =
          lastProblem === nobodyListens
            ? ": is a grading service connected to it? `rlvr stack up` starts one, or grade with --via local"
            : "";
        const why = `no reply to ${subject} from NATS at ${nc.getServer()} within ${totalTimeoutMs} ms (${attempts}; last: ${lastProblem})${advice}`;
        settle(() => reject(new GraderUnavailableError(why)));
      }, totalTimeoutMs);
      // Whatever was in flight when the connection dropped is lost with it.
      const stopOnReconnect = link.onReconnect(send);
      const replyHandler = (token: string): Waiting => ({
        onReply(msg) {
          // Answered: this token is public now; a later attempt gets a new one.
          waiting.delete(token);
          tokens.delete(token);
          if (isNoResponders(msg)) {
            lastProblem = nobodyListens;
            sendAfter(retryDelayMs(++pauses));
            return;
          }
          const failure = msg.headers?.get("Nats-Service-Error");
          if (!failure) return settle(() => resolve(msg));
          const status = Number(msg.headers?.get("Nats-Service-Error-Code") || 500);
          const body = errorBody(msg);
          const message = body.error ?? failure;
          if (BUSY_CODES.has(status)) {
            lastProblem = `the service is busy (${status}: ${message})`;
            sendAfter(retryDelayMs(++pauses, retryAfterMs(msg, body)));
            return;
          }
          const refusal = new GraderRequestError(`grader refused the request: ${message}`, status, body);
          settle(() => reject(refusal));
        },
        abort: (error) => settle(() => reject(error)),
      });
      send();
    });
  }

  return {
    request,
    close() {
      closed = true;
      replies.unsubscribe();
      for (const pending of [...waiting.values()]) pending.abort(new Error("the grading client was closed"));
    },
  };
}

/** 128 random bits, hex. */
function unguessableToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The server's answer to a request nobody subscribes to (sent when the client supports headers). */
function isNoResponders(msg: Msg): boolean {
  return msg.data.length === 0 && msg.headers?.code === 503;
}

function errorBody(msg: Msg): ErrorBody {
  try {
    const body = msg.json<unknown>();
    return typeof body === "object" && body !== null ? (body as ErrorBody) : {};
  } catch {
    return {};
  }
}

/** The pause the service asked for: `retryAfterMs` in the body, else a Retry-After header. */
function retryAfterMs(msg: Msg, body: ErrorBody): number | undefined {
  if (typeof body.retryAfterMs === "number") return body.retryAfterMs;
  return parseRetryAfter(msg.headers?.get("Retry-After"));
}
