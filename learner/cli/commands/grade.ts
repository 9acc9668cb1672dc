/** `rlvr grade`: grades a JSONL file of responses against gold answers into JSONL verdicts. */
import { Command } from "commander";
import { GradeLineSchema, type GradeRequest, type Verdict } from "../../../shared/contracts/grading.ts";
import { addGraderFlags, type GraderFlags, gradeOptionsFromFlags, openGrader } from "../grader-options.ts";
import { readJsonl, writeJsonl } from "../io/jsonl.ts";
import { progressBar } from "../ui/progress.ts";
import { summarizeVerdicts } from "../ui/verdict-summary.ts";

const CHUNK = 1024;
const MAX_REPORTED_ERRORS = 10;

export function gradeCommand(): Command {
  const command = new Command("grade")
    .description(
      "grade a JSONL file ({response, gold, options?} per line; `candidate` is an alias of `response`) into JSONL verdicts",
    )
    .argument("<input>", "JSONL file, or - for stdin")
    .option("-o, --output <file>", "where the verdicts go (JSONL, one per input line, in order)", "-")
    .option("--quiet", "no progress bar or summary");
  addGraderFlags(command).action(
    async (input: string, flags: GraderFlags & { output: string; quiet?: boolean }) => {
      const requests = await readRequests(input);
      const options = gradeOptionsFromFlags(flags);
      const grader = await openGrader(flags);
      const writer = writeJsonl(flags.output);
      const progress = flags.quiet ? undefined : progressBar(`grading via ${flags.via}`, requests.length);
      const verdicts: Verdict[] = [];
      const started = performance.now();
      try {
        for (let start = 0; start < requests.length; start += CHUNK) {
          const chunk = requests.slice(start, start + CHUNK);
          const graded = await grader.gradeMany(
            chunk.map((r) => r.request),
            options,
          );
          graded.forEach((verdict, i) => {
            writer.write({ line: chunk[i]!.line, ...verdict });
            verdicts.push(verdict);
          });
          const correct = verdicts.filter((v) => v.correct).length;
          progress?.tick(chunk.length, `correct ${((100 * correct) / verdicts.length).toFixed(1)}%`);
        }
      } finally {
        progress?.done();
        await writer.close();
        await grader.close();
      }
      if (!flags.quiet) console.error(summarizeVerdicts(verdicts, (performance.now() - started) / 1000));
    },
  );
  return command;
}

async function readRequests(path: string): Promise<{ line: number; request: GradeRequest }[]> {
  const requests: { line: number; request: GradeRequest }[] = [];
  const problems: string[] = [];
  for await (const { line, value } of readJsonl(path)) {
    const parsed = GradeLineSchema.safeParse(value);
    if (parsed.success) requests.push({ line, request: parsed.data });
    else {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`)
        .join("; ");
      problems.push(`${path}:${line}: ${issues}`);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_ERRORS).join("\n  ");
    const more =
      problems.length > MAX_REPORTED_ERRORS ? `\n  … and ${problems.length - MAX_REPORTED_ERRORS} more` : "";
    throw new Error(`${problems.length} invalid line(s), nothing graded:\n  ${shown}${more}`);
  }
  if (requests.length === 0) throw new Error(`${path} holds no lines to grade`);
  return requests;
}
