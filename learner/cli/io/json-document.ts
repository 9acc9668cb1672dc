/** A command's `--json` result: one JSON document, to stdout or a file, for a script to read. */
import { writeFile } from "node:fs/promises";

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `value` as a JSON document in `path`, or on stdout for `-`. */
export async function writeJsonDocument(path: string, value: unknown): Promise<void> {
  if (path === "-") printJson(value);
  else await writeFile(path, `${JSON.stringify(value)}\n`);
}
