/**
 * Whether a NATS connection can carry messages now. While it is reconnecting, what is published is
 * dropped (the client discards its outbound buffer on each dial), so a requester should wait for the
 * reconnect and send then, rather than send into the void and wait for a reply that cannot come.
 */
import type { NatsConnection } from "@nats-io/transport-node";

export interface ConnectionState {
  readonly online: boolean;
  /** Calls `listener` after each reconnect; returns a function that stops the calls. */
  onReconnect(listener: () => void): () => void;
}

// One watcher per connection, however many clients share it; it ends when the connection closes.
const states = new WeakMap<NatsConnection, ConnectionState>();

export function connectionState(nc: NatsConnection): ConnectionState {
  const known = states.get(nc);
  if (known) return known;
  let online = !nc.isClosed();
  const listeners = new Set<() => void>();
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") online = false;
      if (status.type === "reconnect") {
        online = true;
        for (const listener of [...listeners]) listener();
      }
    }
    online = false;
  })();
  const state: ConnectionState = {
    get online() {
      return online && !nc.isClosed();
    },
    onReconnect(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  states.set(nc, state);
  return state;
}
