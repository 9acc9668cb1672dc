/** Newline-delimited JSON over byte streams, for workers that are processes. */

/** Calls `onLine` for each complete line; a trailing unterminated line is dropped (the writer died). */
export async function forEachLine(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  // A reader and a streaming TextDecoder cost fewer promise hops per chunk than a TextDecoderStream.
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let partial = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const pieces = decoder.decode(value, { stream: true }).split("\n");
    if (pieces.length === 1) {
      partial += pieces[0];
      continue;
    }
    onLine(partial + pieces[0]);
    for (let i = 1; i < pieces.length - 1; i++) onLine(pieces[i]);
    partial = pieces[pieces.length - 1];
  }
}

const encoder = new TextEncoder();

export function encodeLine(message: unknown): Uint8Array {
  // JSON escapes newlines inside strings, so one message is exactly one line.
  return encoder.encode(`${JSON.stringify(message)}\n`);
}
