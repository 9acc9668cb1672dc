/** Reading and writing JSON Lines files, with line numbers for error messages. */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

export interface JsonlLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

export class JsonlError extends Error {}

/** Yields every non-blank line parsed as JSON; a line that is not JSON throws with its number. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      throw new JsonlError(`${path}:${line}: not valid JSON (${(error as Error).message})`);
    }
  }
}

export interface JsonlWriter {
  write(value: unknown): void;
  close(): Promise<void>;
}

/** Writes JSON Lines to `path`, or to stdout for `-`. */
export function writeJsonl(path: string): JsonlWriter {
  const output = path === "-" ? process.stdout : createWriteStream(path, { encoding: "utf8" });
  return {
    write(value) {
      output.write(`${JSON.stringify(value)}\n`);
    },
    close() {
      if (output === process.stdout) return Promise.resolve();
      return new Promise((resolve, reject) => {
        output.once("error", reject);
        output.end(resolve);
      });
    },
  };
}
