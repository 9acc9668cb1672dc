/**
 * A samples file's lines, in any format `rlvr eval` reads, as the samples of the problem sets they
 * answer; `benchmark` says the whole file answers that one set.
 */
import type { ProblemSet } from "../datasets/problems.ts";
import {
  type ParsedLines,
  parseSampleLines,
  type SampleLine,
  SamplesFormatError,
} from "./formats/formats.ts";
import type { SamplesFormatName } from "./formats/prompt-record.ts";
import { type Identification, identifyProblems, setNamed } from "./problem-identity.ts";

export interface SamplesFileOptions {
  format: SamplesFormatName | "auto";
  benchmark?: string;
  /** The file's name, for messages. */
  source: string;
}

export interface SamplesFile extends Identification {
  format: ParsedLines["format"];
  detected: boolean;
}

export function samplesFromLines(
  lines: SampleLine[],
  sets: ProblemSet[],
  options: SamplesFileOptions,
): SamplesFile {
  const { format, detected, records } = parseSampleLines(lines, options.format, options.source);
  const named =
    options.benchmark === undefined ? records : records.map((r) => ({ ...r, benchmark: options.benchmark }));
  return { format, detected, ...identifyProblems(named, sets) };
}

/** The one problem set `name` means among `sets` (`--benchmark`). */
export function onlyBenchmark(sets: ProblemSet[], name: string): ProblemSet[] {
  const found = setNamed(sets, name);
  if (found === undefined) {
    throw new SamplesFormatError(
      `--benchmark ${name}: no such problem set among --data (there are: ${sets.map((s) => s.name).join(", ")})`,
    );
  }
  return sets.filter((s) => s.name === found);
}
