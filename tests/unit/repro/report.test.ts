/**
 * The reproduction report from a summary: what it says about intervals, bands and the step-0 point,
 * for the committed reproduction (recorded before any of them) and for a summary that has them all;
 * and `--report-only`'s re-render from summary.json.
 */
import assert from "node:assert/strict";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "../../../infra/stack/binaries.ts";
import { reportHtml, reportMarkdown } from "../../../learner/repro/report.ts";
import { rerenderReport } from "../../../learner/repro/rerender.ts";
import { type SummaryInputs, SummaryInputsSchema, summarize } from "../../../learner/repro/summary.ts";

const COMMITTED = join(PROJECT_ROOT, "docs", "results", "repro", "summary.json");

const committed = async (): Promise<SummaryInputs> =>
  SummaryInputsSchema.parse(JSON.parse(await readFile(COMMITTED, "utf8")));

/** The committed summary as a run of this code records it: per-problem shares, spreads, step 0. */
function asRecordedNow(inputs: SummaryInputs): SummaryInputs {
  const problems = (average: number) => Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? average * 2 : 0));
  const withProblems = <T extends { byFamily: Record<string, number> }>(pass1: T) => ({
    ...pass1,
    byProblem: Object.fromEntries(
      Object.entries(pass1.byFamily).map(([f, v]) => [f, problems(Math.min(v, 0.5))]),
    ),
  });
  const curves = Object.fromEntries(
    Object.entries(inputs.curves).map(([name, method]) => [
      name,
      {
        ...method,
        curves: {
          ...method.curves,
          entropy: method.curves.entropy.map((p) => ({ ...p, std: 0.01 })),
          valPass1: [{ x: 0, y: 0.15, std: 0.01 }, ...method.curves.valPass1],
        },
      },
    ]),
  );
  return {
    ...inputs,
    start: { ...inputs.start, pass1: withProblems(inputs.start.pass1) },
    runs: inputs.runs.map((r) => ({ ...r, pass1: withProblems(r.pass1) })),
    curves,
  };
}

describe("reproduction report", () => {
  it("says what the committed runs did not record: intervals, bands, the step-0 validation", async () => {
    const summary = summarize(await committed());
    const markdown = reportMarkdown(summary);
    assert.match(markdown, /recorded before per-problem Pass@1 was kept, so no interval/);
    assert.doesNotMatch(markdown, /\[\d\.\d{3}, \d\.\d{3}\]/);
    const html = reportHtml(summary);
    assert.match(html, /recorded as means over seeds only/);
    assert.match(html, /predate the step-0 validation/);
    const figure4 = html.split(`id="figure-4"`)[1]!.split("<h2")[0]!;
    assert.doesNotMatch(figure4, /class="band"/, "the training curves were recorded without their spread");
  });

  it("shows intervals, bands and step 0 for runs that recorded them", async () => {
    const summary = summarize(asRecordedNow(await committed()));
    const markdown = reportMarkdown(summary);
    assert.match(markdown, /bootstrap of the held-out problems/);
    assert.match(markdown, /\| REAL \| .*\d\.\d{3} ± \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]/);
    const html = reportHtml(summary);
    assert.match(html, /The shaded band is ± one standard deviation over seeds/);
    assert.match(html, /starts at step 0, the starting checkpoint/);
    assert.ok((html.match(/class="band"/g)?.length ?? 0) >= 4, "bands in the entropy and validation panels");
  });
});

describe("rlvr repro --report-only", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "rlvr-report-only-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("renders the report again from summary.json alone, and says it did", async () => {
    await copyFile(COMMITTED, join(dir, "summary.json"));
    const { summary, paths } = await rerenderReport(dir);
    const html = await readFile(paths.html, "utf8");
    assert.match(html, /Report rendered again from summary\.json/);
    assert.equal(summary.runs.length, (await committed()).runs.length);
    const written = JSON.parse(await readFile(paths.summary, "utf8")) as { rerendered?: unknown };
    assert.ok(written.rerendered, "the summary records the re-render");
    assert.match(await readFile(paths.markdown, "utf8"), /## Table 1: methods/);
  });

  it("refuses a folder without a summary, and a file that is not one, in one line", async () => {
    const empty = await mkdtemp(join(dir, "empty-"));
    await assert.rejects(
      rerenderReport(empty),
      (e: Error) => /summary\.json not found/.test(e.message) && !e.message.includes("\n"),
    );
    await writeFile(join(empty, "summary.json"), '{"command": 3}');
    await assert.rejects(
      rerenderReport(empty),
      (e: Error) => /is not a reproduction summary: command: /.test(e.message) && !e.message.includes("\n"),
    );
    await writeFile(join(empty, "summary.json"), "{");
    await assert.rejects(rerenderReport(empty), /is not JSON/);
  });
});
