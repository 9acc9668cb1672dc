/**
 * Riding out a NATS server that goes away for a while (a restart, an upgrade): an operation that failed
 * only because NATS did not answer is tried again, with backoff, until it succeeds or NATS has been
 * away too long. Only for operations that may run twice without harm (reads, idempotent writes).
 */
import { JetStreamApiError } from "@nats-io/jetstream";
import { errors } from "@nats-io/transport-node";
import { backoffDelays } from "./backoff.ts";

/** How long a command-line client waits for NATS to come back before it gives up. */
export const NATS_OUTAGE_LIMIT_MS = 5 * 60_000;

/**
 * The failure says NATS did not answer (down, restarting, JetStream not ready yet), not that the
 * operation is wrong.
 */
export function isNatsOutage(error: unknown): boolean {
  if (
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoRespondersError ||
    error instanceof errors.ConnectionError
  ) {
    return true;
  }
  // A request error without a cause: the connection dropped while the request was pending.
  if (error instanceof errors.RequestError && error.cause === undefined) return true;
  // "JetStream system temporarily unavailable", as a server that has just restarted may answer.
  if (error instanceof JetStreamApiError) return error.status === 503;
  // Wrappers (a request error, "jetstream is not enabled" for a request nobody answered) say what their cause says.
  return error instanceof Error && isNatsOutage(error.cause);
}

export interface RideOutOptions {
  /** Give up when NATS has not answered for this long (default NATS_OUTAGE_LIMIT_MS). */
  limitMs?: number;
  /** Told once per outage, when it begins. */
  onOutage?: (error: Error) => void;
}

/** Runs `operation`, again while it fails with a NATS outage; rethrows anything else, or the outage past the limit. */
export async function rideOutNatsOutages<T>(
  operation: () => Promise<T>,
  options: RideOutOptions = {},
): Promise<T> {
  const limitMs = options.limitMs ?? NATS_OUTAGE_LIMIT_MS;
  const delays = backoffDelays({ initialMs: 100, maxMs: 2_000 });
  let since: number | undefined;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!isNatsOutage(error)) throw error;
      const now = Date.now();
      if (since === undefined) {
        since = now;
        options.onOutage?.(error as Error);
      }
      if (now - since >= limitMs) {
        throw new Error(
          `NATS has not answered for ${Math.round((now - since) / 1000)} s: ${(error as Error).message}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delays.next()));
    }
  }
}
