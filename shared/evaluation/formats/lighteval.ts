/**
 * lighteval's details (`--save-details`), one line per document. Since lighteval 0.10 a line is
 * `{doc, model_response, metric}`: the prompt in `doc.query` (the question inside the task's
 * template; `doc.original_query` when kept), the task in `doc.task_name`, the generations in
 * `model_response.text`. Before, the columns were flat: `example` (the query), `full_prompt`,
 * `predictions`, `gold`.
 */
import { z } from "zod";
import { MAX_RESPONSE_CHARS } from "../../contracts/grading.ts";
import { ProblemIdSchema } from "./fields.ts";
import type { SamplesFormat } from "./prompt-record.ts";

const GenerationSchema = z.string().max(MAX_RESPONSE_CHARS);
const GenerationsSchema = z.array(GenerationSchema).min(1, "holds no generations");

const DetailsSchema = z
  .object({
    doc: z.object({
      query: z.string(),
      original_query: z.string().nullish(),
      id: ProblemIdSchema.nullish(),
      task_name: z.string().nullish(),
    }),
    model_response: z.object({ text: GenerationsSchema }),
  })
  .transform((l) => ({
    benchmark: l.doc.task_name || undefined,
    id: l.doc.id ?? undefined,
    question: l.doc.original_query || l.doc.query,
    responses: l.model_response.text,
  }));

/** Older details: one request's generations may come as a nested list. */
const FlatDetailsSchema = z
  .object({
    predictions: z.array(z.union([GenerationSchema, GenerationsSchema])).min(1, "holds no generations"),
    example: z.string().optional(),
    full_prompt: z.string().optional(),
  })
  .transform((l) => ({ question: l.example ?? l.full_prompt, responses: l.predictions.flat() }));

export const lightevalFormat: SamplesFormat = {
  name: "lighteval",
  signature: ["model_response", "predictions"],
  fields: "doc.query and model_response.text, or example and predictions",
  schema: z.union([DetailsSchema, FlatDetailsSchema], {
    error:
      "expected {doc: {query}, model_response: {text: [generations]}} (lighteval 0.10 on) or {example, predictions: [generations]} (before)",
  }),
};
