/**
 * `POST /v1/openrlhf/reward`: OpenRLHF's remote reward model format, translated into one batch of the grading
 * pipeline. A rollout earns 1.0 when its response is correct, else 0.0.
 */
import type { Context } from "hono";
import {
  OpenRlhfRewardRequestSchema,
  type OpenRlhfRewardResponse,
} from "../../../shared/contracts/openrlhf.ts";
import { decodeJson } from "../../common/http/decode.ts";
import type { Outcome } from "../../common/http/errors.ts";
import type { GradingPipeline } from "../pipeline.ts";

/**
 * The response is what follows the prompt in the query. A query that does not start with its prompt (the
 * prompt was truncated, or the trainer's tokenizer does not decode the prompt back verbatim) earns 0: the
 * prompt's end cannot be told from the response's start there, and grading prompt text would pay for
 * answers the prompt gives away (a prompt holding a worked example's \boxed{} answer).
 */
export function responseAfterPrompt(query: string, prompt: string): string | null {
  return query.startsWith(prompt) ? query.slice(prompt.length) : null;
}

export async function gradeOpenRlhfRewards(
  pipeline: GradingPipeline,
  body: Uint8Array,
): Promise<Outcome<OpenRlhfRewardResponse>> {
  const request = decodeJson(body, OpenRlhfRewardRequestSchema);
  if (!request.ok) return request;
  const { query, prompts, labels } = request.value;
  const responses = query.map((text, index) => responseAfterPrompt(text, prompts[index]));
  const gradable = responses.flatMap((response, index) => (response === null ? [] : [index]));
  const rewards: number[] = new Array(query.length).fill(0);
  if (gradable.length > 0) {
    const graded = await pipeline.gradeItems({
      items: gradable.map((index) => ({ response: responses[index] as string, gold: labels[index] })),
    });
    if (!graded.ok) return graded;
    graded.value.verdicts.forEach((verdict, k) => {
      rewards[gradable[k]] = verdict.correct ? 1 : 0;
    });
  }
  const unattributed = query.length - gradable.length;
  if (unattributed > 0) {
    console.warn(
      `grader: /v1/openrlhf/reward: ${unattributed} of ${query.length} queries do not start with their prompt and earn 0 (truncated prompts, or a tokenizer that does not decode them verbatim)`,
    );
  }
  return { ok: true, value: { rewards, scores: rewards } };
}

/**
 * As JSON with every number written as a float (`1.0`, not `1`): OpenRLHF turns the list into a tensor, and
 * a list of Python ints makes an integer tensor that its reward normalisation cannot average.
 */
export function replyOpenRlhfRewards(c: Context, { rewards, scores }: OpenRlhfRewardResponse): Response {
  const floats = (values: number[]) =>
    `[${values.map((value) => (Number.isInteger(value) ? value.toFixed(1) : String(value))).join(",")}]`;
  return c.body(`{"rewards":${floats(rewards)},"scores":${floats(scores)}}`, 200, {
    "Content-Type": "application/json",
  });
}
