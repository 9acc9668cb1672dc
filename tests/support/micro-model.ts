/** The smallest Qwen2-style shapes the tests train, sample and compare backends with. */
import { parseModelConfig } from "../../learner/model/config.ts";
import { CHAR_VOCAB_SIZE } from "../../learner/tokenizers/char.ts";

/** Small enough for the cpu backend to run a forward pass or an update step in well under a second. */
export const MICRO_SIZES = {
  hiddenSize: 32,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  intermediateSize: 48,
  maxPositions: 64,
};

/** A micro policy over the character vocabulary, the one the trainer and the CLI run with in tests. */
export const MICRO_MODEL = parseModelConfig({
  vocabSize: CHAR_VOCAB_SIZE,
  ...MICRO_SIZES,
  tieEmbeddings: true,
});
