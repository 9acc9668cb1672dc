/** Small HTTP helpers for tests against a running grader. */

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonReply> {
  return postRaw(url, JSON.stringify(body), { "Content-Type": "application/json", ...headers });
}

export async function postRaw(
  url: string,
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Promise<JsonReply> {
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body };
  // A streamed body has no Content-Length, so the server must count bytes as they arrive.
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A body of `totalBytes` bytes of "a", sent in chunks without a declared length. */
export function streamOfBytes(totalBytes: number, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      controller.enqueue(new Uint8Array(size).fill(97));
      sent += size;
    },
  });
}
