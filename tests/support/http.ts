/** Small HTTP helpers for tests against a running grader. */
import { type ClientRequest, request as httpRequest } from "node:http";

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

export interface FromOptions {
  /** Any 127.x.y.z reaches a server on 127.0.0.1 and shows there as a client of its own. */
  localAddress?: string;
  headers?: Record<string, string>;
}

/** POSTs JSON with node:http, which can choose the local address (fetch cannot). */
export async function postJsonFrom(
  url: string,
  body: unknown,
  options: FromOptions = {},
): Promise<JsonReply> {
  const request = heldRequest(url, JSON.stringify(body), options);
  request.finish();
  return request.reply;
}

export interface HeldRequest {
  /** Sends the rest of the body. */
  finish(): void;
  reply: Promise<JsonReply>;
}

/**
 * A POST whose headers (with the body's full Content-Length) and first byte are sent at once while the
 * rest of the body waits for `finish()`: the server has taken the request and is reading its body.
 */
export function heldRequest(url: string, body: string, options: FromOptions = {}): HeldRequest {
  const bytes = Buffer.from(body);
  let request: ClientRequest;
  const reply = new Promise<JsonReply>((resolve, reject) => {
    request = httpRequest(
      url,
      {
        method: "POST",
        localAddress: options.localAddress,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(bytes.byteLength),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text for the assertion message
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === "string") headers.set(name, value);
          }
          resolve({ status: response.statusCode ?? 0, headers, body: parsed });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
  request!.write(bytes.subarray(0, 1));
  return { finish: () => request.end(bytes.subarray(1)), reply };
}
