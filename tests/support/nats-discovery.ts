/** Asks running NATS micro-services about themselves through the `$SRV` discovery subjects. */
import type { NatsConnection } from "@nats-io/transport-node";

export interface EndpointStats {
  name: string;
  subject: string;
  queue_group?: string;
  num_requests: number;
  num_errors: number;
  /** The grader's own counts: requests graded, rejected (4xx) and failed (5xx), and seconds spent. */
  data: { graded: number; rejected: number; failed: number; seconds: number };
}

export interface ServiceReply {
  type: string;
  name: string;
  id: string;
  version: string;
  endpoints?: EndpointStats[];
}

/** Collects the replies of `expected` instances of service `name` (or what answered within `maxWaitMs`). */
export async function discover(
  nc: NatsConnection,
  verb: "PING" | "INFO" | "STATS",
  name: string,
  expected: number,
  maxWaitMs = 10_000,
): Promise<ServiceReply[]> {
  const replies: ServiceReply[] = [];
  const messages = await nc.requestMany(`$SRV.${verb}.${name}`, undefined, {
    strategy: "count",
    maxMessages: expected,
    maxWait: maxWaitMs,
  });
  for await (const message of messages) replies.push(message.json<ServiceReply>());
  return replies;
}
