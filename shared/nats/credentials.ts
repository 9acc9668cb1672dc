/**
 * NATS identities: the stack's credentials file (written by `rlvr stack up` on first start, readable by
 * its owner alone) and where a connection finds the user it logs in as. Node and Deno both read it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** grader: answers grading requests; evaluator: runs evaluation jobs; client: learners and the CLI. */
export const NATS_ROLES = ["grader", "evaluator", "client"] as const;
export type NatsRole = (typeof NATS_ROLES)[number];

const NatsUserSchema = z.object({ user: z.string().min(1), password: z.string().min(1) }).strict();

export const StackCredentialsSchema = z
  .object({
    nats: z.object({ grader: NatsUserSchema, evaluator: NatsUserSchema, client: NatsUserSchema }).strict(),
  })
  .strict();
export type StackCredentials = z.output<typeof StackCredentialsSchema>;

export const CREDENTIALS_FILE_NAME = "credentials.json";

/** The credentials file of the stack `rlvr stack up` starts by default (state in `.rlvr/`). */
export const DEFAULT_CREDENTIALS_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  ".rlvr",
  CREDENTIALS_FILE_NAME,
);

/** Reads and validates a credentials file; the error names the file and what is wrong with it. */
export function readCredentialsFile(path: string): StackCredentials {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read the NATS credentials file ${path}: ${(error as Error).message}`);
  }
  const regenerate = "delete it and restart the stack to generate new credentials";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `the NATS credentials file ${path} is not valid JSON (${(error as Error).message}); ${regenerate}`,
    );
  }
  const parsed = StackCredentialsSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ");
    throw new Error(`the NATS credentials file ${path} is malformed (${issues}); ${regenerate}`);
  }
  return parsed.data;
}

export interface NatsLogin {
  user: string;
  password: string;
  /** Where the credentials came from, for error messages. */
  source: string;
}

export interface LoginSources {
  /** The user and password in the server URL, if it has them. */
  url: { user: string; password: string } | null;
  /** NATS_USER / NATS_PASSWORD as the caller read them (a service's configuration); else from `env`. */
  given?: { user?: string | null; password?: string | null };
  role: NatsRole;
  /** A credentials file named by the caller (a stack it started); before NATS_CREDENTIALS. */
  credentialsFile?: string | null;
  env: (name: string) => string | undefined;
  /** Whether every server is on this machine: only those are offered the default stack's credentials. */
  loopback: boolean;
}

/**
 * The login to use, first found: the URL's user, NATS_USER / NATS_PASSWORD, then the `role` user of a
 * credentials file (the caller's, NATS_CREDENTIALS, or the default stack's when it exists). Null: none.
 */
export function findNatsLogin(sources: LoginSources): NatsLogin | null {
  if (sources.url) return { ...sources.url, source: "the server URL" };
  const user = (sources.given?.user ?? sources.env("NATS_USER"))?.trim();
  const password = sources.given?.password ?? sources.env("NATS_PASSWORD") ?? "";
  if (user) return { user, password, source: "NATS_USER / NATS_PASSWORD" };
  const named = sources.credentialsFile ?? (sources.env("NATS_CREDENTIALS")?.trim() || null);
  const file =
    named ?? (sources.loopback && existsSync(DEFAULT_CREDENTIALS_FILE) ? DEFAULT_CREDENTIALS_FILE : null);
  if (!file) return null;
  return { ...readCredentialsFile(file).nats[sources.role], source: `${file} (role ${sources.role})` };
}
