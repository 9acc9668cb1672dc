/**
 * Lines that sampling scripts around vLLM (or an OpenAI-compatible server) write: one prompt a line
 * with its list of responses under `outputs`, `responses` or `completions` (verl's generation writes
 * `responses` beside the dataset's columns). The problem is named by an id field (verl's
 * `extra_info.index` too), or by its text in `problem`, `question` or `prompt`.
 */
import { z } from "zod";
import { ProblemIdSchema, PromptTextSchema, ResponseListSchema } from "./fields.ts";
import type { SamplesFormat } from "./prompt-record.ts";

const VllmLineSchema = z
  .object({
    outputs: ResponseListSchema.optional(),
    responses: ResponseListSchema.optional(),
    completions: ResponseListSchema.optional(),
    problem: z.string().optional(),
    question: z.string().optional(),
    prompt: PromptTextSchema.optional(),
    problem_id: ProblemIdSchema.optional(),
    idx: ProblemIdSchema.optional(),
    index: ProblemIdSchema.optional(),
    id: ProblemIdSchema.optional(),
    extra_info: z.object({ index: ProblemIdSchema.optional() }).optional(),
    benchmark: z.string().optional(),
    data_source: z.string().optional(),
    dataset: z.string().optional(),
    task: z.string().optional(),
  })
  .refine((l) => l.outputs ?? l.responses ?? l.completions, {
    message: "needs `outputs`, `responses` or `completions`: a list of responses",
  })
  .transform((l) => ({
    benchmark: l.benchmark ?? l.data_source ?? l.dataset ?? l.task,
    id: l.problem_id ?? l.idx ?? l.index ?? l.id ?? l.extra_info?.index,
    question: l.problem ?? l.question ?? l.prompt,
    responses: (l.outputs ?? l.responses ?? l.completions)!,
  }));

export const vllmFormat: SamplesFormat = {
  name: "vllm",
  signature: ["outputs", "responses", "completions"],
  fields:
    "outputs|responses|completions (a list), and problem_id|idx|index|id and/or problem|question|prompt",
  schema: VllmLineSchema,
};
