/**
 * Where a service may listen without a bearer token: only on loopback, where nobody but this machine's
 * users can reach it. Anywhere else an open service would let anyone grade or queue work.
 */

/** Whether `host` (a name or an address, IPv6 with or without brackets) only listens on loopback. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost") return true;
  let canonical: string;
  try {
    // The URL parser writes every spelling of an address one way ("127.1" → "127.0.0.1",
    // "0:0:0:0:0:0:0:1" → "[::1]"), so no spelling slips past the checks below.
    canonical = new URL(`http://${bare.includes(":") ? `[${bare}]` : bare}/`).hostname;
  } catch {
    return false;
  }
  return canonical === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(canonical);
}

/**
 * Throws, naming both variables, when `host` is not loopback and no token is set: a service must not
 * start open to the network.
 */
export function requireTokenOffLoopback(
  host: string,
  token: string | null,
  names: { host: string; token: string },
): void {
  if (token !== null || isLoopbackHost(host)) return;
  throw new Error(
    `${names.host}=${host} is not a loopback address, so ${names.token} must be set: without a bearer token anyone who can reach ${host} could use the service. Set ${names.token} (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1.`,
  );
}
