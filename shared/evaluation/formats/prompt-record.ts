/**
 * What every samples format turns one line into: the problem as the line names it (benchmark, id,
 * question text) and the responses it holds. problem-identity.ts then finds the problem it means.
 */
import type { z } from "zod";

export interface PromptRecord {
  /** The benchmark the line names: matched against the problem sets' names. */
  benchmark?: string;
  /** The problem's id in its set, as the line gives it. */
  id?: string;
  /** The question, bare or inside a prompt template: looked up in the problem sets' texts. */
  question?: string;
  responses: string[];
  /** Which of the problem's samples a one-response line is (the rlvr format's `sample`). */
  sample?: number;
}

export const SAMPLES_FORMAT_NAMES = ["rlvr", "vllm", "lighteval", "qwen-math"] as const;
export type SamplesFormatName = (typeof SAMPLES_FORMAT_NAMES)[number];

export interface SamplesFormat {
  name: SamplesFormatName;
  /** Top-level fields of which one is enough to recognise a line of this format. */
  signature: readonly string[];
  /** The fields it reads, for messages. */
  fields: string;
  schema: z.ZodType<PromptRecord>;
}
