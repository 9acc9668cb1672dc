/** Request bytes → JSON → a value of the wire contract, or a rejection that says what was wrong. */
import type { z } from "zod";
import { type Outcome, reject, zodIssues } from "./errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeJson<S extends z.ZodType>(body: Uint8Array, schema: S): Outcome<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(body));
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : "the body is not valid UTF-8";
    return reject(400, `the request body is not valid JSON: ${why}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return reject(400, "the request does not match the schema (see /openapi.json)", zodIssues(parsed.error));
}
