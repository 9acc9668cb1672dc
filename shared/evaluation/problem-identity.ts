/**
 * Which problem a line of another harness's output means. Harnesses number problems in their own
 * copies of a benchmark, whose order need not be ours, so the question text decides when the line has
 * one: the problem whose text equals it, or the longest one it contains (prompt templates wrap the
 * question). The line's id is used when it has no question, or one found nowhere.
 */
import type { Sample } from "../contracts/evaluation.ts";
import type { ProblemSet } from "../datasets/problems.ts";
import type { PromptRecord } from "./formats/prompt-record.ts";

export interface Identification {
  samples: Sample[];
  /** Lines whose problem was found by its question text. */
  byQuestion: number;
  /** Lines identified by their id (matched against the problem sets later, as samples). */
  byId: number;
  /**
   * Lines whose question text is in no problem set, or is several problems' (such lines with an id
   * are counted in `byId` too).
   */
  questionNotFound: number;
  /** Lines that name no problem this can find. */
  unmatched: { line: number; reason: string }[];
}

interface Located {
  set: string;
  id: string;
  text: string;
}

export function identifyProblems(
  records: (PromptRecord & { line: number })[],
  sets: ProblemSet[],
): Identification {
  const texts = sets.flatMap((s) =>
    s.problems.map((p) => ({ set: s.name, id: p.id, text: normalize(p.problem) })),
  );
  const exact = new Map<string, Located[]>();
  for (const t of texts) exact.set(t.text, [...(exact.get(t.text) ?? []), t]);
  const result: Identification = { samples: [], byQuestion: 0, byId: 0, questionNotFound: 0, unmatched: [] };
  for (const record of records) {
    const set = record.benchmark === undefined ? undefined : setNamed(sets, record.benchmark);
    // Without sample numbers, a problem's responses keep the order they come in, across lines too.
    const add = (benchmark: string | undefined, id: string) => {
      for (const response of record.responses)
        result.samples.push({ benchmark, problem_id: id, response, sample: record.sample });
    };
    const candidates =
      record.question === undefined ? [] : locate(normalize(record.question), set, exact, texts);
    if (candidates.length === 1) {
      result.byQuestion++;
      add(candidates[0]!.set, candidates[0]!.id);
      continue;
    }
    if (record.question !== undefined) result.questionNotFound++;
    if (record.id !== undefined) {
      result.byId++;
      add(set ?? record.benchmark, record.id);
      continue;
    }
    const reason =
      record.question === undefined
        ? "names no problem (no id, no question)"
        : candidates.length === 0
          ? `its question is in no problem set${set ? ` (looked in ${set})` : ""}, and it has no id`
          : `its question is that of several problems (${candidates.map((c) => `${c.set}/${c.id}`).join(", ")}), and it has no id`;
    result.unmatched.push({ line: record.line, reason });
  }
  return result;
}

/**
 * The problems `question` is, else the longest it contains: one when the question identifies its
 * problem, none or several when it does not.
 */
function locate(
  question: string,
  set: string | undefined,
  exact: Map<string, Located[]>,
  texts: Located[],
): Located[] {
  const inSet = (t: Located) => set === undefined || t.set === set;
  const equal = (exact.get(question) ?? []).filter(inSet);
  if (equal.length > 0) return equal;
  let longest: Located[] = [];
  for (const t of texts) {
    if (!inSet(t) || t.text.length === 0 || !question.includes(t.text)) continue;
    if (longest.length === 0 || t.text.length > longest[0]!.text.length) longest = [t];
    else if (t.text.length === longest[0]!.text.length) longest.push(t);
  }
  return longest;
}

/**
 * The problem set a benchmark name means: its own name, or a name that is the same but for case and
 * punctuation, alone or as one part of a task name (`math_500`, `lighteval|math_500|0`).
 */
export function setNamed(sets: ProblemSet[], name: string): string | undefined {
  if (sets.some((s) => s.name === name)) return name;
  const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const parts = new Set([name, ...name.split(/[|:/]/)].map(key));
  return sets.find((s) => parts.has(key(s.name)))?.name;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
