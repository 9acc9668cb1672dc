/**
 * OpenRLHF's remote reward model format (`--remote_rm_url`, `--reward.remote_url` since OpenRLHF 0.10.2),
 * served by the grader at `POST /v1/openrlhf/reward`.
 */
import { z } from "zod";
import { GoldSchema, MAX_RESPONSE_CHARS } from "./grading.ts";

/**
 * OpenRLHF posts a whole rollout batch (rollout batch size × samples per prompt) in one request, so this
 * route takes more than `/v1/grade/batch`: 16 × 1,024 rollouts of 8k tokens are about 130 MiB of JSON.
 */
export const MAX_OPENRLHF_QUERIES = 65_536;
export const OPENRLHF_BODY_LIMIT_BYTES = 256 * 1024 * 1024;

const required = (field: string, why: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? `${field} is required: ${why}` : undefined,
});

/**
 * Not strict: OpenRLHF forks send more fields beside these (`metadata`, `datasources`), and OpenRLHF's own
 * reward server ignores what it does not read.
 */
export const OpenRlhfRewardRequestSchema = z
  .object({
    /** Prompt and response as one string each, as the trainer decoded the rollout's tokens. */
    query: z
      .array(z.string().max(MAX_RESPONSE_CHARS), required("query", "one prompt + response per rollout"))
      .min(1)
      .max(MAX_OPENRLHF_QUERIES),
    /** The prompt that each query starts with: only what follows it is graded. */
    prompts: z.array(
      z.string().max(MAX_RESPONSE_CHARS),
      required("prompts", "the grader grades only what follows each prompt in its query"),
    ),
    /** The gold answers: OpenRLHF sends the dataset column named by `--label_key` (`--data.label_key`). */
    labels: z.array(
      GoldSchema,
      required("labels", "pass the gold answers with OpenRLHF's --label_key (--data.label_key)"),
    ),
  })
  .superRefine(({ query, prompts, labels }, context) => {
    for (const [field, values] of [
      ["prompts", prompts],
      ["labels", labels],
    ] as const) {
      if (values.length !== query.length) {
        context.addIssue({
          code: "custom",
          path: [field],
          message: `has ${values.length} ${values.length === 1 ? "entry" : "entries"} but query has ${query.length}: one per query`,
        });
      }
    }
    // OpenRLHF sends "" for every label when --label_key is not given: no gold to grade against.
    const empty = labels.flatMap((label, index) => (label === "" ? [index] : []));
    if (empty.length > 0) {
      const more = empty.length > 1 ? ` (and ${empty.length - 1} more)` : "";
      context.addIssue({
        code: "custom",
        path: ["labels", empty[0]],
        message: `empty gold answer${more}: pass the gold answers with OpenRLHF's --label_key (--data.label_key)`,
      });
    }
  });

/** What OpenRLHF reads: `rewards` for the advantages, `scores` (0–1) for dynamic filtering. */
export const OpenRlhfRewardResponseSchema = z.object({
  rewards: z.array(z.number()),
  scores: z.array(z.number()),
});

export type OpenRlhfRewardRequest = z.output<typeof OpenRlhfRewardRequestSchema>;
export type OpenRlhfRewardResponse = z.output<typeof OpenRlhfRewardResponseSchema>;
