/** Reading settings from environment variables, with errors that name the variable. */

export type Env = (name: string) => string | undefined;

/** The trimmed value, or null when unset or blank. */
export function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === "" ? null : value.trim();
}

export function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export interface NatsSettings {
  url: string;
  user: string | null;
  password: string | null;
}

/** NATS_URL with NATS_USER / NATS_PASSWORD, or null when NATS_URL is not set. */
export function natsSettings(env: Env): NatsSettings | null {
  const url = nonEmpty(env("NATS_URL"));
  return url ? { url, user: nonEmpty(env("NATS_USER")), password: nonEmpty(env("NATS_PASSWORD")) } : null;
}
