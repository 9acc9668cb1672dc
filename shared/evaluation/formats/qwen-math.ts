/**
 * The Qwen2.5-Math evaluation's output (`math_eval.py --save_outputs`): one problem a line with `idx`,
 * `question`, `gt`, and its n samples in `code` (the responses) and `pred` (the answers its own parser
 * extracted). The responses are graded, not `pred`: the extraction is the answer checker's job here.
 */
import { z } from "zod";
import { ProblemIdSchema, ResponseListSchema } from "./fields.ts";
import type { SamplesFormat } from "./prompt-record.ts";

const QwenMathLineSchema = z
  .object({ idx: ProblemIdSchema.optional(), question: z.string().optional(), code: ResponseListSchema })
  .transform((l) => ({ id: l.idx, question: l.question, responses: l.code }));

export const qwenMathFormat: SamplesFormat = {
  name: "qwen-math",
  signature: ["code"],
  fields: "code (a list) and idx and/or question",
  schema: QwenMathLineSchema,
};
