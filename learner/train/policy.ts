import type { Problem } from "../../shared/datasets/problems.ts";
import type { Model } from "../model/forward.ts";
import { promptText } from "../tasks/curriculum.ts";
import type { Tokenizer } from "../tokenizers/tokenizer.ts";

/** A model with the tokenizer that reads and writes its ids. */
export interface Policy {
  model: Model;
  tokenizer: Tokenizer;
}

export function encodePrompt(tokenizer: Tokenizer, problem: Pick<Problem, "problem">): number[] {
  const ids = tokenizer.encode(promptText(problem));
  return tokenizer.bosId === undefined ? ids : [tokenizer.bosId, ...ids];
}
