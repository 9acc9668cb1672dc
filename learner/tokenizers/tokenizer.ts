/** What the learner needs from any tokenizer: the model never sees text, only these ids. */
export interface Tokenizer {
  readonly vocabSize: number;
  /** Id of the end-of-sequence token that stops generation. */
  readonly eosId: number;
  /** Id used to fill padded positions; never attended to, so its value only has to be valid. */
  readonly padId: number;
  /** Id prepended to prompts, or undefined when the tokenizer's convention adds none (Qwen2). */
  readonly bosId: number | undefined;
  encode(text: string): number[];
  /** Special tokens are dropped unless `keepSpecial` is set. */
  decode(ids: readonly number[], options?: { keepSpecial?: boolean }): string;
}
