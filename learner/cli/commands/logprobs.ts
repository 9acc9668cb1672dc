/**
 * `rlvr logprobs`: the per-token log-probs a checkpoint gives texts or token ids, as JSON Lines, to
 * compare the learner's forward pass with vLLM's `prompt_logprobs` or transformers' on the same
 * checkpoint.
 */
import { Command, Option } from "commander";
import { z } from "zod";
import { loadCheckpoint, readCheckpointConfig } from "../../model/checkpoint.ts";
import { describeIssues } from "../../model/config.ts";
import { disposeParams } from "../../model/params.ts";
import { logProbsOfSequences } from "../../model/sequence-log-probs.ts";
import type { Tokenizer } from "../../tokenizers/tokenizer.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { loadPolicyText } from "../../train/load-policy.ts";
import { readJsonl, writeJsonl } from "../io/jsonl.ts";
import { backendOption } from "../options/learner-options.ts";
import { positiveInt } from "../options/values.ts";
import { storedTokenizer } from "./generate.ts";

const id = z.union([z.string(), z.number()]).optional();

/** One input line: a text (encoded by the checkpoint's tokenizer) or token ids as they are. */
export const LogprobsInputSchema = z.union([
  z.object({ id, text: z.string().min(1) }).strict(),
  z.object({ id, token_ids: z.array(z.number().int().min(0)).min(1) }).strict(),
]);
export type LogprobsInput = z.output<typeof LogprobsInputSchema>;

interface LogprobsFlags {
  checkpoint: string;
  out: string;
  batchSize: number;
  backend: BackendName;
}

async function readInputs(path: string): Promise<LogprobsInput[]> {
  const inputs: LogprobsInput[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const parsed = LogprobsInputSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `${path}:${line}: expected {"text": "..."} or {"token_ids": [...]} (and an optional "id"): ${describeIssues(parsed.error)}`,
      );
    }
    inputs.push(parsed.data);
  }
  if (!inputs.length) throw new Error(`${path} holds no lines to score`);
  return inputs;
}

/** The tokenizer the learner builds for the checkpoint, or why it cannot. */
async function checkpointTokenizer(dir: string): Promise<Tokenizer> {
  try {
    return (await loadPolicyText(await storedTokenizer(dir), dir)).tokenizer;
  } catch (error) {
    throw new Error(
      `the input has "text" lines, but no tokenizer can be built for ${dir} (${(error as Error).message}); give "token_ids" instead`,
    );
  }
}

/** Token ids of every input; texts as the tokenizer encodes them, after its BOS when it adds one. */
async function tokenIds(inputs: readonly LogprobsInput[], dir: string): Promise<number[][]> {
  const tokenizer = inputs.some((i) => "text" in i) ? await checkpointTokenizer(dir) : undefined;
  return inputs.map((input) => {
    if ("token_ids" in input) return input.token_ids;
    const ids = tokenizer!.encode(input.text);
    return tokenizer!.bosId === undefined ? ids : [tokenizer!.bosId, ...ids];
  });
}

export function logprobsCommand(): Command {
  return new Command("logprobs")
    .description(
      "per-token log-probs of texts or token ids under a checkpoint, as JSONL (compare with vLLM's prompt_logprobs)",
    )
    .argument(
      "<file>",
      'JSONL, one {"text": ...} or {"token_ids": [...]} per line (optional "id"); - for stdin',
    )
    .requiredOption("--checkpoint <dir>", "checkpoint directory (the learner's or a Hugging Face Qwen2 one)")
    .option("--out <file>", "output JSONL (- for stdout)", "-")
    .addOption(new Option("--batch-size <n>", "sequences per forward pass").argParser(positiveInt).default(8))
    .addOption(backendOption())
    .action(async (file: string, flags: LogprobsFlags) => {
      // A missing or broken checkpoint stops here, before the input is read or a backend starts.
      await readCheckpointConfig(flags.checkpoint);
      const inputs = await readInputs(file);
      const sequences = await tokenIds(inputs, flags.checkpoint);
      await selectBackend(flags.backend);
      const started = performance.now();
      const { model } = await loadCheckpoint(flags.checkpoint);
      try {
        const scored = logProbsOfSequences(model, sequences, { batchSize: flags.batchSize });
        const writer = writeJsonl(flags.out);
        inputs.forEach((input, i) => {
          writer.write({
            ...(input.id !== undefined && { id: input.id }),
            token_ids: sequences[i],
            logprobs: scored[i],
          });
        });
        await writer.close();
        const tokens = sequences.reduce((n, s) => n + s.length, 0);
        const seconds = (performance.now() - started) / 1000;
        console.error(`${inputs.length} sequences, ${tokens} tokens scored in ${seconds.toFixed(1)} s`);
      } finally {
        disposeParams(model.params);
      }
    });
}
