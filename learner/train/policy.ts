import type { Model } from "../model/forward.ts";
import type { Tokenizer } from "../tokenizers/tokenizer.ts";
import type { PromptFormat } from "./prompt-format.ts";

/** A model with the tokenizer that reads and writes its ids, and the way it is prompted. */
export interface Policy {
  model: Model;
  tokenizer: Tokenizer;
  prompts: PromptFormat;
}
