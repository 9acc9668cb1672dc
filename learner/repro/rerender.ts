/**
 * `rlvr repro --report-only`: a report rendered again from the summary.json it was written with, by
 * the current code (tables, intervals, figures, outcome), without the runs' folders or any training.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { code } from "./provenance.ts";
import { REPORT_FILES, writeReport } from "./report.ts";
import { type Summary, SummaryInputsSchema, summarize } from "./summary.ts";

export async function rerenderReport(
  reportDir: string,
): Promise<{ summary: Summary; paths: Awaited<ReturnType<typeof writeReport>> }> {
  const path = join(reportDir, REPORT_FILES.summary);
  const text = await readFile(path, "utf8").catch(() => {
    throw new Error(
      `${path} not found: --report-only renders again a report that \`rlvr repro\` wrote there`,
    );
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON`);
  }
  const parsed = SummaryInputsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${path} is not a reproduction summary: ${issue.path.join(".") || "(summary)"}: ${issue.message}`,
    );
  }
  const summary = summarize({
    ...parsed.data,
    rerendered: { at: new Date().toISOString(), code: await code([reportDir]) },
  });
  return { summary, paths: await writeReport(reportDir, summary) };
}
