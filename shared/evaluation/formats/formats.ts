/**
 * The samples formats `rlvr eval` reads, and how a file's format is told: named (`--format`), or
 * recognised from its first line by the field that holds the responses.
 */
import { lightevalFormat } from "./lighteval.ts";
import type { PromptRecord, SamplesFormat, SamplesFormatName } from "./prompt-record.ts";
import { qwenMathFormat } from "./qwen-math.ts";
import { rlvrFormat } from "./rlvr.ts";
import { vllmFormat } from "./vllm.ts";

/** In the order detection tries them: a line with fields of two formats is the first one's. */
const FORMATS: readonly SamplesFormat[] = [rlvrFormat, lightevalFormat, qwenMathFormat, vllmFormat];

export class SamplesFormatError extends Error {}

export interface SampleLine {
  /** 1-based line (or Parquet row) number. */
  line: number;
  value: unknown;
}

export interface ParsedLines {
  format: SamplesFormat;
  /** Whether the format was recognised rather than named. */
  detected: boolean;
  records: (PromptRecord & { line: number })[];
}

export function samplesFormat(name: SamplesFormatName): SamplesFormat {
  return FORMATS.find((f) => f.name === name)!;
}

/** The format whose responses field the line has; undefined for a line of none. */
export function detectFormat(value: unknown): SamplesFormat | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return FORMATS.find((f) => f.signature.some((field) => field in value));
}

/**
 * Every line as a record of `format` (`auto`: the first line's). `source` names the file in messages;
 * a line that does not fit fails the whole read with its number.
 */
export function parseSampleLines(
  lines: SampleLine[],
  format: SamplesFormatName | "auto",
  source: string,
): ParsedLines {
  if (lines.length === 0) throw new SamplesFormatError(`${source} holds no samples`);
  const first = lines[0]!;
  const chosen = format === "auto" ? detectFormat(first.value) : samplesFormat(format);
  if (!chosen) {
    throw new SamplesFormatError(
      `${source}:${first.line}: not a samples line of any format this reads (${FORMATS.map((f) => `${f.name}: ${f.fields}`).join("; ")})`,
    );
  }
  const problems: string[] = [];
  const records: ParsedLines["records"] = [];
  for (const { line, value } of lines) {
    const parsed = chosen.schema.safeParse(value);
    if (parsed.success) records.push({ ...parsed.data, line });
    else
      problems.push(
        `${source}:${line}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ")}`,
      );
  }
  if (problems.length > 0) {
    throw new SamplesFormatError(
      `${problems.length} line(s) are not ${chosen.name} samples (${chosen.fields}):\n  ${problems.slice(0, 10).join("\n  ")}`,
    );
  }
  return { format: chosen, detected: format === "auto", records };
}
