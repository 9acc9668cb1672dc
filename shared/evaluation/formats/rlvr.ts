/** The project's own samples lines (what `rlvr generate` writes): one response per line. */
import { SampleSchema } from "../../contracts/evaluation.ts";
import type { SamplesFormat } from "./prompt-record.ts";

export const rlvrFormat: SamplesFormat = {
  name: "rlvr",
  signature: ["response"],
  fields: "response and problem_id|index",
  schema: SampleSchema.transform((s) => ({
    benchmark: s.benchmark,
    id: String(s.problem_id ?? s.index),
    responses: [s.response],
    sample: s.sample,
  })),
};
