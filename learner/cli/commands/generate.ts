/** `rlvr generate`: sample responses from a checkpoint into a samples file that `rlvr eval` scores. */
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Command, Option } from "commander";
import { DEFAULT_K } from "../../../shared/contracts/evaluation.ts";
import { resolveProblemSets } from "../../../shared/datasets/resolve.ts";
import { inspectCheckpoint } from "../../model/checkpoint.ts";
import { describeIssues } from "../../model/config.ts";
import { disposeParams } from "../../model/params.ts";
import { type BackendName, selectBackend } from "../../train/backend.ts";
import { type TokenizerConfig, TokenizerConfigSchema } from "../../train/config.ts";
import { CURRICULUM_TEST_SET, curriculumTestSet } from "../../train/data.ts";
import { generateSamples } from "../../train/generate-samples.ts";
import { loadPolicy } from "../../train/load-policy.ts";
import { printJson } from "../io/json-document.ts";
import { writeJsonl } from "../io/jsonl.ts";
import { backendOption, levelsOption } from "../options/learner-options.ts";
import { UsageError } from "../options/usage.ts";
import { nonNegativeInt, positiveInt, positiveNumber, probability } from "../options/values.ts";
import { progressBar } from "../ui/progress.ts";

interface GenerateFlags {
  checkpoint: string;
  data?: string[];
  problems: number;
  seed: number;
  k: number;
  temperature: number;
  topP: number;
  maxNewTokens: number;
  out: string;
  problemsOut?: string;
  backend: BackendName;
  levels?: number[];
  json?: boolean;
}

export function generateCommand(): Command {
  return new Command("generate")
    .description("sample k responses per problem from a checkpoint into a samples JSONL for `rlvr eval`")
    .requiredOption(
      "--checkpoint <dir>",
      "checkpoint directory (rlvr sft / rlvr train output, or a Hugging Face Qwen2 one)",
    )
    .option(
      "--data <path...>",
      "problem sets (.jsonl/.parquet files or folders); default: the curriculum's test split",
    )
    .addOption(
      new Option("--problems <n>", "curriculum test problems (without --data)")
        .argParser(positiveInt)
        .default(100),
    )
    .addOption(
      new Option("--seed <n>", "seed of the curriculum split and of sampling")
        .argParser(nonNegativeInt)
        .default(1),
    )
    .addOption(
      new Option("--k <n>", "samples per problem (rlvr eval's default too)")
        .argParser(positiveInt)
        .default(DEFAULT_K),
    )
    .addOption(new Option("--temperature <t>", "sampling temperature").argParser(positiveNumber).default(0.6))
    .addOption(new Option("--top-p <p>", "nucleus mass").argParser(probability).default(1))
    .addOption(new Option("--max-new-tokens <n>", "response length limit").argParser(positiveInt).default(40))
    .option("--out <file>", "samples JSONL", "runs/generate/samples.jsonl")
    .addOption(
      new Option(
        "--problems-out <file>",
        `where the curriculum problems go for \`rlvr eval --data\` (default: ${CURRICULUM_TEST_SET}.jsonl beside --out)`,
      ),
    )
    .addOption(levelsOption())
    .addOption(backendOption())
    .option("--json", "print what was written (paths and counts) as JSON on stdout, and nothing else")
    .action(async (flags: GenerateFlags) => {
      if (flags.json && flags.out === "-") {
        throw new UsageError("--json and --out - both write to stdout: give --out a file");
      }
      await selectBackend(flags.backend);
      const { policy } = await loadPolicy(
        { checkpoint: flags.checkpoint },
        await storedTokenizer(flags.checkpoint),
        flags.seed,
      );
      if (policy.prompts.requireThinkClose) {
        console.error(
          "the chat template opens <think> in the prompt: grade these samples with `rlvr eval --require-think-close`",
        );
      }
      await mkdir(dirname(flags.out), { recursive: true });
      const sets = flags.data
        ? await resolveProblemSets(flags.data)
        : [curriculumTestSet(flags.problems, flags.seed, flags.levels)];
      const problemsPath = flags.data
        ? undefined
        : (flags.problemsOut ?? join(dirname(flags.out), `${CURRICULUM_TEST_SET}.jsonl`));
      if (problemsPath) {
        const writer = writeJsonl(problemsPath);
        for (const p of sets[0]!.problems) writer.write({ id: p.id, problem: p.problem, answer: p.gold });
        await writer.close();
        console.error(`problems: ${problemsPath}`);
      }
      const total = sets.reduce((n, s) => n + s.problems.length, 0);
      const bar = progressBar("generate", total);
      let done = 0;
      try {
        const samples = generateSamples(policy, sets, {
          k: flags.k,
          temperature: flags.temperature,
          topP: flags.topP,
          maxNewTokens: flags.maxNewTokens,
          seed: flags.seed,
          onProgress: (n) => {
            bar.tick(n - done);
            done = n;
          },
        });
        bar.done();
        const writer = writeJsonl(flags.out);
        for (const s of samples) writer.write(s);
        await writer.close();
        const summary = `${samples.length} samples of ${total} problems (k = ${flags.k}): ${flags.out}`;
        if (flags.json) {
          printJson({
            samples: flags.out,
            problems: total,
            k: flags.k,
            count: samples.length,
            problemsFile: problemsPath ?? null,
          });
        } else if (flags.out === "-") console.error(summary);
        else console.log(summary);
      } finally {
        disposeParams(policy.model.params);
      }
    });
}

/**
 * The tokenizer a checkpoint of `rlvr sft` or `rlvr train` recorded, found before any weights are
 * read; undefined for one that no rlvr run saved (its own tokenizer files, else the character one).
 */
export async function storedTokenizer(dir: string): Promise<TokenizerConfig | undefined> {
  const { metadata } = await inspectCheckpoint(dir);
  const stored = (metadata as { config?: { tokenizer?: unknown } } | undefined)?.config?.tokenizer;
  const parsed = TokenizerConfigSchema.optional().safeParse(stored);
  if (!parsed.success) {
    throw new Error(`${dir} records a tokenizer this learner does not read: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}
