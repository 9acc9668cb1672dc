/**
 * Which client a NATS request comes from, so that the pool serves clients in turn (one client's many
 * messages share one turn, as an HTTP caller's batch does). NATS clients reply through one wildcard
 * inbox per connection: a request's reply subject is `<inbox prefix>.<connection id>.<token>` (by
 * default `_INBOX.<nuid>.<token>`), so all but its last token name the connection.
 */

/** The tenant of a request with this reply subject, or undefined when it names no connection. */
export function natsClientTenant(reply: string): string | undefined {
  const last = reply.lastIndexOf(".");
  const inbox = reply.slice(0, Math.max(0, last));
  // A single token left (`_INBOX`) means a reply subject of its own (a request sent with `noMux`): it
  // shares nothing with the client's other requests, so the request is a tenant by itself.
  if (!inbox.includes(".")) return undefined;
  return `nats:${inbox}`;
}
