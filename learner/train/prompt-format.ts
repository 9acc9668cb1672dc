/**
 * How a problem becomes the token ids a policy is prompted with, which tokens end its response, and
 * whether the response must close a `<think>` block to count. The learner's own character models
 * read the bare problem; a Hugging Face checkpoint reads the paper's prompt inside its own chat
 * template, with the generation prompt.
 */
import type { Problem } from "../../shared/datasets/problems.ts";
import { promptText } from "../tasks/curriculum.ts";
import { type ChatTemplate, opensThink } from "../tokenizers/chat-template.ts";
import type { Tokenizer } from "../tokenizers/tokenizer.ts";

export interface PromptFormat {
  encode(problem: Pick<Problem, "problem">): number[];
  /** Ids that end a response; the first is the one a finished turn ends with (and SFT targets too). */
  readonly stopIds: readonly [number, ...number[]];
  /**
   * The prompt leaves a `<think>` block open, so a response without `</think>` never reached its
   * answer: grading's `requireThinkClose`.
   */
  readonly requireThinkClose: boolean;
}

/** The paper's instruction, after the question. */
export const PAPER_INSTRUCTION = "Let's think step by step and output the final answer within \\boxed{}.";

/**
 * The question with the paper's instruction after a blank line, as every prompt of the paper's
 * training set (DAPO-Math-17k in the authors' verl layout) has it already; those stay as they are,
 * so training and evaluation prompts read alike.
 */
export function paperQuestion(problem: Pick<Problem, "problem">): string {
  const text = problem.problem;
  return text.endsWith(PAPER_INSTRUCTION) ? text : `${text}\n\n${PAPER_INSTRUCTION}`;
}

function unique(ids: readonly number[]): [number, ...number[]] {
  const out = [...new Set(ids)];
  if (!out.length) throw new Error("a prompt format needs a token that ends responses");
  return out as [number, ...number[]];
}

const withBos = (tokenizer: Tokenizer, ids: number[]) =>
  tokenizer.bosId === undefined ? ids : [tokenizer.bosId, ...ids];

/** The learner's character models: the problem on a line of its own, after BOS; EOS ends it. */
export function charPrompts(tokenizer: Tokenizer): PromptFormat {
  return {
    encode: (problem) => withBos(tokenizer, tokenizer.encode(promptText(problem))),
    stopIds: [tokenizer.eosId],
    requireThinkClose: false,
  };
}

/** A tokenizer without a chat template (a base model's): the paper's prompt as plain text. */
export function plainPaperPrompts(tokenizer: Tokenizer, endIds: readonly number[]): PromptFormat {
  return {
    encode: (problem) => withBos(tokenizer, tokenizer.encode(paperQuestion(problem))),
    stopIds: unique([tokenizer.eosId, ...endIds]),
    requireThinkClose: false,
  };
}

/**
 * The token that closes an assistant turn in the template (`<|im_end|>` in Qwen's, R1's
 * end-of-sentence), when the template closes it with a special token.
 */
function turnEndId(tokenizer: Tokenizer, template: ChatTemplate): number | undefined {
  const first = tokenizer.encode(template.assistantTurnEnd)[0];
  if (first === undefined) return undefined;
  const special = tokenizer.decode([first]) === "" && tokenizer.decode([first], { keepSpecial: true }) !== "";
  return special ? first : undefined;
}

/**
 * The paper's prompt as the user's turn of the checkpoint's chat template, with the generation
 * prompt; the template writes any BOS itself (as transformers' `apply_chat_template` leaves it to).
 * Responses end on the template's turn end, the tokenizer's EOS or the generation config's.
 */
export function chatPaperPrompts(
  tokenizer: Tokenizer,
  template: ChatTemplate,
  endIds: readonly number[],
): PromptFormat {
  const turnEnd = turnEndId(tokenizer, template);
  return {
    encode: (problem) =>
      tokenizer.encode(
        template.render([{ role: "user", content: paperQuestion(problem) }], { addGenerationPrompt: true }),
      ),
    stopIds: unique([...(turnEnd === undefined ? [] : [turnEnd]), tokenizer.eosId, ...endIds]),
    requireThinkClose: opensThink(template.generationPrompt),
  };
}
