/**
 * Problem sets from files: the paper's benchmarks and the user's own data, as JSON Lines or as Parquet
 * in the verl layout (chat-message prompts, `reward_model.ground_truth`), with field mapping.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { type Gold, GoldSchema } from "../contracts/grading.ts";

export interface Problem {
  /** Unique within its set: the record's id field, else its 0-based position in the file. */
  id: string;
  problem: string;
  gold: Gold;
}

export interface ProblemSet {
  name: string;
  path: string;
  problems: Problem[];
  /** Records left out because they hold no usable problem or gold (with `invalid: "skip"`). */
  skipped: { record: number; reason: string }[];
}

export interface LoadOptions {
  /** `error` (default): a record without a usable problem or gold fails the load; `skip`: it is left out. */
  invalid?: "error" | "skip";
}

/**
 * Dotted paths into a record (`reward_model.ground_truth`, `prompt.-1.content`); absent: guessed.
 * `id: null`: problems are identified by their position in the file.
 */
export interface FieldMapping {
  id?: string | null;
  problem?: string;
  answer?: string;
}

const GUESSES: Required<Record<keyof FieldMapping, string[]>> = {
  id: ["id", "unique_id", "problem_id", "idx", "extra_info.index"],
  problem: ["problem", "question", "prompt.-1.content", "prompt"],
  answer: ["answer", "gold", "ground_truth", "reward_model.ground_truth", "final_answer"],
};

export class DatasetError extends Error {}

/** Reads a `.jsonl` or `.parquet` file of problems. */
export async function loadProblemSet(
  path: string,
  mapping: FieldMapping = {},
  options: LoadOptions = {},
): Promise<ProblemSet> {
  const records = await readRecords(path);
  if (records.length === 0) throw new DatasetError(`${path} holds no records`);
  const first = records[0]!;
  const fields = {
    id: mapping.id === null ? undefined : chooseField(path, first, "id", mapping.id, false),
    problem: chooseField(path, first, "problem", mapping.problem, true)!,
    answer: chooseField(path, first, "answer", mapping.answer, true)!,
  };
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  const skipped: ProblemSet["skipped"] = [];
  for (const [index, record] of records.entries()) {
    const where = `${path}: record ${index + 1}`;
    const id = fields.id === undefined ? String(index) : String(lookup(record, fields.id) ?? "");
    if (id === "") throw new DatasetError(`${where}: empty id in field \`${fields.id}\``);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new DatasetError(`${where}: id ${JSON.stringify(id)} is already used by record ${earlier + 1}`);
    }
    seen.set(id, index);
    const problem = lookup(record, fields.problem);
    const gold = GoldSchema.safeParse(normalizeGold(lookup(record, fields.answer)));
    const invalidReason =
      typeof problem !== "string" || problem === ""
        ? `\`${fields.problem}\` is not text`
        : !gold.success || gold.data === ""
          ? `\`${fields.answer}\` is not a gold answer (string, number or list of strings)`
          : undefined;
    if (invalidReason === undefined) problems.push({ id, problem: problem as string, gold: gold.data! });
    else if (options.invalid === "skip") skipped.push({ record: index + 1, reason: invalidReason });
    else throw new DatasetError(`${where}: ${invalidReason}`);
  }
  return { name: basename(path, extname(path)), path, problems, skipped };
}

/** The records of a `.jsonl` (or `.json` Lines) or `.parquet` file; Parquet's 64-bit integers as numbers. */
export async function readRecords(path: string): Promise<Record<string, unknown>[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DatasetError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (path.endsWith(".parquet")) {
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    try {
      return plainNumbers(await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
    } catch (error) {
      throw new DatasetError(`${path} is not a readable Parquet file: ${(error as Error).message}`);
    }
  }
  if (!path.endsWith(".jsonl") && !path.endsWith(".json")) {
    throw new DatasetError(`${path}: expected a .jsonl or .parquet file`);
  }
  const records: Record<string, unknown>[] = [];
  const lines = new TextDecoder().decode(bytes).split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError(`${path}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DatasetError(`${path}:${index + 1}: expected a JSON object`);
    }
    records.push(value as Record<string, unknown>);
  }
  return records;
}

function chooseField(
  path: string,
  record: Record<string, unknown>,
  role: keyof FieldMapping,
  explicit: string | undefined,
  required: boolean,
): string | undefined {
  if (explicit !== undefined) {
    if (lookup(record, explicit) === undefined) {
      throw new DatasetError(
        `${path}: no field \`${explicit}\` (given for ${role}); the records have: ${Object.keys(record).join(", ")}`,
      );
    }
    return explicit;
  }
  const guess = GUESSES[role].find((candidate) => lookup(record, candidate) !== undefined);
  if (guess === undefined && required) {
    throw new DatasetError(
      `${path}: cannot tell which field holds the ${role} (tried ${GUESSES[role].join(", ")}); ` +
        `name it with a field mapping; the records have: ${Object.keys(record).join(", ")}`,
    );
  }
  return guess;
}

/** Follows a dotted path; a negative number indexes an array from its end. */
export function lookup(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split(".")) {
    if (Array.isArray(value) && /^-?\d+$/.test(key)) {
      const index = Number(key);
      value = value[index < 0 ? value.length + index : index];
    } else if (typeof value === "object" && value !== null) {
      value = (value as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  // Chat prompts are message lists: the problem is the last message's text.
  if (Array.isArray(value) && value.every((m) => typeof m === "object" && m !== null && "content" in m)) {
    return (value[value.length - 1] as { content: unknown }).content;
  }
  return value;
}

/** Parquet can give a scalar gold as a one-element list; golds are strings, numbers or lists of strings. */
function normalizeGold(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1 && typeof value[0] !== "string")
    return normalizeGold(value[0]);
  return value;
}

/** Parquet's INT64 columns come as bigints, which JSON and zod's numbers do not take. */
function plainNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(plainNumbers);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainNumbers(v)]));
  }
  return value;
}
