/**
 * Matches a samples file to its problem sets and says what is wrong with it: samples for problems
 * that do not exist, problems without samples, problems with fewer than k, repeated sample numbers.
 */
import type { Sample } from "../contracts/evaluation.ts";
import type { Problem, ProblemSet } from "../datasets/problems.ts";

export interface ProblemSamples {
  set: string;
  problem: Problem;
  /** At most k responses, ordered by sample number (or order of appearance). */
  responses: string[];
}

export interface SamplesReport {
  /** Problem sets none of whose problems has a sample. */
  unanswered: string[];
  /** `set/id` of problems that have no sample at all, in sets that have samples for others. */
  missing: string[];
  /** Samples that name a set or problem that does not exist (`set/id`, with counts). */
  extra: { key: string; count: number }[];
  /** Problems with fewer than k samples. */
  short: { key: string; samples: number }[];
  /** `set/id#sample` given more than once. */
  duplicates: string[];
  /** Samples beyond the first k of a problem, left out. */
  surplus: number;
  /** Fewest and most samples a problem with samples has (before keeping the first k); 0 when none has. */
  found: { min: number; max: number };
}

export interface MatchedSamples {
  problems: ProblemSamples[];
  report: SamplesReport;
  /** Every problem set matched against, with its size: what coverage is measured against. */
  sets: { name: string; problems: number }[];
  /** The samples per problem asked for. */
  k: number;
}

export class SamplesError extends Error {
  constructor(
    message: string,
    readonly report: SamplesReport,
  ) {
    super(message);
  }
}

export function sampleProblemId(sample: Sample): string {
  return String(sample.problem_id ?? sample.index);
}

/** Groups `samples` by problem, keeping the first `k` of each. */
export function matchSamples(sets: ProblemSet[], samples: Sample[], k: number): MatchedSamples {
  const byKey = new Map<
    string,
    { set: string; problem: Problem; samples: { order: number; response: string }[] }
  >();
  for (const set of sets) {
    for (const problem of set.problems)
      byKey.set(`${set.name}/${problem.id}`, { set: set.name, problem, samples: [] });
  }
  const onlySet = sets.length === 1 ? sets[0]!.name : undefined;
  const extra = new Map<string, number>();
  const seenSampleNumbers = new Set<string>();
  const duplicates: string[] = [];
  samples.forEach((sample, position) => {
    const key = `${sample.benchmark ?? onlySet ?? "(no benchmark)"}/${sampleProblemId(sample)}`;
    const entry = byKey.get(key);
    if (!entry) {
      extra.set(key, (extra.get(key) ?? 0) + 1);
      return;
    }
    if (sample.sample !== undefined) {
      const numbered = `${key}#${sample.sample}`;
      if (seenSampleNumbers.has(numbered)) {
        duplicates.push(numbered);
        return;
      }
      seenSampleNumbers.add(numbered);
    }
    entry.samples.push({ order: sample.sample ?? position, response: sample.response });
  });
  const answered = new Set([...byKey.values()].filter((e) => e.samples.length > 0).map((e) => e.set));
  const report: SamplesReport = {
    unanswered: sets.map((s) => s.name).filter((name) => !answered.has(name)),
    missing: [],
    extra: [...extra].map(([key, count]) => ({ key, count })),
    short: [],
    duplicates,
    surplus: 0,
    found: { min: 0, max: 0 },
  };
  const problems: ProblemSamples[] = [];
  for (const [key, entry] of byKey) {
    if (entry.samples.length === 0) {
      if (answered.has(entry.set)) report.missing.push(key);
      continue;
    }
    if (entry.samples.length < k) report.short.push({ key, samples: entry.samples.length });
    report.surplus += Math.max(0, entry.samples.length - k);
    const responses = entry.samples
      .sort((a, b) => a.order - b.order)
      .slice(0, k)
      .map((s) => s.response);
    problems.push({ set: entry.set, problem: entry.problem, responses });
  }
  const counts = [...byKey.values()].map((e) => e.samples.length).filter((n) => n > 0);
  if (counts.length > 0) report.found = { min: Math.min(...counts), max: Math.max(...counts) };
  return { problems, report, sets: sets.map((s) => ({ name: s.name, problems: s.problems.length })), k };
}

/** Throws a SamplesError describing every problem unless the samples cover every problem k times. */
export function assertComplete(report: SamplesReport, k: number): void {
  const lines: string[] = [];
  const list = (items: string[]) =>
    items.slice(0, 5).join(", ") + (items.length > 5 ? `, … (${items.length})` : "");
  if (report.extra.length > 0) {
    lines.push(`samples for unknown problems: ${list(report.extra.map((e) => `${e.key} ×${e.count}`))}`);
  }
  if (report.unanswered.length > 0) lines.push(`problem sets without any sample: ${list(report.unanswered)}`);
  if (report.missing.length > 0) lines.push(`problems without samples: ${list(report.missing)}`);
  if (report.short.length > 0) {
    const { min, max } = report.found;
    lines.push(
      `problems with fewer than k = ${k} samples: ${list(report.short.map((s) => `${s.key} (${s.samples})`))}; the samples hold ${min === max ? min : `${min} to ${max}`} per problem`,
    );
  }
  if (report.duplicates.length > 0) lines.push(`sample numbers given twice: ${list(report.duplicates)}`);
  if (lines.length > 0)
    throw new SamplesError(`the samples do not fit the problems:\n  ${lines.join("\n  ")}`, report);
}
