/** `rlvr grade`: grades a JSONL file of responses against gold answers into JSONL verdicts. */
import { Command } from "commander";
import { GradeLineSchema, type GradeRequest, type Verdict } from "../../../shared/contracts/grading.ts";
import { addGraderFlags, type GraderFlags, gradeOptionsFromFlags, openGrader } from "../grader-options.ts";
import { writeJsonDocument } from "../io/json-document.ts";
import { readJsonl, writeJsonl } from "../io/jsonl.ts";
import { progressBar } from "../ui/progress.ts";
import { describeVerdictSummary, verdictSummary } from "../ui/verdict-summary.ts";

const CHUNK = 1024;
const MAX_REPORTED_ERRORS = 10;

export function gradeCommand(): Command {
  const command = new Command("grade")
    .description(
      "grade a JSONL file ({response, gold, options?} per line; `candidate` is an alias of `response`) into JSONL verdicts",
    )
    .argument("<input>", "JSONL file, or - for stdin")
    .option("-o, --output <file>", "where the verdicts go (JSONL, one per input line, in order)", "-")
    .option("--quiet", "no progress bar or summary")
    .option("--json", "instead of JSONL, one JSON document: {summary, verdicts} (no summary on stderr)");
  addGraderFlags(command).action(
    async (input: string, flags: GraderFlags & { output: string; quiet?: boolean; json?: boolean }) => {
      const options = gradeOptionsFromFlags(flags);
      const requests = await readRequests(input);
      const grader = await openGrader(flags);
      // With --json the verdicts are written at the end, with the summary.
      const writer = flags.json ? undefined : writeJsonl(flags.output);
      const lines: (Verdict & { line: number })[] = [];
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
            const line = { line: chunk[i]!.line, ...verdict };
            if (writer) writer.write(line);
            else lines.push(line);
            verdicts.push(verdict);
          });
          const correct = verdicts.filter((v) => v.correct).length;
          progress?.tick(chunk.length, `correct ${((100 * correct) / verdicts.length).toFixed(1)}%`);
        }
      } finally {
        progress?.done();
        await writer?.close();
        await grader.close();
      }
      const summary = verdictSummary(verdicts, (performance.now() - started) / 1000);
      if (flags.json) await writeJsonDocument(flags.output, { summary, verdicts: lines });
      else if (!flags.quiet) console.error(describeVerdictSummary(summary));
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
